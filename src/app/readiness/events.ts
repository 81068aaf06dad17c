/**
 * Product events that move release roll-ups: issues created, updated or deleted, links created or
 * deleted, versions deleted or unreleased. Events are only triggers. An issue created or updated
 * is not read here: its changelog says whether readiness or the KPIs can care (labels on a backlog
 * issue cannot); if they can, the changelog is applied to the stored roll-up entries and KPI fact
 * when it carries all they need (src/app/issue-sync/changelog-sync.ts lists when it does not), and
 * otherwise the issue is marked for the next incremental search (src/app/issue-sync/), which reads
 * every marked issue once, whatever the number of events. Links (rare) re-read both ends at once.
 * A late, repeated or out-of-order event cannot write old data: a changelog applies only on top of
 * the stored values it starts from, and an event older than a change applied from a changelog is
 * read instead.
 */
import { z } from 'zod';
import type { MemberShard } from '../../domain/readiness/rollup';
import type { AppDeps } from '../deps';
import { job } from '../jobs-catalog';
import { readIssueFactsAnywhere } from './facts';
import { loadPolicy } from './policy';
import { applyIssueFacts, dropRelease, memberKeyOf, removeIssue } from './rollup-store';
import { triageIssueChange } from '../../domain/issue-sync/triage';
import { policyFieldIds } from '../../domain/readiness/policy';
import { applyChangelog } from '../issue-sync/changelog-sync';
import { type DirtyDoc, markChangeApplied, markProjectDirty } from '../issue-sync/dirty-marks';
import { keys } from '../../store/keys';

const id = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String);

const issueEvent = z.object({
  issue: z.object({
    id,
    key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/),
    fields: z
      .object({
        project: z.object({ id }).passthrough().optional(),
        updated: z.union([z.string(), z.number()]).optional(),
        fixVersions: z.array(z.object({ released: z.boolean().optional() }).passthrough()).optional(),
      })
      .passthrough()
      .optional(),
  }),
  changelog: z
    .object({
      items: z.array(
        z.object({ field: z.string().nullish(), fieldId: z.string().nullish(), from: z.string().nullish(), fromString: z.string().nullish(), to: z.string().nullish(), toString: z.string().nullish() }).passthrough(),
      ),
    })
    .passthrough()
    .optional(),
});
const linkEvent = z.object({ sourceIssueId: id, destinationIssueId: id });
const versionEvent = z.object({ version: z.object({ id, projectId: id.optional() }).passthrough() });

export const READINESS_EVENTS = new Set([
  'avi:jira:created:issue',
  'avi:jira:updated:issue',
  'avi:jira:deleted:issue',
  'avi:jira:created:issuelink',
  'avi:jira:deleted:issuelink',
  'avi:jira:deleted:version',
  'avi:jira:unreleased:version',
]);

export interface EventOutcome {
  handled: boolean;
  detail: string;
}

function epochOf(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

export async function handleReadinessEvent(deps: AppDeps, eventType: string, event: unknown): Promise<EventOutcome> {
  switch (eventType) {
    case 'avi:jira:created:issue':
    case 'avi:jira:updated:issue':
      return handleIssueChange(deps, eventType, event);
    case 'avi:jira:deleted:issue': {
      const parsed = issueEvent.safeParse(event);
      const projectId = parsed.success ? parsed.data.issue.fields?.project?.id : undefined;
      if (!parsed.success || !projectId) return { handled: false, detail: 'deleted issue without project: the reconciliation removes it' };
      const { removedFrom } = await removeIssue(deps, projectId, parsed.data.issue.id);
      return { handled: true, detail: `removed from ${removedFrom.length} roll-up(s)` };
    }
    case 'avi:jira:created:issuelink':
    case 'avi:jira:deleted:issuelink': {
      const parsed = linkEvent.safeParse(event);
      if (!parsed.success) return { handled: false, detail: 'unreadable link event' };
      // Both ends may change: the blocked issue gains or loses a blocker, the other a linked bug.
      const results = await Promise.all([refresh(deps, parsed.data.destinationIssueId, false), refresh(deps, parsed.data.sourceIssueId, false)]);
      return { handled: true, detail: results.map((r) => r.detail).join('; ') };
    }
    case 'avi:jira:deleted:version': {
      const parsed = versionEvent.safeParse(event);
      if (!parsed.success) return { handled: false, detail: 'unreadable version event' };
      return { handled: true, detail: `dropped ${await dropRelease(deps.store, parsed.data.version.id)} roll-up bucket(s)` };
    }
    case 'avi:jira:unreleased:version': {
      const parsed = versionEvent.safeParse(event);
      if (!parsed.success || !parsed.data.version.projectId) return { handled: false, detail: 'unreadable version event' };
      // Events skip released versions, so its roll-up is rebuilt rather than trusted.
      await deps.queue.push([job('reconcile-release-readiness', { projectId: parsed.data.version.projectId, versionId: parsed.data.version.id })]);
      return { handled: true, detail: 'roll-up rebuild queued' };
    }
    default:
      return { handled: false, detail: 'not a readiness event' };
  }
}

/** An issue created or updated: ignored, applied from its changelog, or marked for a read. */
async function handleIssueChange(deps: AppDeps, eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue', event: unknown): Promise<EventOutcome> {
  const now = () => deps.clock.now().getTime();
  const parsed = issueEvent.safeParse(event);
  if (!parsed.success) return { handled: false, detail: 'unreadable issue event' };
  const { issue, changelog } = parsed.data;
  const projectId = issue.fields?.project?.id;
  if (!projectId) return refresh(deps, issue.id, true);
  const known = (await deps.store.getVersioned<MemberShard>(memberKeyOf(projectId, issue.id)))?.value.entries[issue.id];
  const updated = epochOf(issue.fields?.updated);
  // Older than what is stored: a read saw this change already; a change applied from a
  // changelog did not (this one came late), so the issue is read. The same event again: nothing.
  const late = !!known && !known.d && known.c === 1 && updated !== undefined && known.u > updated;
  if (known && known.o > 0 && !late && (known.d || (updated !== undefined && known.u >= updated))) return { handled: true, detail: 'readiness already current' };
  const { policy } = await loadPolicy(deps.store, projectId, deps.log);
  const inRelease = (issue.fields?.fixVersions ?? []).some((v) => v.released !== true) || (known?.v.length ?? 0) > 0;
  const triage = triageIssueChange({ eventType, items: changelog?.items, inRelease, policyFields: policyFieldIds(policy) });
  if (triage.action === 'ignore') return { handled: true, detail: `ignored: ${triage.reason}` };
  const at = new Date(Math.min(now(), updated ?? Number.POSITIVE_INFINITY));
  let reason = late ? 'older than a change applied from a changelog' : triage.reason;
  // An issue already marked for a read is read anyway: its changelog is not applied on top of an
  // entry that read will replace.
  const pending = (await deps.store.getVersioned<DirtyDoc>(keys.issueSyncDirty()))?.value.projects[projectId];
  const readPending = !!pending && !pending.claimedAt && (!pending.issues || pending.issues.includes(issue.id));
  if (eventType === 'avi:jira:updated:issue' && !late && !readPending) {
    const inReleaseByEvent = (issue.fields?.fixVersions ?? []).some((v) => v.released !== true);
    const applied = await applyChangelog(deps, { projectId, issue: { id: issue.id, key: issue.key, fields: issue.fields }, items: changelog?.items, updated, known, policy, inReleaseByEvent });
    if (applied.applied) {
      // Nothing to read; the next run moves the watermarks past this change.
      await markChangeApplied(deps, projectId, at);
      return { handled: true, detail: `${applied.detail}: ${triage.reason}` };
    }
    reason = `${triage.reason}; read because ${applied.reason}`;
  }
  // The change is read by the next incremental search (src/app/issue-sync/), whose window
  // starts a few minutes before the change, even when the event itself arrives late.
  const marked = await markProjectDirty(deps, projectId, at, issue.id);
  return { handled: true, detail: `${marked ? 'marked for the next issue search' : 'already marked for the next issue search'}: ${reason}` };
}

/** Re-reads one issue (project not known in advance) and applies its facts. */
export async function refresh(deps: AppDeps, issue: string, cascade: boolean): Promise<EventOutcome> {
  const read = await readIssueFactsAnywhere(deps.jiraAsApp(), issue, async (projectId) => (await loadPolicy(deps.store, projectId, deps.log)).policy, () => deps.clock.now().getTime());
  if (!read) return { handled: true, detail: `${issue} not found` };
  const outcome = await applyIssueFacts(deps, read, { cascade });
  return { handled: true, detail: `${read.facts.key}: ${outcome.applied ? 'recorded' : 'unchanged'}` };
}
