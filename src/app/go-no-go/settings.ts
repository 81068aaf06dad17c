import type { GoNoGoSettingsView, ReleaseTypePolicy, SaveGoNoGoSettingsPayload } from '../../contract-go-no-go';
import { RELEASE_TYPE_LABELS } from '../../contract-go-no-go';
import { policyProblems } from '../../domain/go-no-go/policies';
import { AppError } from '../../errors';
import { type SettingsDoc, guardedUpdate } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { auditOf } from './audit';
import { type BoardSession, openSession, requireReleaseManager, settingsState } from './session';

function settingsView(session: BoardSession): GoNoGoSettingsView {
  const { settings } = session;
  const named = new Set(Object.values(settings.policies).flatMap((p) => p.roles.flatMap((r) => r.approverAccountIds)));
  return {
    project: session.project,
    policies: settings.policies,
    saved: settings.saved,
    ...(settings.updatedAt ? { updatedAt: settings.updatedAt } : {}),
    ...(settings.updatedBy ? { updatedBy: settings.updatedBy } : {}),
    canEdit: session.isReleaseManager,
    users: [...named].map((accountId) => ({ accountId, displayName: settings.names[accountId] ?? accountId })),
  };
}

export async function getGoNoGoSettings(deps: AppDeps, context: InvocationContext): Promise<GoNoGoSettingsView> {
  return settingsView(await openSession(deps, context, { versions: false }));
}

function describeChange(before: ReleaseTypePolicy, after: ReleaseTypePolicy, names: (id: string) => string): string[] {
  const changes: string[] = [];
  const roleText = (p: ReleaseTypePolicy) => p.roles.map((r) => `${r.name}: ${r.approverAccountIds.map(names).join(', ') || 'nobody'}`).join('; ');
  if (JSON.stringify(before.criteria) !== JSON.stringify(after.criteria)) changes.push(`criteria: ${after.criteria.map((c) => `${c.title}${c.blocking ? ' (blocking)' : ''}`).join(', ')}`);
  if (JSON.stringify(before.roles) !== JSON.stringify(after.roles)) changes.push(`sign-offs: ${roleText(after)}`);
  if (JSON.stringify(before.quorum) !== JSON.stringify(after.quorum)) changes.push(`quorum: ${after.quorum.kind === 'all' ? 'every role' : `${after.quorum.count} roles`}`);
  if (before.pirDueDays !== after.pirDueDays) changes.push(`review due: ${after.pirDueDays === null ? 'no deadline' : `${after.pirDueDays} days after GO`}`);
  return changes;
}

/** A release type's policy, replaced whole; approvers must be people Jira knows. */
export async function saveGoNoGoSettings(deps: AppDeps, context: InvocationContext, payload: SaveGoNoGoSettingsPayload): Promise<GoNoGoSettingsView> {
  const session = await openSession(deps, context, { versions: false });
  requireReleaseManager(session, 'change the Go/No-Go settings');
  const policy = payload.policy;
  const problems = policyProblems(policy);
  if (problems.length) throw new AppError('VALIDATION', 'The settings were not saved.', problems);
  const approvers = [...new Set(policy.roles.flatMap((r) => r.approverAccountIds))];
  const [actor, known] = await Promise.all([session.actor(), approvers.length ? session.jira.usersByIds(approvers) : Promise.resolve([])]);
  const names = new Map(known.map((u) => [u.accountId, u.displayName]));
  const unknown = approvers.filter((id) => !names.has(id));
  if (unknown.length) throw new AppError('VALIDATION', 'The settings were not saved.', unknown.map((id) => `approvers: Jira has no user “${id.slice(0, 60)}”.`));
  const at = deps.clock.now().toISOString();
  const { value } = await guardedUpdate<SettingsDoc>(deps.store, keys.goNoGoSettings(session.project.id), {
    initial: () => ({ policies: {}, names: {}, updatedAt: '', updatedBy: actor }),
    change: (doc) => {
      if (payload.expectedUpdatedAt !== undefined && (doc.updatedAt || undefined) !== (payload.expectedUpdatedAt || undefined)) {
        throw new AppError('CONFLICT', 'Someone else saved the Go/No-Go settings meanwhile. Reload them and make your change again.');
      }
      const before = settingsState(doc).policies[payload.releaseType];
      if (JSON.stringify(before) === JSON.stringify(policy)) return undefined;
      const allNames = { ...doc.names, ...Object.fromEntries(names) };
      const nameOf = (id: string) => allNames[id] ?? id;
      return {
        next: { policies: { ...doc.policies, [payload.releaseType]: policy }, names: allNames, updatedAt: at, updatedBy: actor },
        audit: [
          auditOf(session, actor, at, { versionId: '', versionName: '' }, {
            action: 'settings.policy-updated',
            summary: `Changed the ${RELEASE_TYPE_LABELS[payload.releaseType]} policy: ${describeChange(before, policy, nameOf).join('; ')}.`,
            before: { releaseType: payload.releaseType, policy: before },
            after: { releaseType: payload.releaseType, policy },
          }),
        ],
      };
    },
  });
  session.settings = settingsState(value);
  return settingsView(session);
}
