/**
 * Pure helpers of the readiness pages: roll-up wording and the policy editor's operations. No
 * React, no bridge: unit tested in test/static/readiness-model.test.ts.
 */
import type { PolicyProblem, ReadinessCriterion, ReadinessCriterionKind, ReadinessPolicy, ReleaseRollup } from '../../../../src/contract';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Share of ready issues, 0-100, rounded down so 100 means all ready. Null for an empty release. */
/** Share of issues Ready (at-risk ones not included, as everywhere: src/domain/status/vocabulary.ts). */
export function readyShare(rollup: Pick<ReleaseRollup, 'rag' | 'total'>): number | null {
  return rollup.total === 0 ? null : Math.floor((rollup.rag.green / rollup.total) * 100);
}

/** "12 of 40 ready", "12 of 40 ready, 3 at risk", "No issues". */
export function readyText(rollup: Pick<ReleaseRollup, 'rag' | 'total'>): string {
  if (rollup.total === 0) return 'No issues';
  return `${rollup.rag.green} of ${rollup.total} ready${rollup.rag.amber ? `, ${rollup.rag.amber} at risk` : ''}`;
}

/** Widths (percent) of the red, amber and green parts of a bar. */
export function ragWidths(rag: ReleaseRollup['rag']): { red: number; amber: number; green: number } {
  const total = rag.red + rag.amber + rag.green;
  if (total === 0) return { red: 0, amber: 0, green: 0 };
  return { red: (rag.red / total) * 100, amber: (rag.amber / total) * 100, green: (rag.green / total) * 100 };
}

/** "in 9 days", "due today", "4 days late", "no date". */
export function daysText(daysLeft: number | null): string {
  if (daysLeft === null) return 'no date';
  if (daysLeft === 0) return 'due today';
  if (daysLeft > 0) return `in ${plural(daysLeft, 'day')}`;
  return `${plural(-daysLeft, 'day')} late`;
}

// ---------------------------------------------------------------------------------------------
// Policy editor

export const KIND_LABELS: Record<ReadinessCriterionKind, string> = {
  'status-done': 'Status is Done',
  'resolution-set': 'Resolution set',
  'fix-version-set': 'Fix version set',
  'required-fields': 'Required fields filled',
  'subtasks-done': 'All sub-tasks done',
  'no-open-blockers': 'No open "is blocked by" issue',
  'blockers-scheduled': 'No blocker in a later release or in none',
  'no-open-bugs': 'No open linked bug at or above a priority',
  'not-flagged': 'Not flagged',
  manual: 'Manual check (signed off)',
};

export const KIND_ORDER = Object.keys(KIND_LABELS) as ReadinessCriterionKind[];

/** A new criterion of a kind with sensible settings and an id not used yet. */
export function newCriterion(kind: ReadinessCriterionKind, taken: ReadonlyArray<{ id: string }>): ReadinessCriterion {
  const base = kind === 'manual' ? 'check' : kind;
  let id = base;
  for (let n = 2; taken.some((c) => c.id === id); n++) id = `${base}-${n}`;
  const common = { id, label: kind === 'manual' ? 'New check' : KIND_LABELS[kind], severity: 'blocking' as const, issueTypes: [] as string[] };
  switch (kind) {
    case 'required-fields':
      return { ...common, kind, fields: [] };
    case 'no-open-bugs':
      return { ...common, kind, bugTypes: ['Bug'], minPriority: 'High' };
    case 'not-flagged':
      return { ...common, kind, fieldId: 'customfield_10021', severity: 'advisory' };
    case 'manual':
      return { ...common, kind, groups: [], accountIds: [] };
    default:
      return { ...common, kind } as ReadinessCriterion;
  }
}

export function replaceCriterion(policy: ReadinessPolicy, index: number, next: ReadinessCriterion): ReadinessPolicy {
  return { ...policy, criteria: policy.criteria.map((c, i) => (i === index ? next : c)) };
}

export function removeCriterion(policy: ReadinessPolicy, index: number): ReadinessPolicy {
  return { ...policy, criteria: policy.criteria.filter((_, i) => i !== index) };
}

export function moveCriterion(policy: ReadinessPolicy, index: number, by: -1 | 1): ReadinessPolicy {
  const to = index + by;
  if (to < 0 || to >= policy.criteria.length) return policy;
  const criteria = [...policy.criteria];
  [criteria[index], criteria[to]] = [criteria[to] as ReadinessCriterion, criteria[index] as ReadinessCriterion];
  return { ...policy, criteria };
}

/** "qa-team, release-managers" ⇄ ['qa-team', 'release-managers']. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function formatList(list: readonly string[]): string {
  return list.join(', ');
}

/** Problems grouped by where the editor shows them: per criterion index, and for the policy. */
export function problemsByPlace(problems: readonly PolicyProblem[]): { policy: PolicyProblem[]; criteria: Map<number, PolicyProblem[]> } {
  const criteria = new Map<number, PolicyProblem[]>();
  const policy: PolicyProblem[] = [];
  for (const problem of problems) {
    const match = /^criteria\.(\d+)(\.|$)/.exec(problem.path);
    if (match) {
      const index = Number(match[1]);
      criteria.set(index, [...(criteria.get(index) ?? []), problem]);
    } else policy.push(problem);
  }
  return { policy, criteria };
}

/** The field a problem is about inside a criterion ("groups", "label"), for inline placement. */
export function problemField(problem: PolicyProblem): string | undefined {
  return /^criteria\.\d+\.([A-Za-z]+)/.exec(problem.path)?.[1];
}
