/**
 * A project's readiness policy: the criteria an issue has to meet before it may ship in its
 * release. Automatic criteria are computed from Jira data; manual checks are signed off by people.
 * Pure: no I/O. `validatePolicy` never throws on user input, it answers errors and warnings.
 * The settings page validates as the admin types with this same function, so its schemas use
 * `zod/mini`: a few KB in the Custom UI instead of all of zod, and no `Function` probe (classic
 * zod's JIT tries `new Function`, which Forge's Content-Security-Policy refuses). Mini has no
 * built-in English messages: every check here states its own.
 */
import * as z from 'zod/mini';
import type { $ZodIssue } from 'zod/v4/core';

export const AUTOMATIC_KINDS = [
  'status-done',
  'resolution-set',
  'fix-version-set',
  'required-fields',
  'subtasks-done',
  'no-open-blockers',
  'blockers-scheduled',
  'no-open-bugs',
  'not-flagged',
] as const;

export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];
export type CriterionKind = AutomaticKind | 'manual';
export const CRITERION_KINDS: readonly CriterionKind[] = [...AUTOMATIC_KINDS, 'manual'];

export type Severity = 'blocking' | 'advisory';

export interface FieldRef {
  /** Jira field id: `components`, `customfield_10016`, … */
  id: string;
  /** What people call it, shown in reasons. */
  name: string;
}

interface CriterionBase {
  /** Stable id within the policy (sign-offs refer to it): lower case, digits and dashes. */
  id: string;
  label: string;
  severity: Severity;
  /** Issue type names the criterion applies to; empty means every type. */
  issueTypes: string[];
}

export type SimpleCriterion = CriterionBase & {
  kind: 'status-done' | 'resolution-set' | 'fix-version-set' | 'subtasks-done' | 'no-open-blockers' | 'blockers-scheduled';
};
export type RequiredFieldsCriterion = CriterionBase & { kind: 'required-fields'; fields: FieldRef[] };
export type OpenBugsCriterion = CriterionBase & {
  kind: 'no-open-bugs';
  /** Issue type names that count as bugs. */
  bugTypes: string[];
  /** An open linked bug at this priority or above fails the criterion. */
  minPriority: string;
};
export type FlaggedCriterion = CriterionBase & { kind: 'not-flagged'; fieldId: string };
export type ManualCheck = CriterionBase & {
  kind: 'manual';
  /** Members of any of these Jira groups may sign the check off… */
  groups: string[];
  /** …and so may these people. */
  accountIds: string[];
  /** What the signer confirms, shown next to the check. */
  description?: string;
};

export type Criterion = SimpleCriterion | RequiredFieldsCriterion | OpenBugsCriterion | FlaggedCriterion | ManualCheck;

export interface ReadinessPolicy {
  schemaVersion: 1;
  /** A release this many days away (or less, or overdue) with work still open makes an issue Amber. */
  closeDays: number;
  /** Priority names, highest first (Jira's priority scheme). */
  priorityOrder: string[];
  criteria: Criterion[];
}

export const MAX_CRITERIA = 30;
export const JIRA_DEFAULT_PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
/** Jira Cloud's usual ids; the settings page lets an admin pick the site's own fields. */
export const DEFAULT_FIELDS = {
  components: { id: 'components', name: 'Components' },
  storyPoints: { id: 'customfield_10016', name: 'Story point estimate' },
  flagged: 'customfield_10021',
} as const;

const WORK_TYPES = ['Story', 'Task', 'Bug'];

/** What a project gets until an admin saves its own policy. */
export function defaultPolicy(): ReadinessPolicy {
  return {
    schemaVersion: 1,
    closeDays: 5,
    priorityOrder: [...JIRA_DEFAULT_PRIORITIES],
    criteria: [
      { id: 'status-done', kind: 'status-done', label: 'Done in Jira', severity: 'blocking', issueTypes: [] },
      { id: 'resolution-set', kind: 'resolution-set', label: 'Resolution set', severity: 'blocking', issueTypes: [] },
      { id: 'fix-version-set', kind: 'fix-version-set', label: 'Fix version set', severity: 'blocking', issueTypes: [] },
      {
        id: 'required-fields',
        kind: 'required-fields',
        label: 'Components and estimate filled',
        severity: 'advisory',
        issueTypes: ['Story'],
        fields: [{ ...DEFAULT_FIELDS.components }, { ...DEFAULT_FIELDS.storyPoints }],
      },
      { id: 'subtasks-done', kind: 'subtasks-done', label: 'All sub-tasks done', severity: 'blocking', issueTypes: [] },
      { id: 'no-open-blockers', kind: 'no-open-blockers', label: 'No open blockers', severity: 'blocking', issueTypes: [] },
      { id: 'blockers-scheduled', kind: 'blockers-scheduled', label: 'Blockers ship no later', severity: 'blocking', issueTypes: [] },
      { id: 'no-open-bugs', kind: 'no-open-bugs', label: 'No open linked bugs (High or above)', severity: 'blocking', issueTypes: [], bugTypes: ['Bug'], minPriority: 'High' },
      { id: 'not-flagged', kind: 'not-flagged', label: 'Not flagged', severity: 'advisory', issueTypes: [], fieldId: DEFAULT_FIELDS.flagged },
      {
        id: 'qa-passed',
        kind: 'manual',
        label: 'QA passed',
        severity: 'blocking',
        issueTypes: [...WORK_TYPES],
        groups: ['qa-team'],
        accountIds: [],
        description: 'Tested on staging against the acceptance criteria.',
      },
      {
        id: 'code-reviewed',
        kind: 'manual',
        label: 'Code reviewed',
        severity: 'blocking',
        issueTypes: [...WORK_TYPES],
        groups: ['developers'],
        accountIds: [],
        description: 'Every change was reviewed and merged.',
      },
      {
        id: 'release-note',
        kind: 'manual',
        label: 'Docs and release note written',
        severity: 'advisory',
        issueTypes: ['Story', 'Bug'],
        groups: ['tech-writers', 'release-managers'],
        accountIds: [],
        description: 'User docs updated and a release note drafted.',
      },
    ],
  };
}

export function isManual(criterion: Criterion): criterion is ManualCheck {
  return criterion.kind === 'manual';
}

/** Someone who may sign checks off: their account and, when a check names groups, their Jira groups (lower case). */
export interface Signer {
  accountId: string;
  /** Undefined when they were not needed (no check names a group). */
  groups?: ReadonlySet<string>;
}

/** A named person, or a member of one of the check's groups (Jira group names ignore case). */
export function maySign(check: ManualCheck, signer: Signer): boolean {
  if (check.accountIds.includes(signer.accountId)) return true;
  return check.groups.some((g) => signer.groups?.has(g.toLowerCase()) === true);
}

/** Field ids the facts of an issue must carry for this policy (beyond the fixed ones). */
export function policyFieldIds(policy: ReadinessPolicy): string[] {
  const ids = new Set<string>();
  for (const c of policy.criteria) {
    if (c.kind === 'required-fields') for (const f of c.fields) ids.add(f.id);
    if (c.kind === 'not-flagged') ids.add(c.fieldId);
  }
  return [...ids];
}

/** Lower-cased issue types per criterion, so a roll-up of thousands of issues does not redo it. */
const typeSets = new WeakMap<Criterion, Set<string>>();

export function appliesTo(criterion: Criterion, issueType: string): boolean {
  if (criterion.issueTypes.length === 0) return true;
  return (typeSets.get(criterion) ?? typeSetOf(criterion)).has(issueType.toLowerCase());
}

function typeSetOf(criterion: Criterion): Set<string> {
  const types = new Set(criterion.issueTypes.map((t) => t.toLowerCase()));
  typeSets.set(criterion, types);
  return types;
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface PolicyProblem {
  /** Where: `criteria.3.groups`, `closeDays`, `criteria`. */
  path: string;
  /** The criterion concerned, when there is one. */
  criterionId?: string;
  message: string;
}

export interface PolicyValidation {
  /** The normalised policy; only present when there are no errors. */
  policy?: ReadinessPolicy;
  errors: PolicyProblem[];
  warnings: PolicyProblem[];
}

/** What the site knows, for warnings about names it does not know. All optional. */
export interface PolicyCatalog {
  issueTypes?: string[];
  priorities?: string[];
  fieldIds?: string[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const text = (max: number) => z.string('must be text').check(z.maxLength(max, `at most ${max} characters`));
const names = (max: number, items = 30) => z.array(text(max), 'must be a list').check(z.maxLength(items, `at most ${items} entries`));

const base = {
  id: z.string('must be text').check(z.maxLength(40, 'at most 40 characters')),
  label: text(80),
  severity: z.enum(['blocking', 'advisory'], 'must be blocking or advisory'),
  issueTypes: z._default(names(60), []),
};
const criterionShape = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject({ ...base, ...shape }, 'must be a criterion');

const criterionSchema = z.discriminatedUnion(
  'kind',
  [
    criterionShape({ kind: z.enum(['status-done', 'resolution-set', 'fix-version-set', 'subtasks-done', 'no-open-blockers', 'blockers-scheduled']) }),
    criterionShape({
      kind: z.literal('required-fields'),
      fields: z.array(z.strictObject({ id: text(80), name: text(80) }, 'must be a field'), 'must be a list').check(z.maxLength(20, 'at most 20 fields')),
    }),
    criterionShape({ kind: z.literal('no-open-bugs'), bugTypes: names(60, 10), minPriority: text(60) }),
    criterionShape({ kind: z.literal('not-flagged'), fieldId: text(80) }),
    criterionShape({
      kind: z.literal('manual'),
      groups: names(120, 20),
      accountIds: z._default(names(128, 20), []),
      description: z.optional(text(300)),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `kind must be one of ${CRITERION_KINDS.join(', ')}` : 'must be a criterion') },
);

const policySchema = z.strictObject(
  {
    schemaVersion: z._default(z.literal(1, 'must be 1'), 1),
    closeDays: z
      .int({ error: (issue) => (typeof issue.input === 'number' ? 'must be a whole number' : 'must be a number') })
      .check(z.minimum(0, 'must be 0 or more'), z.maximum(90, 'must be 90 or less')),
    priorityOrder: names(60, 20),
    criteria: z.array(z.unknown(), 'must be a list').check(z.maxLength(MAX_CRITERIA, `at most ${MAX_CRITERIA} criteria`)),
  },
  'must be a policy',
);

function pathOf(parts: ReadonlyArray<PropertyKey>): string {
  return parts.map(String).join('.');
}

function clean(list: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const value = raw.trim();
    if (value && !seen.has(value.toLowerCase())) {
      seen.add(value.toLowerCase());
      out.push(value);
    }
  }
  return out;
}

/** Trims names, drops empty and repeated entries (case-insensitive). */
function normalise(criterion: Criterion): Criterion {
  const common = { ...criterion, id: criterion.id.trim(), label: criterion.label.trim(), issueTypes: clean(criterion.issueTypes) };
  switch (common.kind) {
    case 'required-fields': {
      const seen = new Set<string>();
      const fields = common.fields
        .map((f) => ({ id: f.id.trim(), name: f.name.trim() || f.id.trim() }))
        .filter((f) => f.id && !seen.has(f.id) && seen.add(f.id));
      return { ...common, fields };
    }
    case 'no-open-bugs':
      return { ...common, bugTypes: clean(common.bugTypes), minPriority: common.minPriority.trim() };
    case 'not-flagged':
      return { ...common, fieldId: common.fieldId.trim() };
    case 'manual': {
      const out: ManualCheck = { ...common, groups: clean(common.groups), accountIds: clean(common.accountIds) };
      const description = common.description?.trim();
      if (description) out.description = description;
      else delete out.description;
      return out;
    }
    default:
      return common;
  }
}

/**
 * Checks a policy as an admin typed it. Errors make it unsavable (the policy is then absent);
 * warnings are worth a look but do not stop a save.
 */
export function validatePolicy(input: unknown, catalog: PolicyCatalog = {}): PolicyValidation {
  const errors: PolicyProblem[] = [];
  const warnings: PolicyProblem[] = [];
  // reportInput: an issue carries the value it is about, so a missing one can read "Required.".
  const shape = policySchema.safeParse(input, { reportInput: true });
  if (!shape.success) {
    for (const issue of shape.error.issues) errors.push({ path: pathOf(issue.path) || 'policy', message: messageOf(issue) });
    return { errors, warnings };
  }
  const { closeDays } = shape.data;
  const priorityOrder = clean(shape.data.priorityOrder);
  if (priorityOrder.length === 0) errors.push({ path: 'priorityOrder', message: 'List the priorities, highest first.' });
  if (priorityOrder.length !== shape.data.priorityOrder.length) warnings.push({ path: 'priorityOrder', message: 'Empty or repeated priorities were dropped.' });

  const criteria: Criterion[] = [];
  shape.data.criteria.forEach((raw, index) => {
    const parsed = criterionSchema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'string' ? ((raw as { id: string }).id as string) : undefined;
      for (const issue of parsed.error.issues) {
        errors.push({ path: pathOf(['criteria', index, ...issue.path]), ...(id ? { criterionId: id } : {}), message: messageOf(issue) });
      }
      return;
    }
    criteria.push(normalise(parsed.data as Criterion));
  });
  if (shape.data.criteria.length === 0) errors.push({ path: 'criteria', message: 'The policy needs at least one criterion.' });

  const seenIds = new Map<string, number>();
  const seenLabels = new Map<string, number>();
  const knownTypes = catalog.issueTypes ? new Set(catalog.issueTypes.map((t) => t.toLowerCase())) : undefined;
  const knownFields = catalog.fieldIds ? new Set(catalog.fieldIds) : undefined;
  const priorities = new Set(priorityOrder.map((p) => p.toLowerCase()));
  criteria.forEach((c, index) => {
    const at = (field: string) => ({ path: `criteria.${index}.${field}`, ...(c.id ? { criterionId: c.id } : {}) });
    if (!c.id) errors.push({ ...at('id'), message: 'Give the criterion an id.' });
    else if (!ID.test(c.id)) errors.push({ ...at('id'), message: 'Use lower-case letters, digits and dashes (at most 40), starting with a letter or digit.' });
    else if (seenIds.has(c.id)) errors.push({ ...at('id'), message: `The id "${c.id}" is used twice: ids must be unique.` });
    else seenIds.set(c.id, index);
    if (!c.label) errors.push({ ...at('label'), message: 'Give the criterion a name people recognise.' });
    else if (seenLabels.has(c.label.toLowerCase())) warnings.push({ ...at('label'), message: `Another criterion is also called "${c.label}".` });
    else seenLabels.set(c.label.toLowerCase(), index);
    if (knownTypes) {
      const unknown = c.issueTypes.filter((t) => !knownTypes.has(t.toLowerCase()));
      if (unknown.length) warnings.push({ ...at('issueTypes'), message: `Not an issue type of this project: ${unknown.join(', ')}.` });
    }
    switch (c.kind) {
      case 'required-fields':
        if (c.fields.length === 0) errors.push({ ...at('fields'), message: 'Pick at least one field that must be filled.' });
        if (knownFields) {
          const unknown = c.fields.filter((f) => !knownFields.has(f.id));
          if (unknown.length) warnings.push({ ...at('fields'), message: `Jira does not know these fields: ${unknown.map((f) => f.name).join(', ')}.` });
        }
        break;
      case 'no-open-bugs':
        if (c.bugTypes.length === 0) errors.push({ ...at('bugTypes'), message: 'Name the issue types that count as bugs.' });
        if (!c.minPriority) errors.push({ ...at('minPriority'), message: 'Choose the priority from which an open bug blocks.' });
        else if (!priorities.has(c.minPriority.toLowerCase())) errors.push({ ...at('minPriority'), message: `"${c.minPriority}" is not in the priority list.` });
        break;
      case 'not-flagged':
        if (!c.fieldId) errors.push({ ...at('fieldId'), message: 'Name the Flagged field.' });
        break;
      case 'manual':
        if (c.groups.length === 0 && c.accountIds.length === 0) errors.push({ ...at('groups'), message: 'Name at least one group (or person) who may sign this check off.' });
        break;
    }
  });
  if (criteria.length > 0 && criteria.every((c) => c.severity === 'advisory')) {
    warnings.push({ path: 'criteria', message: 'Every criterion is advisory: no issue can ever be Red.' });
  }
  if (closeDays === 0) warnings.push({ path: 'closeDays', message: 'With 0 days, open work turns Amber only on the release day.' });
  const kinds = new Set(criteria.map((c) => c.kind));
  if (!kinds.has('status-done')) warnings.push({ path: 'criteria', message: 'No criterion asks for the issue to be Done.' });

  if (errors.length) return { errors, warnings };
  return { policy: { schemaVersion: 1, closeDays, priorityOrder, criteria }, errors, warnings };
}

/** Every check above states its own message, lower case and without a full stop: here it becomes a sentence. */
function messageOf(issue: $ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `Unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required.';
  return `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`;
}
