/**
 * The release roll-up: the stored facts of a release's issues, sharded per release into a few
 * buckets (by issue id), and the pure rules that keep them current whatever order events arrive
 * in. A per-project member index (also bucketed) remembers which releases each issue is in, so an
 * issue that leaves a release (or is deleted) is removed without searching.
 */
import type { ReleaseState } from '../../contract';
import { type ReleaseHealth, releaseHealth } from '../status/vocabulary';
import type { CalendarDate } from '../calendar/calendar-date';
import { type Evaluation, type Rag, type ReleaseTarget, type SignedCheck, daysLeftFor, evaluateReadiness } from './evaluate';
import { type IssueFacts, compactFacts, isAtLeastAsRecent } from './facts';
import type { ReadinessPolicy, Severity } from './policy';

/**
 * Buckets per release (by issue id). Each bucket is a tree of leaves split by bytes
 * (shard-split.ts), so a release of any size fits; 2,000 issues make ~8 leaves of ~50 KiB.
 */
export const RELEASE_BUCKETS = 8;
/** Buckets of a project's member index. */
export const MEMBER_BUCKETS = 32;

/** FNV-1a of the issue id: stable across runtimes, spreads consecutive ids evenly. */
export function bucketOf(issueId: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < issueId.length; i++) hash = Math.imul(hash ^ issueId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % buckets;
}

/** Which checks are signed on an issue, and the sign-off log position that says so. */
export interface SignedState {
  s: string[];
  /** Records in the issue's sign-off log when `s` was taken: the higher one is newer. */
  sr: number;
}

export interface ShardEntry extends IssueFacts, SignedState {}

export interface ReleaseShard {
  versionId: string;
  bucket: number;
  /** Where in the bucket's tree of byte-bounded leaves (shard-split.ts); absent or '' at the root. */
  path?: string;
  /** Set by the reconciliation: until every bucket has it, the roll-up is still being built. */
  builtAt?: string;
  /** When the last complete read of the release from Jira was (incremental repairs in between). */
  fullAt?: string;
  /** Revision of the policy the facts were read for (its fields). */
  policyRev?: number;
  issues: Record<string, ShardEntry>;
}

export interface MemberEntry extends SignedState {
  /** Unreleased versions whose roll-up holds the issue. */
  v: string[];
  /** `updated` and `observed` of the facts last applied (see isAtLeastAsRecent). */
  u: number;
  o: number;
  /** dependentsSignature() of the facts last applied. */
  h?: string;
  /** The issue was deleted. */
  d?: 1;
  /** `u` came from an event's changelog, not a read: an older event may still carry a change it lacks. */
  c?: 1;
}

export interface MemberShard {
  projectId: string;
  bucket: number;
  entries: Record<string, MemberEntry>;
}

export const emptyReleaseShard = (versionId: string, bucket: number): ReleaseShard => ({ versionId, bucket, issues: {} });
export const emptyMemberShard = (projectId: string, bucket: number): MemberShard => ({ projectId, bucket, entries: {} });

/** Unreleased fix versions: the roll-ups an issue belongs in. */
export function trackedVersionIds(facts: Pick<IssueFacts, 'fixVersions'>): string[] {
  return facts.fixVersions.filter((v) => !v.released).map((v) => v.id);
}

export function newerSigned(a: SignedState | undefined, b: SignedState | undefined): SignedState {
  if (!a) return b ?? { s: [], sr: 0 };
  if (!b) return a;
  return b.sr > a.sr ? b : a;
}

export interface ObservationPlan {
  member: MemberEntry;
  /** Versions to remove the issue from. */
  leave: string[];
  /** Versions to write the issue into. */
  join: string[];
  /** The facts changed in a way other issues' readiness depends on. */
  dependentsChanged: boolean;
}

/**
 * What applying freshly read facts means; undefined when the stored state is already more recent
 * (a late or repeated event), so nothing may be written.
 */
export function planObservation(member: MemberEntry | undefined, facts: IssueFacts, signature: string, fromChangelog = false): ObservationPlan | undefined {
  if (member && !isAtLeastAsRecent(facts, { updated: member.u, observed: member.o })) return undefined;
  // A deleted issue stays deleted: facts read before the deletion are older by definition, and
  // Jira does not bring issues back.
  if (member?.d) return undefined;
  const join = trackedVersionIds(facts);
  const leave = (member?.v ?? []).filter((v) => !join.includes(v));
  return {
    member: { v: join, u: facts.updated, o: facts.observed, s: member?.s ?? [], sr: member?.sr ?? 0, h: signature, ...(fromChangelog ? { c: 1 as const } : {}) },
    leave,
    join,
    dependentsChanged: member?.h !== signature,
  };
}

export function planDeletion(member: MemberEntry | undefined, at: number): { member: MemberEntry; leave: string[] } {
  return { member: { v: [], u: Math.max(at, member?.u ?? 0), o: at, s: [], sr: member?.sr ?? 0, d: 1 }, leave: member?.v ?? [] };
}

/** The shard with the issue's facts in it; undefined when the stored entry is already newer. */
export function withEntry(shard: ReleaseShard, facts: IssueFacts, signed: SignedState): ReleaseShard | undefined {
  const stored = shard.issues[facts.id];
  if (stored && !isAtLeastAsRecent(facts, stored)) {
    // Facts are older, but the sign-off state may still be newer.
    // newerSigned keeps the stored state unless the other is strictly newer.
    const state = newerSigned(stored, signed);
    if (state === stored) return undefined;
    return { ...shard, issues: { ...shard.issues, [facts.id]: { ...stored, s: state.s, sr: state.sr } } };
  }
  const state = newerSigned(stored, signed);
  return { ...shard, issues: { ...shard.issues, [facts.id]: { ...compactFacts(facts), s: state.s, sr: state.sr } } };
}

/** The shard with the issue's sign-off state updated; undefined when the issue is not in it. */
export function withSigned(shard: ReleaseShard, issueId: string, signed: SignedState): ReleaseShard | undefined {
  const stored = shard.issues[issueId];
  if (!stored || stored.sr >= signed.sr) return undefined;
  return { ...shard, issues: { ...shard.issues, [issueId]: { ...stored, s: signed.s, sr: signed.sr } } };
}

export function withoutEntry(shard: ReleaseShard, issueId: string): ReleaseShard | undefined {
  if (!(issueId in shard.issues)) return undefined;
  const issues = { ...shard.issues };
  delete issues[issueId];
  return { ...shard, issues };
}

// ---------------------------------------------------------------------------------------------
// Roll-up

export interface RollupIssue {
  key: string;
  summary: string;
  rag: Rag;
  statusName: string;
  /** Labels of the blocking criteria that fail. */
  failing: string[];
  /** Issues named by the failing criteria (open blockers, sub-tasks, bugs). */
  mentions: string[];
}

export interface CriterionTally {
  id: string;
  label: string;
  severity: Severity;
  /** Issues of the release failing it. */
  count: number;
}

export interface ReleaseRollup {
  total: number;
  /** Issues with no failing blocking criterion. */
  ready: number;
  rag: Record<Rag, number>;
  /** Criteria by how many issues fail them, most first; criteria nobody fails are left out. */
  failing: CriterionTally[];
  /** Red issues, worst first. */
  blocking: RollupIssue[];
  /** The release's own RAG: Red when any issue is Red, Amber when any is Amber, else Green. */
  overall: Rag;
  /** Issues in Jira's Done status category. */
  done: number;
}

/**
 * The release's health (On track / At risk / Overdue...) from its roll-up, by the one rule every
 * surface uses (src/domain/status/vocabulary.ts).
 */
export function healthOfRollup(state: ReleaseState, daysToRelease: number | null, rollup: Pick<ReleaseRollup, 'total' | 'ready' | 'done'>): ReleaseHealth {
  return releaseHealth({
    state,
    daysToRelease,
    percentDone: rollup.total ? Math.floor((rollup.done / rollup.total) * 100) : 0,
    notReady: rollup.total - rollup.ready,
  });
}

function keyOrder(key: string): { project: string; number: number } {
  const parts = key.split('-');
  // Stryker disable next-line StringLiteral: a Jira key always has a dash, so split gives both parts and the defaults are never used.
  const [project = '', number = '0'] = parts;
  return { project, number: Number(number) };
}

/** The order of red issues (the roll-up's and the summary's): most failing blocking criteria first, then by key. */
export function blockingOrder(a: RollupIssue, b: RollupIssue): number {
  const ka = keyOrder(a.key);
  const kb = keyOrder(b.key);
  return b.failing.length - a.failing.length || ka.project.localeCompare(kb.project) || ka.number - kb.number;
}

export function rollUpRelease(
  policy: ReadinessPolicy,
  release: ReleaseTarget,
  entries: Iterable<ShardEntry>,
  today: CalendarDate,
  releaseDates?: ReadonlyMap<string, string | undefined>,
): ReleaseRollup {
  const rag: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
  const tallies = new Map<string, CriterionTally>(policy.criteria.map((c) => [c.id, { id: c.id, label: c.label, severity: c.severity, count: 0 }]));
  const blocking: RollupIssue[] = [];
  let total = 0;
  let ready = 0;
  let done = 0;
  const daysLeft = daysLeftFor(release, today, releaseDates);
  const none = new Map<string, SignedCheck>();
  for (const entry of entries) {
    total++;
    if (entry.category === 'done') done++;
    const signed = entry.s.length ? new Map(entry.s.map((id) => [id, {}])) : none;
    const evaluation: Evaluation = evaluateReadiness({ policy, facts: entry, signed, release, today, daysLeft, ...(releaseDates ? { releaseDates } : {}) });
    rag[evaluation.rag]++;
    if (evaluation.ready) ready++;
    const failingBlocking: string[] = [];
    const mentions = new Set<string>();
    for (const result of evaluation.results) {
      if (result.status !== 'fail') continue;
      // Every result is of one of the policy's criteria, each tallied above.
      tallies.get(result.id)!.count++;
      if (result.severity === 'blocking') {
        failingBlocking.push(result.label);
        for (const m of result.issues ?? []) mentions.add(m.key);
      }
    }
    if (evaluation.rag === 'red') {
      blocking.push({ key: entry.key, summary: entry.summary, rag: evaluation.rag, statusName: entry.statusName, failing: failingBlocking, mentions: [...mentions] });
    }
  }
  blocking.sort(blockingOrder);
  const failing = [...tallies.values()].filter((t) => t.count > 0).sort((a, b) => b.count - a.count || (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
  const overall: Rag = rag.red ? 'red' : rag.amber ? 'amber' : 'green';
  return { total, ready, rag, failing, blocking, overall, done };
}
