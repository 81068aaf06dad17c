import type { ProjectReleasesView } from '../contract';
import { calendarDateIn } from '../domain/calendar/calendar-date';
import { PORTFOLIO_PAGE_TITLE, type PortfolioProject, renderPortfolioPage } from '../domain/reports/portfolio-page';
import { renderReleaseStatusPage, releaseStatusPageTitle } from '../domain/reports/release-status-page';
import { type StatusGoLive, upcomingGoLives } from '../domain/reports/upcoming-go-lives';
import { plannedGoLives } from './runbook/go-lives';
import { type SnapshotDocument, diffSnapshots, isoWeek, rollSnapshots, snapshotOf } from '../domain/reports/status-snapshot';
import { type ReleaseSlip, releaseSlip } from '../domain/versions/version-slip';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';
import { job } from './jobs-catalog';
import { runScheduled } from './scheduled-runs';
import { buildProjectReleasesView } from './project-releases';
import { collectReleaseStatusFacts } from './status-report-facts';
import { jiraBaseUrl, publishAndRecord, requireSpace } from './report-publishing';
import { observationOf, readVersionHistory, recordVersionObservations } from './version-tracking';

// In a module of its own: release-notes settings read it, and the weekly reports import the
// runbook's go-lives, which import release notes: defined here it was read before it was set.
import { type ReportSettings, reportSettingsSchema } from './report-settings';

export { reportSettingsSchema, type ReportSettings };

export interface ReportOutcome {
  projectKey: string;
  at: string;
  ok: boolean;
  action?: 'created' | 'updated' | 'unchanged';
  pageId?: string;
  error?: string;
}

/** The weekly run: which projects it covers and which have finished (ok or not). */
export interface ReportRun {
  week: string;
  projectKeys: string[];
  finished: Record<string, 'ok' | 'failed'>;
}

/** Forge takes at most 50 events per push. */
const PUSH_CHUNK = 50;

function currentWeek(deps: AppDeps): string {
  return isoWeek(calendarDateIn(deps.clock.now(), deps.timeZone));
}

/**
 * The weekly trigger: one queue job per project, so each publication gets a whole function run.
 * The run record lets the last project job publish the portfolio page; a second trigger in the
 * same week keeps what already finished.
 */
export async function runWeeklyReports(deps: AppDeps, attempt = 0): Promise<{ configured: boolean; projects: number } | { failed: true; retryAt?: string }> {
  return runScheduled(deps, 'weekly-reports', attempt, async () => {
    const settings = await deps.store.get<ReportSettings>(keys.reportSettings());
    if (!settings || !reportSettingsSchema.safeParse(settings).success) {
      deps.log.info('weekly reports not configured: no Confluence space chosen');
      return { configured: false, projects: 0 };
    }
    const projects = await deps.jiraAsApp().listProjects();
    const week = currentWeek(deps);
    const projectKeys = projects.map((p) => p.key);
    await updateVersioned<ReportRun>(
      deps.store,
      keys.reportRun(),
      () => ({ week, projectKeys: [], finished: {} }),
      (run) =>
        run.week === week
          ? { ...run, projectKeys: [...new Set([...run.projectKeys, ...projectKeys])] }
          : { week, projectKeys, finished: {} },
    );
    for (let i = 0; i < projects.length; i += PUSH_CHUNK) {
      await deps.queue.push(projects.slice(i, i + PUSH_CHUNK).map((p) => job('publish-project-status', { projectKey: p.key, projectId: p.id, week })));
    }
    return { configured: true, projects: projects.length };
  });
}

/**
 * Slip of every dated release, from the version date history the app records. What this run sees
 * is recorded first (idempotent), so a site without events or a daily sync yet gets its baseline.
 */
async function slipsOf(deps: AppDeps, view: ProjectReleasesView): Promise<Record<string, ReleaseSlip | undefined>> {
  await recordVersionObservations(
    deps,
    view.project.id,
    view.releases.map((r) => observationOf(r, view.generatedAt, 'reconciliation')),
  );
  const history = await readVersionHistory(deps, view.project.id);
  return Object.fromEntries(view.releases.map((r) => [r.id, releaseSlip(history?.versions[r.id], r.releaseDate)]));
}

/**
 * Publishes one project's status page. A re-run finds the page by title and rewrites it only when
 * the content changed, so duplicate trigger runs never create a second page. "What changed" is
 * measured against the snapshot of an earlier week, so a re-run in the same week renders the same
 * page. Failures (space gone, no access) are recorded for the settings page and the next run tries
 * again. The last project of a weekly run publishes the portfolio page.
 */
export async function publishProjectStatus(deps: AppDeps, projectKey: string, runWeek?: string): Promise<ReportOutcome> {
  const at = deps.clock.now().toISOString();
  // The project's own week (its release zone) labels its snapshot; the run's week, taken when the
  // trigger fired, decides which run this job finishes.
  const week = currentWeek(deps);
  const outcome = await publishAndRecord(
    deps,
    keys.reportOutcome(projectKey),
    { message: 'status report not published', fields: { projectKey } },
    async (): Promise<ReportOutcome> => {
      const settings = reportSettingsSchema.parse(await deps.store.get(keys.reportSettings()));
      const confluence = deps.confluenceAsApp();
      const space = await requireSpace(confluence, settings.spaceKey);
      const view = await buildProjectReleasesView(deps.jiraAsApp(), projectKey, deps.clock.now(), deps.timeZone);
      const [slips, stored, facts, baseUrl, goLives] = await Promise.all([
        slipsOf(deps, view),
        deps.store.getVersioned<SnapshotDocument>(keys.reportSnapshot(projectKey)),
        collectReleaseStatusFacts(deps, view.project, view.releases),
        jiraBaseUrl(deps),
        goLivesAhead(deps, view),
      ]);
      const snapshot = snapshotOf(view, week, slips, facts);
      const { baseline } = rollSnapshots(stored?.value, snapshot);
      const page = await confluence.upsertPage({
        spaceId: space.id,
        ...(settings.parentPageId ? { parentId: settings.parentPageId } : {}),
        title: releaseStatusPageTitle(view),
        storageValue: renderReleaseStatusPage(view, baseUrl, { slips, changes: diffSnapshots(baseline, snapshot), facts, goLives: { items: goLives, timeZone: deps.timeZone }, timeZone: deps.timeZone }),
        versionMessage: 'Weekly release status',
      });
      // Only what was published becomes next week's baseline.
      await updateVersioned<SnapshotDocument>(deps.store, keys.reportSnapshot(projectKey), () => ({ current: snapshot }), (current) =>
        current.current.takenAt > snapshot.takenAt ? undefined : rollSnapshots(current, snapshot).document,
      );
      return { projectKey, at, ok: true, action: page.action, pageId: page.id };
    },
    (error): ReportOutcome => ({ projectKey, at, ok: false, error }),
  );
  await finishProject(deps, runWeek ?? week, projectKey, outcome.ok);
  return outcome;
}

/** The unreleased versions' go-lives planned in the next 14 days, from their runbooks. */
async function goLivesAhead(deps: AppDeps, view: ProjectReleasesView): Promise<StatusGoLive[]> {
  const names = new Map(view.releases.filter((r) => !r.released).map((r) => [r.id, r.name]));
  const planned = await plannedGoLives(deps.store, view.project.id, [...names.keys()]);
  return upcomingGoLives(
    planned.map((g) => ({ versionId: g.versionId, versionName: names.get(g.versionId) as string, start: g.start, plannedEnd: g.plannedEnd, run: g.run })),
    deps.clock.now().getTime(),
  );
}

/** Marks the project done in this week's run; when it was the last one, publishes the portfolio. */
async function finishProject(deps: AppDeps, week: string, projectKey: string, ok: boolean): Promise<void> {
  const { value: run, written } = await updateVersioned<ReportRun>(
    deps.store,
    keys.reportRun(),
    () => ({ week, projectKeys: [], finished: {} }),
    (current) =>
      current.week !== week || !current.projectKeys.includes(projectKey) || current.finished[projectKey] === (ok ? 'ok' : 'failed')
        ? undefined
        : { ...current, finished: { ...current.finished, [projectKey]: ok ? 'ok' : 'failed' } },
  );
  if (!written || run.week !== week) return;
  if (run.projectKeys.every((key) => run.finished[key] !== undefined)) await publishPortfolioStatus(deps);
}

export interface PortfolioOutcome {
  at: string;
  ok: boolean;
  week: string;
  action?: 'created' | 'updated' | 'unchanged';
  pageId?: string;
  projects?: number;
  error?: string;
}

/**
 * The portfolio page: every release in flight across the run's projects, from the snapshots the
 * project jobs stored this week (no Jira calls). Projects without one this week are named.
 */
export async function publishPortfolioStatus(deps: AppDeps): Promise<PortfolioOutcome> {
  const at = deps.clock.now().toISOString();
  const week = currentWeek(deps);
  return publishAndRecord(
    deps,
    keys.portfolioOutcome(),
    { message: 'portfolio status not published' },
    async (): Promise<PortfolioOutcome> => {
      const settings = reportSettingsSchema.parse(await deps.store.get(keys.reportSettings()));
      const run = (await deps.store.getVersioned<ReportRun>(keys.reportRun()))?.value;
      const projectKeys = run?.week === week ? run.projectKeys : [];
      const documents = await Promise.all(projectKeys.map((key) => deps.store.getVersioned<SnapshotDocument>(keys.reportSnapshot(key))));
      const projects: PortfolioProject[] = [];
      const missing: string[] = [];
      projectKeys.forEach((key, index) => {
        const document = documents[index]?.value;
        if (!document || document.current.week !== week) {
          missing.push(key);
          return;
        }
        const view = { project: { name: document.current.projectName, key } };
        projects.push({
          snapshot: document.current,
          changes: diffSnapshots(document.previous, document.current),
          pageTitle: releaseStatusPageTitle(view as ProjectReleasesView),
        });
      });
      const confluence = deps.confluenceAsApp();
      const space = await requireSpace(confluence, settings.spaceKey);
      const page = await confluence.upsertPage({
        spaceId: space.id,
        ...(settings.parentPageId ? { parentId: settings.parentPageId } : {}),
        title: PORTFOLIO_PAGE_TITLE,
        storageValue: renderPortfolioPage(projects, await jiraBaseUrl(deps), missing),
        versionMessage: 'Weekly portfolio status',
      });
      return { at, ok: true, week, action: page.action, pageId: page.id, projects: projects.length };
    },
    (error): PortfolioOutcome => ({ at, ok: false, week, error }),
  );
}
