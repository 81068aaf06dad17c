import type {
  LoadReleaseNotesSessionPayload,
  NotesPublication,
  OpenReleaseNotesPayload,
  OpenReleaseNotesResult,
  PreviewReleaseNotesPayload,
  PublishReleaseNotesPayload,
  PublishReleaseNotesResult,
  ReleaseNotesDocument,
  ReleaseNotesPreview,
  ReleaseNotesSession,
  ReleaseNotesTemplate,
} from '../contract-release-notes';
import { NOTES_ISSUE_FIELDS, notesSourceIssueFromJira } from '../domain/release-notes/notes-issue';
import { type CurrentPage, contentHash, decidePublication } from '../domain/release-notes/publication';
import { type NotesSource, releaseNotesFromSource, renderNotesPreview } from '../domain/release-notes/release-notes';
import { renderNotesStorage } from '../domain/release-notes/render';
import { templateFieldIds } from '../domain/release-notes/template';
import { defaultVersionId } from '../domain/release-notes/versions';
import { AppError, ConflictError } from '../errors';
import { type ConfluenceClient, normaliseStorage } from '../integrations/confluence/confluence-client';
import type { JiraClient } from '../integrations/jira/jira-client';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';
import { job } from './jobs-catalog';
import { assertCanPublish, getReleaseNotesSettings, notesTarget, readNotesSettings, readReportSettings } from './release-notes-settings';
import { assertCanBrowse, projectAccess } from './release-managers';
import { requireSpace } from './report-publishing';

/** Issues read per version at most: notes for more than this are cut (and say so). */
export const MAX_NOTES_ISSUES = 2000;
/** Re-reads after a stale page version (someone saved the page while the app was writing). */
const WRITE_ATTEMPTS = 3;

interface ProjectRef {
  id: string;
  key: string;
  name: string;
}

/**
 * What the notes of one version are made from, as `jira`'s principal sees it, with the text of the
 * custom fields `fieldIds`. The version must belong to the project (a version id from another
 * project is "not found", whatever the caller may see). One read of the version's issues.
 */
export async function readNotesSource(
  jira: JiraClient,
  project: { id: string; key: string; name?: string },
  versionId: string,
  fieldIds: readonly string[],
): Promise<NotesSource> {
  const [version, details, jiraBaseUrl] = await Promise.all([
    jira.getVersion(versionId),
    project.name !== undefined ? ({ id: project.id, key: project.key, name: project.name } as ProjectRef) : jira.getProject(project.key),
    jira.siteBaseUrl().catch(() => ''),
  ]);
  if (String(version.projectId) !== project.id) throw new AppError('NOT_FOUND', `Version ${versionId} is not a version of ${project.key}.`);
  const fields = [...new Set(fieldIds)];
  const found = await jira.searchAll(`project = ${project.id} AND fixVersion = ${version.id} ORDER BY key ASC`, [...NOTES_ISSUE_FIELDS, ...fields], {
    maxIssues: MAX_NOTES_ISSUES + 1,
  });
  return {
    project: { id: (details as ProjectRef).id, key: (details as ProjectRef).key, name: (details as ProjectRef).name },
    version: {
      id: String(version.id),
      name: version.name,
      released: version.released === true,
      ...(version.releaseDate ? { releaseDate: version.releaseDate } : {}),
      ...(version.description ? { description: version.description } : {}),
    },
    issues: found.slice(0, MAX_NOTES_ISSUES).map((issue) => notesSourceIssueFromJira(issue, fields)),
    jiraBaseUrl,
    truncated: found.length > MAX_NOTES_ISSUES,
    fields,
  };
}

/** The notes of one version of a project as `jira`'s principal sees them (see readNotesSource). */
export async function generateReleaseNotes(
  jira: JiraClient,
  project: { id: string; key: string; name?: string },
  versionId: string,
  template: ReleaseNotesTemplate,
): Promise<ReleaseNotesDocument> {
  return releaseNotesFromSource(await readNotesSource(jira, project, versionId, templateFieldIds(template)), template);
}

export async function readPublication(deps: Pick<AppDeps, 'store'>, versionId: string): Promise<NotesPublication | undefined> {
  return (await deps.store.getVersioned<NotesPublication>(keys.notesPublication(versionId)))?.value;
}

/**
 * Resolver: the notes of a version as the caller sees them, rendered on the server with the saved
 * or an unsaved template. The notes page renders in the browser (openReleaseNotes); this stays for
 * scripts and as the server's reference rendering the page is compared with in tests.
 */
export async function previewReleaseNotes(deps: AppDeps, context: InvocationContext, payload: PreviewReleaseNotesPayload): Promise<ReleaseNotesPreview> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const [access, { settings }, publication] = await Promise.all([
    projectAccess(deps, jira, context, project.key),
    readNotesSettings(deps, project.id),
    readPublication(deps, payload.versionId),
  ]);
  assertCanBrowse(access);
  const template = payload.template ?? settings.template;
  const source = await readNotesSource(jira, project, payload.versionId, templateFieldIds(template));
  return {
    ...renderNotesPreview(source, template),
    publication: publication && publication.projectId === project.id ? publication : null,
    canPublish: access.canEdit,
  };
}

/**
 * Resolver: one version's editing session, as the caller sees it: its issues read once with the
 * text of the saved template's custom fields plus `fields` (a field the editor just chose).
 */
export async function loadReleaseNotesSession(deps: AppDeps, context: InvocationContext, payload: LoadReleaseNotesSessionPayload): Promise<ReleaseNotesSession> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const [access, { settings }] = await Promise.all([projectAccess(deps, jira, context, project.key), readNotesSettings(deps, project.id)]);
  assertCanBrowse(access);
  return sessionFor(deps, jira, project, payload.versionId, [...templateFieldIds(settings.template), ...(payload.fields ?? [])], access.canEdit);
}

async function sessionFor(
  deps: AppDeps,
  jira: JiraClient,
  project: { id: string; key: string; name?: string },
  versionId: string,
  fieldIds: string[],
  canEdit: boolean,
): Promise<ReleaseNotesSession> {
  const [source, publication] = await Promise.all([readNotesSource(jira, project, versionId, fieldIds), readPublication(deps, versionId)]);
  return { source, publication: publication && publication.projectId === project.id ? publication : null, canPublish: canEdit };
}

/**
 * Resolver: the notes page's one call on opening: the settings (getReleaseNotesSettings, which
 * checks the caller may browse the project) and the session of the version asked for, else of the
 * version shown first.
 */
export async function openReleaseNotes(deps: AppDeps, context: InvocationContext, payload: OpenReleaseNotesPayload): Promise<OpenReleaseNotesResult> {
  const project = requireProject(context);
  const settings = await getReleaseNotesSettings(deps, context);
  const versionId = defaultVersionId(settings.versions, payload.versionId);
  if (!versionId) return { settings, session: null };
  const jira = deps.jiraAsUser(context.accountId);
  return { settings, session: await sessionFor(deps, jira, project, versionId, templateFieldIds(settings.settings.template), settings.canEdit) };
}

/**
 * Resolver: publishes a version's notes now. Release managers only. The page is generated as the
 * app, like the publication on release, so the page never depends on who pressed the button.
 */
export async function publishReleaseNotesNow(deps: AppDeps, context: InvocationContext, payload: PublishReleaseNotesPayload): Promise<PublishReleaseNotesResult> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  const access = await projectAccess(deps, jira, context, project.key);
  assertCanBrowse(access);
  assertCanPublish(access);
  // The version must be the page's project's, checked before anything is read or written by its id.
  const version = await jira.getVersion(payload.versionId).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return undefined;
    throw error;
  });
  if (!version || String(version.projectId) !== project.id) throw new AppError('NOT_FOUND', `${project.key} has no version ${payload.versionId}.`);
  const [{ settings }, site] = await Promise.all([readNotesSettings(deps, project.id), readReportSettings(deps)]);
  if (!notesTarget(site, settings.publishing)) {
    throw new AppError('VALIDATION', 'No Confluence space is configured for release notes. Choose one in the release-notes settings.');
  }
  const publication = await publishReleaseNotes(deps, {
    projectId: project.id,
    versionId: payload.versionId,
    trigger: 'manual',
    force: payload.force === true,
    requestedBy: context.accountId,
  });
  if ('skipped' in publication) throw new AppError('VALIDATION', publication.skipped);
  if (publication.status === 'failed') throw new AppError('UPSTREAM', 'The release notes could not be published.', publication.error ? [publication.error] : undefined);
  return { publication };
}

/**
 * Product event: a version was released. The job does the work, so the event handler stays short.
 * Forge delivers events at least once: a repeat within the same hour queues nothing (the job is
 * idempotent anyway, but it reads every issue of the version, which costs Jira points).
 */
export async function onVersionReleased(deps: AppDeps, version: { id: string; projectId: string }): Promise<{ queued: boolean }> {
  const hour = deps.clock.now().toISOString().slice(0, 13).replace(/[-T]/g, '');
  const first = await deps.store.setIfAbsent(keys.jobRun('notes-on-release', `${version.id}.${hour}`), { at: deps.clock.now().toISOString() });
  if (!first) return { queued: false };
  await deps.queue.push([job('publish-release-notes', { projectId: version.projectId, versionId: version.id, trigger: 'release-event' })]);
  return { queued: true };
}

export interface PublishRequest {
  projectId: string;
  versionId: string;
  trigger: NotesPublication['trigger'];
  force: boolean;
  requestedBy?: string;
}

/**
 * Generates a version's notes and writes its one Confluence page. Idempotent (events and jobs
 * arrive twice): the page is found by the stored page id, else by its title (unique per space),
 * and unchanged notes are not written again. A page someone edited in Confluence since the app
 * wrote it is not overwritten: the record turns `needs-confirmation` until a release manager
 * publishes with `force`. A page deleted in Confluence is created again. Failures are recorded too.
 */
export async function publishReleaseNotes(deps: AppDeps, request: PublishRequest): Promise<NotesPublication | { skipped: string }> {
  const attemptedAt = deps.clock.now().toISOString();
  const previous = await readPublication(deps, request.versionId);
  const { error: _error, conflict: _conflict, action: _action, ...kept } = previous ?? ({} as Partial<NotesPublication>);
  const base: NotesPublication = {
    ...kept,
    versionId: request.versionId,
    projectId: request.projectId,
    trigger: request.trigger,
    attemptedAt,
    status: previous?.status ?? 'failed',
  };

  let outcome: NotesPublication;
  try {
    const result = await publishOnce(deps, request, base, previous);
    if ('skipped' in result) return result;
    outcome = result;
  } catch (error) {
    // Jira or Confluence asks to wait: the queue delivers the job again later, a person sees when.
    if (error instanceof AppError && (error.code === 'RATE_LIMITED' || error.code === 'QUOTA_EXHAUSTED')) throw error;
    const message = error instanceof AppError ? [error.message, ...(error.details ?? [])].join(' ') : String(error);
    deps.log.warn('release notes not published', { versionId: request.versionId, error: message });
    outcome = { ...base, status: 'failed', error: message.slice(0, 1000) };
  }
  await updateVersioned<NotesPublication>(deps.store, keys.notesPublication(request.versionId), () => outcome, (current) =>
    // Two runs for one version (a duplicate event) may both finish: the later attempt wins.
    current !== outcome && current.attemptedAt > outcome.attemptedAt ? undefined : outcome,
  );
  return outcome;
}

async function publishOnce(
  deps: AppDeps,
  request: PublishRequest,
  base: NotesPublication,
  previous: NotesPublication | undefined,
): Promise<NotesPublication | { skipped: string }> {
  const jira = deps.jiraAsApp();
  const [{ settings }, site, project] = await Promise.all([readNotesSettings(deps, request.projectId), readReportSettings(deps), jira.getProject(request.projectId)]);
  if (request.trigger === 'release-event' && !settings.publishing.autoPublish) return { skipped: 'Publishing on release is switched off for this project.' };
  const target = notesTarget(site, settings.publishing);
  if (!target) {
    if (request.trigger === 'release-event') return { skipped: 'No Confluence space is configured for release notes.' };
    throw new AppError('VALIDATION', 'No Confluence space is configured for release notes. Choose one in the release-notes settings.');
  }
  const document = await generateReleaseNotes(jira, project, request.versionId, settings.template);
  if (document.empty) {
    return {
      ...base,
      status: 'nothing-to-publish',
      pageTitle: document.title,
      error:
        document.counts.issues === 0
          ? `Nothing to publish: ${document.version.name} has no issues.`
          : `Nothing to publish: none of the ${document.counts.issues} issues of ${document.version.name} is listed by the template.`,
    };
  }
  const confluence = deps.confluenceAsApp();
  const space = await requireSpace(confluence, target.spaceKey);
  const storage = renderNotesStorage(document);
  const wantedHash = contentHash(normaliseStorage(storage));
  const recorded =
    previous?.pageId && previous.pageVersion !== undefined && previous.bodyHash
      ? { pageId: previous.pageId, pageVersion: previous.pageVersion, bodyHash: previous.bodyHash }
      : undefined;

  for (let attempt = 1; ; attempt++) {
    const { page: found, recordedElsewhere } = await currentPage(confluence, space.id, document.title, recorded?.pageId);
    // A page the app wrote in another space (the settings changed since) does not count here.
    const written = recordedElsewhere ? undefined : recorded;
    const decision = decidePublication({ written, page: found?.state, wantedTitle: document.title, wantedHash, force: request.force });
    const published = (pageId: string, pageVersion: number, action: NotesPublication['action'], url: string | undefined): NotesPublication => {
      const kept = action === 'unchanged' && previous?.pageId === pageId;
      const pageUrl = url ?? (previous?.pageId === pageId ? previous.pageUrl : undefined);
      return {
        ...base,
        status: 'published',
        action,
        pageId,
        pageTitle: document.title,
        pageVersion,
        bodyHash: wantedHash,
        ...(pageUrl ? { pageUrl } : {}),
        publishedAt: kept && previous?.publishedAt ? previous.publishedAt : deps.clock.now().toISOString(),
        publishedBy: kept && previous?.publishedBy ? previous.publishedBy : (request.requestedBy ?? 'app'),
      };
    };
    try {
      switch (decision.kind) {
        case 'unchanged':
          return published(found!.state.id, found!.state.version, 'unchanged', found!.url);
        case 'needs-confirmation':
          return {
            ...base,
            status: 'needs-confirmation',
            pageTitle: document.title,
            conflict: { pageId: found!.state.id, pageVersion: found!.state.version, ...(found!.url ? { pageUrl: found!.url } : {}), reason: decision.reason },
          };
        case 'create': {
          const created = await confluence.createPage({
            spaceId: space.id,
            ...(target.parentPageId ? { parentId: target.parentPageId } : {}),
            title: document.title,
            storageValue: storage,
          });
          return published(created.id, created.version.number, decision.recreate ? 'recreated' : 'created', created.url);
        }
        case 'update': {
          const updated = await confluence.updatePage({
            id: found!.state.id,
            title: document.title,
            storageValue: storage,
            versionNumber: found!.state.version + 1,
            versionMessage: `Release notes regenerated from Jira (${request.trigger === 'manual' ? 'published by a release manager' : 'version released'})`,
          });
          return published(updated.id, updated.version.number, 'updated', updated.url ?? found!.url);
        }
      }
    } catch (error) {
      // A concurrent writer (a duplicate event, or a person saving the page): look again.
      if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * The page the app wrote (by id, when it is still current in this space), else a current page
 * with the title, with a hash of its body; `page` is undefined when neither exists.
 */
export async function currentPage(
  confluence: ConfluenceClient,
  spaceId: string,
  title: string,
  pageId: string | undefined,
): Promise<{ page?: { state: CurrentPage; url?: string }; recordedElsewhere: boolean }> {
  let page = pageId ? await confluence.getPage(pageId) : undefined;
  const recordedElsewhere = page !== undefined && page.spaceId !== spaceId;
  if (recordedElsewhere) page = undefined;
  if (!page) {
    const byTitle = await confluence.findPageByTitle(spaceId, title);
    page = byTitle ? await confluence.getPage(byTitle.id) : undefined;
  }
  if (!page) return { recordedElsewhere };
  return {
    page: {
      state: { id: page.id, version: page.version.number, title: page.title, bodyHash: contentHash(normaliseStorage(page.storageValue)) },
      ...(page.url ? { url: page.url } : {}),
    },
    recordedElsewhere,
  };
}
