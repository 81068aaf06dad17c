import type { RunbookStep, StepKind, UserSummary } from '../../../../src/contract';
import { STEP_KIND_LABELS, STEP_KINDS } from '../../../../src/contract';
import { instantToWallTime, wallTimeToInstant } from '../../../../src/domain/calendar/wall-time';
import type { FieldErrors, FieldLabel } from '../field-errors';
import { slug, uniqueId } from '../ids';

/**
 * The step editor's form (a runbook's steps on the Go-live page, a release type's template in
 * Release settings): what people type, as text, and the step the server is sent. The server
 * decides what is valid; the form only turns text into the step's shape and names its fields so
 * the server's refusals land next to the field at fault.
 */

export type OwnerChoice = 'nobody' | 'user' | 'group';
export type StartChoice = 'after-dependencies' | 'relative' | 'absolute';

export interface StepForm {
  /** Empty for a new step: made from the title when saved. */
  id: string;
  title: string;
  description: string;
  ownerType: OwnerChoice;
  owner?: UserSummary;
  groupName: string;
  environment: string;
  startType: StartChoice;
  /** Minutes from the go-live start, as typed (negative: before it). */
  offsetMinutes: string;
  /** A wall time in the project's zone (`2026-11-24T09:00`), what the DateTimeInput holds. */
  startAt: string;
  durationMinutes: string;
  dependsOn: string[];
  kind: StepKind;
  link: string;
  /** A checkpoint's approvers, who vote continue or rollback during the run. */
  approvers: UserSummary[];
}

export const KIND_OPTIONS = STEP_KINDS.map((value) => ({ value, label: STEP_KIND_LABELS[value] }));

export function emptyStepForm(kind: StepKind = 'deployment'): StepForm {
  return { id: '', title: '', description: '', ownerType: 'nobody', groupName: '', environment: '', startType: 'after-dependencies', offsetMinutes: '0', startAt: '', durationMinutes: '15', dependsOn: [], kind, link: '', approvers: [] };
}

/** `2026-11-24T10:30:00Z` in Europe/Berlin → `2026-11-24T11:30`, what the start-time picker holds. */
export { instantToWallTime };

export function formOfStep(step: RunbookStep, users: readonly UserSummary[], timeZone: string): StepForm {
  const start = step.plannedStart;
  const owner = step.owner;
  return {
    ...emptyStepForm(step.kind),
    id: step.id,
    title: step.title,
    description: step.description,
    ...(owner?.type === 'user' ? { ownerType: 'user' as const, owner: users.find((u) => u.accountId === owner.accountId) ?? { accountId: owner.accountId, displayName: owner.accountId } } : {}),
    ...(owner?.type === 'group' ? { ownerType: 'group' as const, groupName: owner.groupName } : {}),
    environment: step.environment ?? '',
    ...(start?.type === 'relative' ? { startType: 'relative' as const, offsetMinutes: String(start.offsetMinutes) } : {}),
    ...(start?.type === 'absolute' ? { startType: 'absolute' as const, startAt: instantToWallTime(start.at, timeZone) } : {}),
    durationMinutes: String(step.durationMinutes),
    dependsOn: [...step.dependsOn],
    link: step.link ?? '',
    approvers: (step.approvers ?? []).map((id) => users.find((u) => u.accountId === id) ?? { accountId: id, displayName: id }),
  };
}

/** Typed minutes as a number; text that is not one goes as it is, so the server names the field. */
const minutesOf = (text: string): number => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : (text as unknown as number));

/** The step to send; a new step gets an id from its title, unique among `takenIds`. */
export function stepOfForm(form: StepForm, timeZone: string, takenIds: readonly string[]): RunbookStep {
  const id = form.id || uniqueId(slug(form.title) || 'step', takenIds);
  const owner = form.ownerType === 'user' && form.owner ? { type: 'user' as const, accountId: form.owner.accountId } : form.ownerType === 'group' ? { type: 'group' as const, groupName: form.groupName.trim() } : undefined;
  const plannedStart =
    form.startType === 'relative'
      ? { type: 'relative' as const, offsetMinutes: minutesOf(form.offsetMinutes) }
      : form.startType === 'absolute'
        ? { type: 'absolute' as const, at: wallTimeToInstant(form.startAt, timeZone) ?? '' }
        : undefined;
  return {
    id,
    title: form.title,
    description: form.description,
    ...(owner ? { owner } : {}),
    ...(form.environment.trim() ? { environment: form.environment.trim() } : {}),
    ...(plannedStart ? { plannedStart } : {}),
    durationMinutes: minutesOf(form.durationMinutes),
    dependsOn: form.dependsOn.filter((d) => d !== id),
    kind: form.kind,
    ...(form.link.trim() ? { link: form.link.trim() } : {}),
    ...(form.kind === 'checkpoint' && form.approvers.length ? { approvers: form.approvers.map((u) => u.accountId) } : {}),
  };
}

/**
 * Where a step lands when moved one place up or down, as the `after` the server takes: the id of
 * the step it will follow, or null for first. Undefined: it cannot move that way.
 */
export function moveTarget(order: readonly string[], id: string, direction: 'up' | 'down'): string | null | undefined {
  const at = order.indexOf(id);
  if (at < 0) return undefined;
  if (direction === 'up') return at === 0 ? undefined : at === 1 ? null : order[at - 2];
  return at === order.length - 1 ? undefined : order[at + 1];
}

/**
 * Where a new step goes: a rollback step at the end, any other after the last step that is not a
 * rollback step, so the plan reads as the go-live and then its rollback. Undefined: append.
 */
export function placeForNewStep(steps: readonly RunbookStep[], kind: StepKind): string | null | undefined {
  if (kind === 'rollback') return undefined;
  const forward = steps.filter((s) => s.kind !== 'rollback');
  if (forward.length === steps.length) return undefined;
  return forward.length ? forward[forward.length - 1]!.id : null;
}

/** The same move on a list kept in the page (a template is saved whole). */
export function moved<T extends { id: string }>(items: readonly T[], id: string, direction: 'up' | 'down'): T[] {
  const after = moveTarget(items.map((s) => s.id), id, direction);
  const item = items.find((s) => s.id === id);
  if (after === undefined || !item) return [...items];
  const rest = items.filter((s) => s.id !== id);
  const at = after === null ? 0 : rest.findIndex((s) => s.id === after) + 1;
  return [...rest.slice(0, at), item, ...rest.slice(at)];
}

const FIELDS: Array<[string, string]> = [
  ['id', 'Step id'],
  ['title', 'Title'],
  ['description', 'Description'],
  ['owner.accountId', 'Owner'],
  ['owner.groupName', 'Owner group'],
  ['environment', 'Environment'],
  ['plannedStart.offsetMinutes', 'Minutes from the go-live start'],
  ['plannedStart.at', 'Planned start'],
  ['durationMinutes', 'Duration (minutes)'],
  ['dependsOn', 'Depends on'],
  ['dependsOn.*', 'A dependency'],
  ['kind', 'Kind'],
  ['link', 'Link'],
  ['approvers', 'Approvers'],
  ['approvers.*', 'An approver'],
];

/** Field names of one step sent as `step` (the Go-live page) or as `steps.<n>` (a template, labelled with the step's number). */
export const STEP_FIELD_LABELS: FieldLabel[] = [...FIELDS.map(([path, label]) => ({ path: `step.${path}`, label })), { path: 'after', label: 'Position' }];
export const TEMPLATE_STEP_FIELD_LABELS: FieldLabel[] = FIELDS.map(([path, label]) => ({ path: `steps.*.${path}`, label: `Step {n}: ${label.charAt(0).toLowerCase()}${label.slice(1)}` }));

/**
 * The sentences about one step's fields, keyed by field (`title`, `plannedStart.at`, …):
 * `prefix` is `step` on the Go-live page, `steps.<n>` for a template's step n.
 */
export function stepFieldErrors(errors: FieldErrors, prefix: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [path, text] of Object.entries(errors.byPath)) {
    if (!path.startsWith(`${prefix}.`)) continue;
    fields[path.slice(prefix.length + 1).replace(/\.\d+$/, '')] ??= text;
  }
  return fields;
}
