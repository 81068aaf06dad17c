/**
 * Readiness of one issue for one release: (policy, facts, sign-offs, release, today) → a result
 * per criterion and an overall RAG. Pure; the same function serves the issue panel and the roll-up.
 */
import { type CalendarDate, daysBetween, parseCalendarDate } from '../calendar/calendar-date';
import type { BlockerFacts, IssueFacts, LinkedIssueFacts, VersionRef } from './facts';
import { type Criterion, type ReadinessPolicy, type Severity, appliesTo } from './policy';

export type CriterionStatus = 'pass' | 'fail' | 'na';
export type Rag = 'red' | 'amber' | 'green';

/** An issue a reason points at, so the UI can link it. */
export interface IssueMention {
  key: string;
  summary?: string;
  statusName?: string;
  /** Why it is mentioned, e.g. "in SHOP 2.5 (4 Dec 2026)". */
  note?: string;
}

export interface CriterionResult {
  id: string;
  kind: Criterion['kind'];
  label: string;
  severity: Severity;
  status: CriterionStatus;
  reason: string;
  issues?: IssueMention[];
}

/** A current sign-off, as far as evaluation cares. */
export interface SignedCheck {
  by?: string;
  at?: string;
}

/** The release an issue is judged against: usually its earliest unreleased fix version. */
export interface ReleaseTarget {
  id: string;
  name: string;
  releaseDate?: string;
  released: boolean;
}

export interface EvaluationInput {
  policy: ReadinessPolicy;
  facts: IssueFacts;
  /** Current sign-offs by criterion id. */
  signed: ReadonlyMap<string, SignedCheck>;
  /** undefined: the issue has no fix version. */
  release: ReleaseTarget | undefined;
  today: CalendarDate;
  /** Release dates known to be current (read from Jira now), preferred over those in the facts. */
  releaseDates?: ReadonlyMap<string, string | undefined>;
  /** daysLeftFor(release, today, releaseDates), when the caller judges many issues for one release. */
  daysLeft?: number | null;
}

export interface Evaluation {
  rag: Rag;
  ragReason: string;
  results: CriterionResult[];
  /** Whole days to the release date (negative when past); null without a dated, unreleased release. */
  daysLeft: number | null;
  /** No blocking criterion fails. Null when there is no release date to be ready for. */
  readyForReleaseDate: boolean | null;
  /** True when no blocking criterion fails (whatever the date). */
  ready: boolean;
}

// ---------------------------------------------------------------------------------------------

/** The release to judge an issue against: the earliest unreleased fix version, else the latest released. */
export function primaryRelease(fixVersions: readonly VersionRef[]): ReleaseTarget | undefined {
  const unreleased = fixVersions.filter((v) => !v.released);
  const byDate = (a: VersionRef, b: VersionRef) => (a.releaseDate ?? '9999-99-99').localeCompare(b.releaseDate ?? '9999-99-99') || a.name.localeCompare(b.name);
  const pick = unreleased.length ? [...unreleased].sort(byDate)[0] : [...fixVersions].sort(byDate).at(-1);
  if (!pick) return undefined;
  return { id: pick.id, name: pick.name, released: pick.released, ...(pick.releaseDate ? { releaseDate: pick.releaseDate } : {}) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function listKeys(issues: Array<{ key: string }>, max = 3): string {
  const keys = issues.map((i) => i.key);
  return keys.length <= max ? keys.join(', ') : `${keys.slice(0, max).join(', ')} and ${keys.length - max} more`;
}

function mention(issue: LinkedIssueFacts, note?: string): IssueMention {
  return {
    key: issue.key,
    ...(issue.summary ? { summary: issue.summary } : {}),
    statusName: issue.statusName,
    ...(note ? { note } : {}),
  };
}

function dateOf(version: VersionRef, releaseDates: ReadonlyMap<string, string | undefined> | undefined): string | undefined {
  return releaseDates?.has(version.id) ? releaseDates.get(version.id) : version.releaseDate;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2027-01-08` → `8 Jan 2027` for reasons people read. */
export function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : date;
}

interface SchedulingProblem {
  /** For the reason: "it ships in SHOP 2.5 (8 Jan 2027), after SHOP 2.4 (3 Dec 2026)". */
  text: string;
  /** Next to the issue link: "in SHOP 2.5 (8 Jan 2027)". */
  note: string;
}

/** Why a blocker will not ship with (or before) the target release; undefined when it will. */
function blockerSchedulingProblem(blocker: BlockerFacts, target: ReleaseTarget, releaseDates: EvaluationInput['releaseDates']): SchedulingProblem | undefined {
  if (blocker.fixVersions === undefined) return blocker.category === 'done' ? undefined : { text: 'its fix versions are not known yet', note: 'releases unknown' };
  // Shipped in a released version already: nothing to wait for.
  if (blocker.fixVersions.some((v) => v.released)) return undefined;
  // Every fix version left is unreleased. One of them the target itself: its date is the target's, so the earliest is no later.
  const unreleased = blocker.fixVersions;
  if (unreleased.length === 0) return blocker.category === 'done' ? undefined : { text: 'it is in no release', note: 'in no release' };
  const targetDate = dateOf(target, releaseDates);
  const dated = unreleased
    .map((v) => ({ v, date: dateOf(v, releaseDates) }))
    .sort((a, b) => (a.date ?? '9999-99-99').localeCompare(b.date ?? '9999-99-99'));
  const first = dated[0] as { v: VersionRef; date: string | undefined };
  if (!targetDate) return undefined; // Without our own date there is nothing to be later than.
  if (!first.date) return { text: `it is in ${first.v.name}, which has no release date`, note: `in ${first.v.name} (no date)` };
  if (first.date > targetDate) {
    return { text: `it ships in ${first.v.name} (${dayText(first.date)}), after ${target.name} (${dayText(targetDate)})`, note: `in ${first.v.name} (${dayText(first.date)})` };
  }
  return undefined;
}

function priorityRank(order: readonly string[], priority: string | undefined): number {
  if (!priority) return Number.POSITIVE_INFINITY;
  const index = order.findIndex((p) => p.toLowerCase() === priority.toLowerCase());
  return index < 0 ? Number.POSITIVE_INFINITY : index;
}

function evaluateCriterion(criterion: Criterion, input: EvaluationInput): Omit<CriterionResult, 'id' | 'kind' | 'label' | 'severity'> {
  const { facts, release, policy } = input;
  if (!appliesTo(criterion, facts.issueType)) {
    return { status: 'na', reason: `Not required for ${facts.issueType} issues.` };
  }
  switch (criterion.kind) {
    case 'status-done':
      return facts.category === 'done'
        ? { status: 'pass', reason: `Status is ${facts.statusName}.` }
        : { status: 'fail', reason: `Status is ${facts.statusName}, not done yet.` };
    case 'resolution-set':
      return facts.resolution
        ? { status: 'pass', reason: `Resolved as ${facts.resolution}.` }
        : { status: 'fail', reason: 'No resolution set.' };
    case 'fix-version-set':
      return facts.fixVersions.length
        ? { status: 'pass', reason: `Fix version: ${facts.fixVersions.map((v) => v.name).join(', ')}.` }
        : { status: 'fail', reason: 'No fix version set.' };
    case 'required-fields': {
      const unknown = criterion.fields.filter((f) => facts.fields[f.id] === undefined);
      const missing = criterion.fields.filter((f) => facts.fields[f.id] === false);
      if (missing.length) return { status: 'fail', reason: `Missing: ${missing.map((f) => f.name).join(', ')}.` };
      if (unknown.length) return { status: 'fail', reason: `Not read yet: ${unknown.map((f) => f.name).join(', ')} (the next sync reads them).` };
      return { status: 'pass', reason: `Filled: ${criterion.fields.map((f) => f.name).join(', ')}.` };
    }
    case 'subtasks-done': {
      const { total, open } = facts.subtasks;
      if (total === 0) return { status: 'na', reason: 'No sub-tasks.' };
      if (open.length === 0) return { status: 'pass', reason: total === 1 ? 'The sub-task is done.' : `All ${total} sub-tasks are done.` };
      return { status: 'fail', reason: `${open.length} of ${plural(total, 'sub-task')} still open: ${listKeys(open)}.`, issues: open.map((s) => mention(s)) };
    }
    case 'no-open-blockers': {
      const open = facts.blockers.filter((b) => b.category !== 'done');
      if (open.length === 0) {
        const n = facts.blockers.length;
        return { status: 'pass', reason: n === 0 ? 'Nothing blocks this issue.' : n === 1 ? 'The blocker is done.' : `All ${n} blockers are done.` };
      }
      return { status: 'fail', reason: `Blocked by ${plural(open.length, 'open issue')}: ${listKeys(open)}.`, issues: open.map((b) => mention(b)) };
    }
    case 'blockers-scheduled': {
      if (facts.blockers.length === 0) return { status: 'pass', reason: 'Nothing blocks this issue.' };
      if (!release) return { status: 'na', reason: 'No fix version to compare the blockers’ releases with.' };
      const problems = facts.blockers
        .map((b) => ({ b, problem: blockerSchedulingProblem(b, release, input.releaseDates) }))
        .filter((p): p is { b: BlockerFacts; problem: SchedulingProblem } => p.problem !== undefined);
      if (problems.length === 0) return { status: 'pass', reason: `Every blocker ships with or before ${release.name}.` };
      return {
        status: 'fail',
        reason: problems.length === 1 ? `${problems[0]!.b.key}: ${problems[0]!.problem.text}.` : `${problems.length} blockers will not ship in time: ${listKeys(problems.map((p) => p.b))}.`,
        issues: problems.map((p) => mention(p.b, p.problem.note)),
      };
    }
    case 'no-open-bugs': {
      const threshold = priorityRank(policy.priorityOrder, criterion.minPriority);
      const bugTypes = new Set(criterion.bugTypes.map((t) => t.toLowerCase()));
      const seen = new Set<string>();
      const bugs = [...facts.blockers, ...facts.linked].filter((l) => {
        if (seen.has(l.key)) return false;
        seen.add(l.key);
        return l.category !== 'done' && bugTypes.has(l.issueType.toLowerCase()) && priorityRank(policy.priorityOrder, l.priority) <= threshold;
      });
      const scope = `${criterion.minPriority} or above`;
      if (bugs.length === 0) return { status: 'pass', reason: `No open linked bug at ${scope}.` };
      return {
        status: 'fail',
        reason: `${plural(bugs.length, 'open linked bug')} at ${scope}: ${listKeys(bugs)}.`,
        issues: bugs.map((b) => mention(b, b.priority)),
      };
    }
    case 'not-flagged':
      return facts.flagged ? { status: 'fail', reason: 'Flagged as an impediment.' } : { status: 'pass', reason: 'Not flagged.' };
    case 'manual': {
      const signed = input.signed.get(criterion.id);
      if (signed) return { status: 'pass', reason: signed.by ? `Signed off by ${signed.by}.` : 'Signed off.' };
      const who = [...criterion.groups, ...(criterion.accountIds.length ? [plural(criterion.accountIds.length, 'named person', 'named people')] : [])];
      return { status: 'fail', reason: `Waiting for sign-off (${who.join(', ')}).` };
    }
  }
}

/** Whole days to the target's date, or null when there is no dated, unreleased target. */
export function daysLeftFor(release: ReleaseTarget | undefined, today: CalendarDate, releaseDates?: ReadonlyMap<string, string | undefined>): number | null {
  if (!release || release.released) return null;
  const text = releaseDates?.has(release.id) ? releaseDates.get(release.id) : release.releaseDate;
  const date = text ? parseCalendarDate(text) : undefined;
  return date ? daysBetween(today, date) : null;
}

export function evaluateReadiness(input: EvaluationInput): Evaluation {
  const results: CriterionResult[] = input.policy.criteria.map((criterion) => ({
    id: criterion.id,
    kind: criterion.kind,
    label: criterion.label,
    severity: criterion.severity,
    ...evaluateCriterion(criterion, input),
  }));
  const failing = results.filter((r) => r.status === 'fail');
  const blocking = failing.filter((r) => r.severity === 'blocking');
  const advisory = failing.filter((r) => r.severity === 'advisory');
  const daysLeft = input.daysLeft !== undefined ? input.daysLeft : daysLeftFor(input.release, input.today, input.releaseDates);
  const workOpen = input.facts.category !== 'done' || input.facts.subtasks.open.length > 0;
  const close = daysLeft !== null && daysLeft <= input.policy.closeDays;

  let rag: Rag;
  let ragReason: string;
  if (blocking.length) {
    rag = 'red';
    ragReason = `${blocking.length === 1 ? 'A blocking criterion fails' : `${blocking.length} blocking criteria fail`}: ${blocking.map((r) => r.label).join(', ')}.`;
  } else if (advisory.length) {
    rag = 'amber';
    ragReason = `Only advisory criteria fail: ${advisory.map((r) => r.label).join(', ')}.`;
  } else if (close && workOpen) {
    rag = 'amber';
    ragReason =
      daysLeft! < 0
        ? `The release date passed ${plural(-daysLeft!, 'day')} ago and work is still open.`
        : `The release is ${daysLeft === 0 ? 'today' : `in ${plural(daysLeft!, 'day')}`} and work is still open.`;
  } else {
    rag = 'green';
    ragReason = 'Every criterion that applies is met.';
  }
  const ready = blocking.length === 0;
  const hasDate = daysLeft !== null;
  return { rag, ragReason, results, daysLeft, ready, readyForReleaseDate: hasDate ? ready : null };
}
