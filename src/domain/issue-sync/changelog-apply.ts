/**
 * Applying an `avi:jira:updated:issue` event's changelog items to what the app already stores of
 * the issue (its release roll-up entry, its KPI fact), so most changes cost no Jira read at all.
 *
 * The changelog is enough for: status (the new status's category from the event's own `status`
 * field or the status catalogue), resolution, priority, summary, a fix version removed, affects
 * versions, the policy's own fields (required fields filled or emptied, the flag), and every field
 * neither feature reads (labels, rank, sprint…). It is not enough, and the issue is read in full,
 * for: a fix version added (the new release's name and date, and the issue's whole entry in it),
 * links (the linked issue's status), sub-tasks, parent, issue type, project (a move), a status whose
 * category is not known, and an item whose `from` is not what the app stored (an event the app
 * never saw or has not seen yet came in between). Pure: data in, data out.
 */
import type { IssueFact, StatusCategory } from '../kpis/facts';
import type { IssueFacts } from '../readiness/facts';
import { type ChangeItem, fieldIdOf } from './triage';

/** A changelog item as the event carries it (Jira's webhook shape). */
export interface ChangelogItem extends ChangeItem {
  from?: string | null;
  fromString?: string | null;
  to?: string | null;
  toString?: string | null;
}

/** Fields whose change needs a read of the issue: the changelog does not carry what the app stores. */
export const READ_FIELDS = new Set(['issuelinks', 'subtasks', 'parent', 'issuetype', 'project']);

export type Applied<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** Why the changelog alone cannot be applied (a field listed above), or undefined when it can. */
export function needsRead(items: readonly ChangelogItem[]): string | undefined {
  for (const item of items) {
    const field = fieldIdOf(item);
    if (READ_FIELDS.has(field)) return `${field} changed`;
    if (field === 'fixVersions' && item.to) return 'a fix version was added';
  }
  return undefined;
}

/** Whether the change moves what other issues' readiness reads of this one (their blockers, sub-tasks, linked issues). */
export function changesWhatOthersRead(items: readonly ChangelogItem[]): boolean {
  return items.some((item) => ['status', 'priority', 'fixVersions', 'issuetype'].includes(fieldIdOf(item)));
}

/** A status change that takes the issue out of the Done category (a re-opening). */
export function leavesDone(items: readonly ChangelogItem[], categoryOf: (statusId: string) => StatusCategory | undefined): boolean {
  return items.some((item) => fieldIdOf(item) === 'status' && item.from != null && categoryOf(item.from) === 'done' && (item.to == null || categoryOf(item.to) !== 'done'));
}

export interface ReadinessChange {
  items: readonly ChangelogItem[];
  /** Jira's `updated` of the issue after the change, epoch ms. */
  updated: number;
  /** When the app applied it, epoch ms. */
  observed: number;
  categoryOf: (statusId: string) => StatusCategory | undefined;
  /** Policy field id → filled, for each field the policy reads; the flag fields among them. */
  policyFields: readonly string[];
  flagFields: readonly string[];
}

const filledText = (item: ChangelogItem) => ((item.toString ?? '') !== '' ? (item.toString ?? '').trim().length > 0 : (item.to ?? '').trim().length > 0);

/**
 * The release roll-up entry of an issue after the change; refused when an item's `from` does not
 * match the stored entry (a change in between the app has not seen) or a field needs a read.
 */
export function applyToReadinessFacts(stored: IssueFacts, change: ReadinessChange): Applied<IssueFacts> {
  const why = needsRead(change.items);
  if (why) return fail(why);
  let next: IssueFacts = { ...stored, fields: { ...stored.fields }, updated: change.updated, observed: change.observed };
  for (const item of change.items) {
    const field = fieldIdOf(item);
    switch (field) {
      case 'status': {
        if (item.fromString != null && item.fromString !== stored.statusName) return fail(`status was ${stored.statusName}, the change is from ${item.fromString}`);
        const category = item.to != null ? change.categoryOf(item.to) : undefined;
        if (!category || item.toString == null) return fail('the new status is not known');
        next = { ...next, statusName: item.toString, category };
        break;
      }
      case 'resolution':
        if ((item.fromString ?? null) !== stored.resolution) return fail(`resolution was ${stored.resolution ?? 'none'}, the change is from ${item.fromString ?? 'none'}`);
        next = { ...next, resolution: item.to == null ? null : (item.toString ?? null) };
        break;
      case 'priority': {
        if ((item.fromString ?? undefined) !== stored.priority) return fail(`priority was ${stored.priority ?? 'none'}, the change is from ${item.fromString ?? 'none'}`);
        const { priority: _old, ...rest } = next;
        next = item.toString ? { ...rest, priority: item.toString } : rest;
        break;
      }
      case 'summary':
        next = { ...next, summary: item.toString ?? '' };
        break;
      case 'fixVersions':
        // Only removals reach here (needsRead): the issue leaves that release's roll-up.
        next = { ...next, fixVersions: next.fixVersions.filter((v) => v.id !== item.from) };
        break;
      default:
        if (change.policyFields.includes(field)) {
          const fields = { ...next.fields, [field]: filledText(item) };
          next = { ...next, fields, flagged: change.flagFields.some((id) => fields[id] === true) };
        }
    }
  }
  return { ok: true, value: next };
}

export interface KpiChange {
  items: readonly ChangelogItem[];
  /** When the change happened (the issue's `updated` after it), epoch ms. */
  at: number;
  categoryOf: (statusId: string) => StatusCategory | undefined;
}

const toMinutes = (ms: number) => Math.floor(ms / 60_000);

/**
 * The KPI fact after the change (docs/kpi-definitions.md: work started, resolutions, fix-version
 * intervals, affects versions), the same as `issueFactFromJira` would derive from the changelog
 * with this history appended. Applying the same change twice changes nothing more.
 */
export function applyToKpiFact(stored: IssueFact, change: KpiChange): Applied<IssueFact> {
  const why = needsRead(change.items);
  if (why) return fail(why);
  const at = toMinutes(change.at);
  if (at < stored.updated) return fail('the stored fact is newer than the change');
  const fact: IssueFact = {
    ...stored,
    updated: at,
    fixVersions: stored.fixVersions.map((v) => ({ ...v })),
    resolutions: stored.resolutions.map((r) => ({ ...r })),
    affects: [...stored.affects],
  };
  for (const item of change.items) {
    switch (fieldIdOf(item)) {
      case 'status': {
        const to = item.to != null ? change.categoryOf(item.to) : undefined;
        const from = item.from != null ? change.categoryOf(item.from) : undefined;
        if (!to) return fail('the new status is not known');
        // A repeated event finds the fact already in the new category.
        if (from !== stored.category && to !== stored.category) return fail(`the fact is ${stored.category}, the change is from ${from ?? 'an unknown status'}`);
        fact.category = to;
        if (to === 'indeterminate' && fact.started === null) fact.started = at;
        break;
      }
      case 'resolution': {
        const open = fact.resolutions.at(-1);
        if (item.to != null) {
          if (fact.resolutionId === item.to && fact.resolved !== null) break;
          if (fact.resolutionId !== null && fact.resolutionId !== (item.from ?? null)) return fail('the resolution is not the one the change starts from');
          if (!open || open.to !== null) fact.resolutions.push({ from: at, to: null });
          fact.resolutionId = item.to;
          fact.resolved = at;
        } else {
          if (fact.resolutionId === null) break;
          if (open && open.to === null) open.to = at;
          fact.resolutionId = null;
          fact.resolved = null;
        }
        break;
      }
      case 'fixVersions': {
        const open = fact.fixVersions.find((v) => v.versionId === item.from && v.to === null);
        if (open) open.to = Math.max(open.from, at);
        break;
      }
      case 'versions':
        if (item.from != null) fact.affects = fact.affects.filter((id) => id !== item.from);
        if (item.to != null && !fact.affects.includes(item.to)) fact.affects.push(item.to);
        break;
      default:
    }
  }
  return { ok: true, value: fact };
}
