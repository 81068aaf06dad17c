/**
 * The project's readiness policy: read (one store operation), shown in the settings page, and
 * saved by project admins with a revision check so two admins never overwrite each other.
 */
import type { PolicySource, ReadinessCatalog, ReadinessPolicyView, SaveReadinessPolicyPayload, SaveReadinessPolicyResult } from '../../contract-readiness';
import { type ReadinessPolicy, defaultPolicy, validatePolicy } from '../../domain/readiness/policy';
import { AppError, ConflictError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import type { KeyValueStore, Logger } from '../../ports';
import { keys } from '../../store/keys';
import { requireProjectPermission } from '../authorize';
import type { AppDeps } from '../deps';
import { type InvocationContext, requireProject } from '../invocation-context';
import { job } from '../jobs-catalog';

export interface StoredPolicy {
  policy: ReadinessPolicy;
  updatedAt: string;
  updatedBy: string;
}

export interface LoadedPolicy {
  policy: ReadinessPolicy;
  revision: number;
  source: PolicySource;
  updatedAt?: string;
  updatedBy?: string;
}

/** The project's policy, or the default one. A stored policy that no longer validates falls back too. */
export async function loadPolicy(store: KeyValueStore, projectId: string, log?: Logger): Promise<LoadedPolicy> {
  const doc = await store.getVersioned<StoredPolicy>(keys.readinessPolicy(projectId));
  if (!doc) return { policy: defaultPolicy(), revision: 0, source: 'default' };
  const checked = validatePolicy(doc.value.policy);
  if (!checked.policy) {
    log?.error('stored readiness policy is invalid; using the default', { projectId, errors: checked.errors.slice(0, 3) });
    return { policy: defaultPolicy(), revision: doc.rev, source: 'default' };
  }
  return { policy: checked.policy, revision: doc.rev, source: 'project', updatedAt: doc.value.updatedAt, updatedBy: doc.value.updatedBy };
}

/** Issue types of the project and the site's fields, for the editor's pickers. */
async function catalogOf(jira: JiraClient, projectKey: string): Promise<ReadinessCatalog> {
  const [project, fields] = await Promise.all([jira.getProjectCatalog(projectKey), jira.listFields()]);
  return {
    issueTypes: project.issueTypes.map((t) => t.name),
    fields: fields
      .filter((f) => !['issuekey', 'thumbnail', 'project', 'summary', 'status', 'issuetype', 'created', 'updated', 'creator', 'reporter', 'lastViewed'].includes(f.id))
      .map((f) => ({ id: f.id, name: f.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function getReadinessPolicy(deps: AppDeps, context: InvocationContext): Promise<ReadinessPolicyView> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const granted = await jira.myPermissions(project.key, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
  if (!granted.BROWSE_PROJECTS) await requireProjectPermission(jira, project.key, 'BROWSE_PROJECTS');
  const [loaded, catalog] = await Promise.all([loadPolicy(deps.store, project.id, deps.log), catalogOf(jira, project.key)]);
  return viewOf(project, loaded, granted.ADMINISTER_PROJECTS, catalog);
}

function viewOf(project: { id: string; key: string }, loaded: LoadedPolicy, canEdit: boolean, catalog: ReadinessCatalog): ReadinessPolicyView {
  return {
    project: { id: project.id, key: project.key },
    policy: loaded.policy,
    revision: loaded.revision,
    source: loaded.source,
    canEdit,
    ...(loaded.updatedAt ? { updatedAt: loaded.updatedAt } : {}),
    ...(loaded.updatedBy ? { updatedBy: loaded.updatedBy } : {}),
    catalog,
  };
}

/**
 * Saves a policy: project admins only, checked with Jira as the user. Every problem comes back as
 * one VALIDATION detail ("criteria.2.groups: …") and nothing is stored; a save over a newer
 * revision is a CONFLICT. The roll-ups of the project are rebuilt afterwards (new fields to read).
 */
export async function saveReadinessPolicy(deps: AppDeps, context: InvocationContext, payload: SaveReadinessPolicyPayload): Promise<SaveReadinessPolicyResult> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  await requireProjectPermission(jira, project.key, 'ADMINISTER_PROJECTS');
  const catalog = await catalogOf(jira, project.key);
  const checked = validatePolicy(payload.policy, { issueTypes: catalog.issueTypes, fieldIds: catalog.fields.map((f) => f.id) });
  if (!checked.policy) {
    throw new AppError(
      'VALIDATION',
      `The readiness policy has ${checked.errors.length === 1 ? 'a problem' : `${checked.errors.length} problems`}; nothing was saved.`,
      checked.errors.map((e) => `${e.path}: ${e.message}`),
    );
  }
  const now = deps.clock.now().toISOString();
  const stored: StoredPolicy = { policy: checked.policy, updatedAt: now, updatedBy: context.accountId };
  try {
    await deps.store.transact([{ kind: 'put', key: keys.readinessPolicy(project.id), value: stored, expectRev: payload.revision }]);
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError('Someone else saved the readiness policy meanwhile. Reload it and apply your changes again.');
    throw error;
  }
  await deps.queue.push([job('reconcile-project-readiness', { projectId: project.id, projectKey: project.key })]);
  const loaded: LoadedPolicy = { policy: checked.policy, revision: payload.revision + 1, source: 'project', updatedAt: now, updatedBy: context.accountId };
  return { view: viewOf(project, loaded, true, catalog), warnings: checked.warnings };
}
