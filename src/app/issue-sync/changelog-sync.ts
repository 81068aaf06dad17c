/**
 * An issue event whose changelog says everything readiness and the KPI facts need is applied
 * straight to what the app stores (the issue's release roll-up entries, its KPI fact), with no Jira
 * read (src/domain/issue-sync/changelog-apply.ts says which fields that covers). Anything else is
 * refused with a reason, and the caller marks the issue for the next bulk read as before:
 * - a field the changelog does not carry enough of (links, sub-tasks, parent, type, project, a fix
 *   version added, a status of unknown category);
 * - an item whose `from` is not what is stored, or an event older than a change already applied
 *   from a changelog (a change the app has not seen came in between, or arrives late);
 * - a status or priority change of an issue some roll-up entry reads (references.ts), or a
 *   re-opening: the issues that read it must be re-read, which the read of this one does;
 * - no stored entry or fact to apply it to (the issue was never read; a re-sync is building).
 */
import type { StatusCategory } from '../../domain/kpis/facts';
import { decodeFact, encodeFact } from '../../domain/kpis/facts';
import { type ChangelogItem, applyToKpiFact, applyToReadinessFacts, changesWhatOthersRead, leavesDone, needsRead } from '../../domain/issue-sync/changelog-apply';
import { policyFieldIds, type ReadinessPolicy } from '../../domain/readiness/policy';
import type { MemberEntry } from '../../domain/readiness/rollup';
import type { StoredReleaseShard } from '../../domain/readiness/shard-codec';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import { type FactPart, monthOfMinutes, partHolding, placementKey } from '../kpi-fact-store';
import { markKpiInputsChanged } from '../kpi-inputs-mark';
import { readSyncDoc } from '../kpi-sync';
import { isReferenced } from '../readiness/references';
import { applyIssueFacts } from '../readiness/rollup-store';
import { leafOf, leafShard } from '../readiness/release-shards';

export interface ChangelogEvent {
  projectId: string;
  issue: { id: string; key: string; fields?: Record<string, unknown> };
  items: readonly ChangelogItem[] | undefined;
  /** The issue's `updated` after the change, epoch ms. */
  updated: number | undefined;
  /** The issue's member-index entry, when readiness knows it. */
  known: MemberEntry | undefined;
  policy: ReadinessPolicy;
  /** The event's own fix versions name an unreleased version (Forge usually leaves them out). */
  inReleaseByEvent?: boolean;
}

export type ChangelogOutcome = { applied: true; detail: string } | { applied: false; reason: string };

interface EventStatus {
  id?: unknown;
  statusCategory?: { key?: unknown };
}

const refuse = (reason: string): ChangelogOutcome => ({ applied: false, reason });

/** Applies the event's changelog to the stored roll-up entries and KPI fact, or says why it cannot. */
export async function applyChangelog(deps: AppDeps, event: ChangelogEvent): Promise<ChangelogOutcome> {
  const { items, updated, known, issue } = event;
  if (!items || items.length === 0) return refuse('no changelog');
  if (updated === undefined) return refuse('no updated time');
  const why = needsRead(items);
  if (why) return refuse(why);
  const entries = known && !known.d ? known.v : [];
  if (event.inReleaseByEvent && entries.length === 0) return refuse('in a release the app has no entry for');
  const kpiDoc = await readSyncDoc(deps, event.projectId);
  // The event's own status names the new status's category; the KPI catalogue knows the others.
  const status = issue.fields?.status as EventStatus | undefined;
  const categoryOf = (statusId: string): StatusCategory | undefined => {
    const key = status && String(status.id) === statusId ? status.statusCategory?.key : undefined;
    return key === 'new' || key === 'indeterminate' || key === 'done' ? key : kpiDoc?.statusCategories[statusId];
  };
  if (changesWhatOthersRead(items) && (leavesDone(items, categoryOf) || (await isReferenced(deps.store, issue.key)))) return refuse('other issues\' readiness reads it');

  // KPI fact first: checked and written in one step, so a refusal leaves the roll-ups untouched.
  if (kpiDoc) {
    if (kpiDoc.live) return refuse('a KPI re-sync is building its facts');
    const created = Date.parse(String(issue.fields?.created ?? ''));
    if (!Number.isFinite(created)) return refuse('no created time');
    const kpi = await applyToStoredFact(deps, event.projectId, kpiDoc.generation ?? 0, issue.id, Math.floor(created / 60_000), (fact) => {
      const next = applyToKpiFact(fact, { items, at: updated, categoryOf });
      // The event carries the issue's status: a status change the app never saw shows here.
      const now = status?.statusCategory?.key;
      return next.ok && typeof now === 'string' && now !== next.value.category ? { ok: false, reason: 'the event\'s status is not the one its changelog leads to' } : next;
    });
    if (kpi) return refuse(kpi);
    await markKpiInputsChanged(deps.store, { projectId: event.projectId });
  }

  // Release roll-ups: only an issue in a release has an entry; the others' readiness is only what
  // other entries read of them, and no entry reads this one (checked above).
  if (entries.length > 0) {
    const ref = await leafOf(deps.store, entries[0] as string, issue.id);
    const entry = leafShard(ref, (await deps.store.getVersioned<StoredReleaseShard>(ref.key))?.value).issues[issue.id];
    if (!entry) return refuse('no stored roll-up entry');
    const { s: _s, sr: _sr, ...stored } = entry;
    const flagFields = event.policy.criteria.flatMap((c) => (c.kind === 'not-flagged' ? [c.fieldId] : []));
    const next = applyToReadinessFacts(stored, { items, updated, observed: deps.clock.now().getTime(), categoryOf, policyFields: policyFieldIds(event.policy), flagFields });
    if (!next.ok) return refuse(next.reason);
    const eventStatus = (issue.fields?.status as { name?: unknown } | undefined)?.name;
    if (typeof eventStatus === 'string' && eventStatus !== next.value.statusName) return refuse('the event\'s status is not the one its changelog leads to');
    const outcome = await applyIssueFacts(deps, { facts: next.value, dependents: { keys: [] }, fromChangelog: true }, { knownVersions: entries });
    if (!outcome.applied) return refuse('the stored entry changed meanwhile');
  }
  return { applied: true, detail: `applied from its changelog${kpiDoc ? ' (roll-ups and KPI fact)' : ''}` };
}

/** Rewrites one stored KPI fact with `change`; answers why not when it cannot (then nothing is written). */
async function applyToStoredFact(
  deps: AppDeps,
  projectId: string,
  generation: number,
  issueId: string,
  createdMinutes: number,
  change: (fact: ReturnType<typeof decodeFact>) => ReturnType<typeof applyToKpiFact>,
): Promise<string | undefined> {
  const month = monthOfMinutes(createdMinutes);
  const key = (part: number) => keys.kpiFacts(projectId, month, part, generation);
  const root = (await deps.store.getVersioned<FactPart>(key(0)))?.value;
  if (!root) return 'no stored KPI fact';
  // The part that holds the issue, as writeFacts places it (kpi-fact-store.ts).
  const { part, parts } = await partHolding(placementKey(root.by, month, issueId, createdMinutes), async (p) => (p === 0 ? root.parts : (await deps.store.getVersioned<FactPart>(key(p)))?.value.parts));
  let refused: string | undefined;
  await updateVersioned<FactPart | undefined>(deps.store, key(part), () => undefined, (doc) => {
    refused = undefined;
    // A split meanwhile moved the fact: read the issue instead.
    if (!doc || doc.parts !== parts || doc.by !== root.by) return void (refused = 'no stored KPI fact');
    const at = doc.facts.findIndex((t) => t[0] === issueId);
    if (at < 0) return void (refused = 'no stored KPI fact');
    const next = change(decodeFact(doc.facts[at]!));
    if (!next.ok) return void (refused = next.reason);
    const tuple = encodeFact(next.value);
    if (JSON.stringify(tuple) === JSON.stringify(doc.facts[at])) return undefined;
    const facts = [...doc.facts];
    facts[at] = tuple;
    return { ...doc, facts };
  });
  return refused;
}
