/**
 * The issue panel: readiness of the issue in its context for its release, read live from Jira as
 * the user (so Jira itself refuses an issue they may not browse), and signing manual checks off.
 *
 * First paint: Jira ≤ 2 requests (one search: the issue and its blockers; `/myself?expand=groups`
 * only when a manual check that applies names groups); store ≤ 3 operations (quota gate, policy,
 * the issue's sign-off log).
 */
import type { IssueReadinessView, ManualCheckView, ReadinessRelease, SignOffPayload, SignOffResult } from '../../contract-readiness';
import { type CalendarDate, calendarDateIn } from '../../domain/calendar/calendar-date';
import { daysLeftFor, evaluateReadiness, primaryRelease } from '../../domain/readiness/evaluate';
import type { IssueFacts } from '../../domain/readiness/facts';
import { type ManualCheck, type ReadinessPolicy, type Signer, appliesTo, isManual, maySign } from '../../domain/readiness/policy';
import { type SignOffLog, currentSignOffs, signedChecks } from '../../domain/readiness/sign-offs';
import { AppError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireIssue, requireProject } from '../invocation-context';
import { readIssueFacts } from './facts';
import { type LoadedPolicy, loadPolicy } from './policy';
import { writeSignOff } from './rollup-store';

const HISTORY_SHOWN = 50;

export interface Viewer extends Signer {
  displayName?: string;
}

function signersText(check: ManualCheck): string {
  const people = check.accountIds.length ? [`${check.accountIds.length} named ${check.accountIds.length === 1 ? 'person' : 'people'}`] : [];
  const all = [...check.groups, ...people];
  return all.length <= 1 ? (all[0] ?? 'nobody') : `${all.slice(0, -1).join(', ')} or ${all.at(-1)}`;
}

function needsGroups(policy: ReadinessPolicy, issueType: string | undefined): boolean {
  return policy.criteria.some((c) => isManual(c) && c.groups.length > 0 && (issueType === undefined || appliesTo(c, issueType)));
}

/** The caller with their Jira groups when `wanted` (one `/myself?expand=groups`), checked to be who is asking. */
export async function viewerOf(jira: JiraClient, accountId: string, wanted: boolean): Promise<Viewer> {
  if (!wanted) return { accountId };
  const me = await jira.myselfWithGroups();
  if (me.accountId !== accountId) throw new AppError('UNAUTHENTICATED', 'Jira answered for a different person than the one asking.');
  return { accountId, displayName: me.displayName, groups: new Set(me.groups.map((g) => g.toLowerCase())) };
}

function releaseOf(v: IssueFacts['fixVersions'][number], today: CalendarDate): ReadinessRelease {
  const release = { id: v.id, name: v.name, released: v.released, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}) };
  return { ...release, daysLeft: daysLeftFor(release, today) };
}

export function buildIssueReadinessView(facts: IssueFacts, loaded: LoadedPolicy, log: SignOffLog | undefined, viewer: Viewer, now: Date, timeZone: string): IssueReadinessView {
  const today = calendarDateIn(now, timeZone);
  const target = primaryRelease(facts.fixVersions);
  const evaluation = evaluateReadiness({ policy: loaded.policy, facts, signed: signedChecks(log), release: target, today });
  const current = currentSignOffs(log);
  const checks: ManualCheckView[] = loaded.policy.criteria
    .filter(isManual)
    .filter((c) => appliesTo(c, facts.issueType))
    .map((c) => {
      const signed = current.get(c.id);
      return {
        criterionId: c.id,
        label: c.label,
        ...(c.description ? { description: c.description } : {}),
        signers: signersText(c),
        canSign: maySign(c, viewer),
        ...(signed ? { current: signed } : {}),
      };
    });
  const releases = facts.fixVersions.map((v) => releaseOf(v, today));
  return {
    issue: { id: facts.id, key: facts.key, summary: facts.summary, issueType: facts.issueType, statusName: facts.statusName, statusCategory: facts.category },
    releases,
    ...(target ? { target: releases.find((r) => r.id === target.id) as ReadinessRelease } : {}),
    rag: evaluation.rag,
    ragReason: evaluation.ragReason,
    ready: evaluation.ready,
    readyForReleaseDate: evaluation.readyForReleaseDate,
    results: evaluation.results,
    checks,
    history: [...(log?.records ?? [])].reverse().slice(0, HISTORY_SHOWN),
    policySource: loaded.source,
    generatedAt: now.toISOString(),
    timeZone,
  };
}

/** The issue from the context, read as the user; refuses one of another project than the view's. */
async function readContextIssue(deps: AppDeps, jira: JiraClient, context: InvocationContext, policy: ReadinessPolicy) {
  const issueRef = requireIssue(context);
  const project = requireProject(context);
  const read = await readIssueFacts(jira, issueRef.key, policy, () => deps.clock.now().getTime());
  if (!read) throw new AppError('NOT_FOUND', `${issueRef.key} does not exist or you do not have permission to see it (Browse Projects).`);
  if (read.facts.id !== issueRef.id || read.facts.projectId !== project.id) {
    throw new AppError('FORBIDDEN', `${issueRef.key} does not belong to the project ${project.key} this view is in.`);
  }
  return read;
}

export async function getIssueReadiness(deps: AppDeps, context: InvocationContext): Promise<IssueReadinessView> {
  const issueRef = requireIssue(context);
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const loaded = await loadPolicy(deps.store, project.id, deps.log);
  const [read, log, viewer] = await Promise.all([
    readContextIssue(deps, jira, context, loaded.policy),
    deps.store.getVersioned<SignOffLog>(keys.readinessSignOffs(issueRef.id)),
    viewerOf(jira, context.accountId, needsGroups(loaded.policy, context.issue?.type)),
  ]);
  return buildIssueReadinessView(read.facts, loaded, log?.value, viewer, deps.clock.now(), deps.timeZone);
}

/**
 * Signs a manual check off (or revokes a sign-off) on the issue of the context. The check must be
 * in the project's policy, apply to the issue's type, and the user must be in one of its groups
 * (or named) – asked of Jira as the user now, whatever the panel showed.
 */
export async function signOffCheck(deps: AppDeps, context: InvocationContext, payload: SignOffPayload): Promise<SignOffResult> {
  const project = requireProject(context);
  requireIssue(context);
  const loaded = await loadPolicy(deps.store, project.id, deps.log);
  const criterion = loaded.policy.criteria.find((c) => c.id === payload.criterionId);
  if (!criterion) throw new AppError('VALIDATION', `There is no check "${payload.criterionId}" in the readiness policy of ${project.key}.`);
  if (!isManual(criterion)) throw new AppError('VALIDATION', `"${criterion.label}" is computed from Jira; it cannot be signed off.`);

  const jira = deps.jiraAsUser(context.accountId);
  const [read, viewer] = await Promise.all([readContextIssue(deps, jira, context, loaded.policy), viewerOf(jira, context.accountId, true)]);
  if (!appliesTo(criterion, read.facts.issueType)) throw new AppError('VALIDATION', `"${criterion.label}" does not apply to ${read.facts.issueType} issues.`);
  if (!maySign(criterion, viewer)) {
    throw new AppError('FORBIDDEN', `Only ${signersText(criterion)} may ${payload.action === 'sign' ? 'sign off' : 'revoke'} "${criterion.label}".`);
  }

  const now = deps.clock.now();
  const { outcome } = await writeSignOff(deps, read.facts, {
    criterionId: criterion.id,
    action: payload.action === 'sign' ? 'signed' : 'revoked',
    accountId: context.accountId,
    displayName: viewer.displayName ?? context.accountId,
    at: now.toISOString(),
    ...(payload.evidenceUrl ? { evidenceUrl: payload.evidenceUrl } : {}),
    ...(payload.comment ? { comment: payload.comment } : {}),
  });
  return {
    outcome: outcome.kind === 'recorded' ? 'recorded' : 'unchanged',
    view: buildIssueReadinessView(read.facts, loaded, outcome.log, viewer, now, deps.timeZone),
  };
}
