import { z } from 'zod';
import { renderReleaseStatusPage, releaseStatusPageTitle } from '../domain/reports/release-status-page';
import { AppError } from '../errors';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';
import { buildProjectReleasesView } from './project-releases';

export const reportSettingsSchema = z
  .object({
    spaceKey: z.string().regex(/^[A-Za-z0-9~]{1,255}$/, 'a Confluence space key such as REL'),
    parentPageId: z.string().regex(/^\d{1,20}$/).optional(),
  })
  .strict();

export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export interface ReportOutcome {
  projectKey: string;
  at: string;
  ok: boolean;
  action?: 'created' | 'updated' | 'unchanged';
  pageId?: string;
  error?: string;
}

/** The weekly trigger: one queue job per project, so each publication gets a whole function run. */
export async function runWeeklyReports(deps: AppDeps): Promise<{ configured: boolean; projects: number }> {
  const settings = await deps.store.get<ReportSettings>(keys.reportSettings());
  if (!settings || !reportSettingsSchema.safeParse(settings).success) {
    deps.log.info('weekly reports not configured: no Confluence space chosen');
    return { configured: false, projects: 0 };
  }
  const projects = await deps.jiraAsApp().listProjects();
  await deps.queue.push(projects.map((p) => job('publish-project-status', { projectKey: p.key })));
  return { configured: true, projects: projects.length };
}

async function jiraBaseUrl(deps: AppDeps): Promise<string> {
  try {
    return await deps.jiraAsApp().siteBaseUrl();
  } catch {
    return '';
  }
}

/**
 * Publishes one project's status page. A re-run finds the page by title and rewrites it only when
 * the content changed, so duplicate trigger runs never create a second page. Failures (space gone,
 * no access) are recorded for the settings page and the next run tries again.
 */
export async function publishProjectStatus(deps: AppDeps, projectKey: string): Promise<ReportOutcome> {
  const at = deps.clock.now().toISOString();
  const outcome = await (async (): Promise<ReportOutcome> => {
    const settings = reportSettingsSchema.parse(await deps.store.get(keys.reportSettings()));
    const confluence = deps.confluenceAsApp();
    const space = await confluence.findSpaceByKey(settings.spaceKey);
    if (!space) throw new AppError('NOT_FOUND', `The Confluence space ${settings.spaceKey} does not exist or the app cannot see it.`);
    const view = await buildProjectReleasesView(deps.jiraAsApp(), projectKey, deps.clock.now(), deps.timeZone);
    const page = await confluence.upsertPage({
      spaceId: space.id,
      ...(settings.parentPageId ? { parentId: settings.parentPageId } : {}),
      title: releaseStatusPageTitle(view),
      storageValue: renderReleaseStatusPage(view, await jiraBaseUrl(deps)),
      versionMessage: 'Weekly release status',
    });
    return { projectKey, at, ok: true, action: page.action, pageId: page.id };
  })().catch((error: unknown) => {
    const message = error instanceof AppError ? [error.message, ...(error.details ?? [])].join(' ') : String(error);
    deps.log.warn('status report not published', { projectKey, error: message });
    return { projectKey, at, ok: false, error: message };
  });
  await deps.store.set(keys.reportOutcome(projectKey), outcome);
  return outcome;
}
