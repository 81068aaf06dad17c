import { z } from 'zod';
import type {
  NotesPublishingSettings,
  ReleaseNotesSettings,
  ReleaseNotesSettingsView,
  ReleaseNotesTemplate,
  SaveReleaseNotesSettingsPayload,
} from '../contract-release-notes';
import { type TemplateCatalog, defaultTemplate, validateTemplate } from '../domain/release-notes/template';
import { AppError, ConflictError } from '../errors';
import type { JiraClient } from '../integrations/jira/jira-client';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';
import { assertCanBrowse, projectAccess } from './release-managers';
import { type ReportSettings, reportSettingsSchema } from './report-settings';

const name = z.string().trim().min(1).max(60);
const label = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^\S+$/, 'a Jira label: one word without spaces');
const fieldId = z.string().regex(/^customfield_\d{1,12}$/, 'a custom field id such as customfield_10050');

export const notesSectionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower-case letters, digits and hyphens'),
    title: z.string().trim().min(1).max(120),
    issueTypes: z.array(name).max(20),
    labels: z.array(label).max(20),
    components: z.array(z.string().trim().min(1).max(255)).max(20),
    status: z.enum(['done', 'open', 'any']),
  })
  .strict();

export const notesTemplateSchema = z
  .object({
    audience: z.enum(['customer', 'internal']),
    intro: z.string().max(2000),
    sections: z.array(notesSectionSchema).max(20),
    otherSectionTitle: z.string().trim().max(120),
    releaseNoteField: fieldId.nullable(),
    upgradeNotesField: fieldId.nullable(),
    internalLabel: label,
    breakingLabel: label,
    linkIssues: z.boolean(),
  })
  .strict();

export const notesPublishingSchema = z
  .object({
    autoPublish: z.boolean(),
    spaceKey: reportSettingsSchema.shape.spaceKey.optional(),
    parentPageId: z.string().regex(/^\d{1,20}$/, 'a Confluence page id (digits)').optional(),
  })
  .strict();

export function defaultNotesSettings(): ReleaseNotesSettings {
  return { template: defaultTemplate(), publishing: { autoPublish: true } };
}

export async function readNotesSettings(deps: Pick<AppDeps, 'store'>, projectId: string): Promise<{ settings: ReleaseNotesSettings; isDefault: boolean; revision: number }> {
  const stored = await deps.store.getVersioned<ReleaseNotesSettings>(keys.notesSettings(projectId));
  return stored ? { settings: stored.value, isDefault: false, revision: stored.rev } : { settings: defaultNotesSettings(), isDefault: true, revision: 0 };
}

export async function readReportSettings(deps: Pick<AppDeps, 'store'>): Promise<ReportSettings | undefined> {
  const parsed = reportSettingsSchema.safeParse(await deps.store.get(keys.reportSettings()));
  return parsed.success ? parsed.data : undefined;
}

/** Where a project's notes go: its own space and parent, else the site's report settings. */
export function notesTarget(site: ReportSettings | undefined, publishing: NotesPublishingSettings): { spaceKey: string; parentPageId?: string } | null {
  const spaceKey = publishing.spaceKey ?? site?.spaceKey;
  if (!spaceKey) return null;
  // A project's own space does not inherit the site's parent pages: they live in another space.
  const siteParent = publishing.spaceKey && publishing.spaceKey !== site?.spaceKey ? undefined : (site?.notesParentPageId ?? site?.parentPageId);
  const parentPageId = publishing.parentPageId ?? siteParent;
  return parentPageId ? { spaceKey, parentPageId } : { spaceKey };
}

export interface NotesCatalog extends TemplateCatalog {
  textFields: Array<{ id: string; name: string }>;
  project: { id: string; key: string; name: string };
}

/** What templates may name: the site's fields, the project's issue types and components. */
export async function loadNotesCatalog(jira: JiraClient, projectKey: string): Promise<NotesCatalog> {
  const [project, fields] = await Promise.all([jira.getProjectCatalog(projectKey), jira.listFields()]);
  return {
    project: { id: project.id, key: project.key, name: project.name },
    fields,
    textFields: fields.filter((f) => f.custom && f.schemaType === 'string').map((f) => ({ id: f.id, name: f.name })),
    issueTypes: project.issueTypes.filter((t) => !t.subtask).map((t) => t.name),
    components: project.components.map((c) => c.name),
  };
}

/** The project's settings for the editor, with what it may choose from and where pages go. */
export async function getReleaseNotesSettings(deps: AppDeps, context: InvocationContext): Promise<ReleaseNotesSettingsView> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const access = await projectAccess(deps, jira, context, project.key);
  assertCanBrowse(access);
  const [catalog, { settings, isDefault, revision }, site, versions] = await Promise.all([
    loadNotesCatalog(jira, project.key),
    readNotesSettings(deps, project.id),
    readReportSettings(deps),
    jira.listVersions(project.key),
  ]);
  return {
    projectKey: project.key,
    settings,
    isDefault,
    revision,
    problems: validateTemplate(settings.template, catalog),
    catalog: { textFields: catalog.textFields, issueTypes: catalog.issueTypes, components: catalog.components },
    target: notesTarget(site, settings.publishing),
    canEdit: access.canEdit,
    versions: versions.map((v) => ({
      id: String(v.id),
      name: v.name,
      released: v.released === true,
      archived: v.archived === true,
      ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}),
    })),
  };
}

export function assertCanPublish(access: { projectKey: string; canEdit: boolean }): void {
  if (!access.canEdit) {
    throw new AppError('FORBIDDEN', `Only administrators of ${access.projectKey} and its release managers can change and publish its release notes.`);
  }
}

/**
 * Saves a project's template and publishing settings after checking them against Jira (fields,
 * issue types, components) and Confluence (the space and parent page exist). Every problem is
 * listed at once; nothing is stored unless all is well. Saved only over the revision the editor
 * loaded: a save from a stale page is a CONFLICT, never an overwrite of another editor's change.
 */
export async function saveReleaseNotesSettings(deps: AppDeps, context: InvocationContext, payload: SaveReleaseNotesSettingsPayload): Promise<ReleaseNotesSettingsView> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const access = await projectAccess(deps, jira, context, project.key);
  assertCanBrowse(access);
  assertCanPublish(access);
  const template: ReleaseNotesTemplate = payload.template;
  const [catalog, site] = await Promise.all([loadNotesCatalog(jira, project.key), readReportSettings(deps)]);
  const problems = validateTemplate(template, catalog);
  problems.push(...(await publishingProblems(deps, site, payload.publishing)));
  if (problems.length) throw new AppError('VALIDATION', 'The release-notes settings have problems. Nothing was saved.', problems);
  const now = deps.clock.now().toISOString();
  const stored: ReleaseNotesSettings = { template, publishing: payload.publishing, updatedAt: now, updatedBy: context.accountId };
  try {
    await deps.store.transact([{ kind: 'put', key: keys.notesSettings(project.id), value: stored, expectRev: payload.revision }]);
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError('Someone else saved the release-notes settings since you opened them. Reload to see their change, then make yours again.');
    throw error;
  }
  return getReleaseNotesSettings(deps, context);
}

async function publishingProblems(deps: AppDeps, site: ReportSettings | undefined, publishing: NotesPublishingSettings): Promise<string[]> {
  const target = notesTarget(site, publishing);
  if (!target) {
    return publishing.autoPublish || publishing.parentPageId
      ? ['Publishing: no Confluence space is configured for the site; enter a space key for this project.']
      : [];
  }
  const confluence = deps.confluenceAsApp();
  const space = await confluence.findSpaceByKey(target.spaceKey);
  if (!space) return [`Publishing: the Confluence space ${target.spaceKey} does not exist or the app cannot see it.`];
  if (target.parentPageId) {
    const parent = await confluence.getPage(target.parentPageId);
    if (!parent) return [`Publishing: the parent page ${target.parentPageId} does not exist in Confluence (or is in the trash).`];
    if (parent.spaceId !== space.id) return [`Publishing: the parent page ${target.parentPageId} is not in the space ${target.spaceKey}.`];
  }
  return [];
}
