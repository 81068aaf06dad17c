/**
 * The weekly KPI pages in Confluence: one per project and a portfolio page, in the space the
 * weekly status reports use (settings:reports). Each run first stores the week's snapshot (so the
 * trend keeps it whatever happens to the publication), then creates or updates the page by title:
 * a re-run finds the page, rewrites it only when the content changed, and retries a stale version
 * (ConfluenceClient.upsertPage). A missing or refused space is recorded for the KPI page to show.
 */
import type { KpiPublicationStatus } from '../contract-kpis';
import { KPI_PORTFOLIO_TITLE, type PortfolioRow, kpiPageTitle, renderKpiPage, renderPortfolioPage } from '../domain/reports/kpi-page';
import { completeSnapshots, trendWeekEnds, weekEndOf, type KpiSnapshot } from '../domain/kpis/report';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { resolveProjectZone, zonedForSite } from './project-time';
import { job } from './jobs-catalog';
import { runScheduled } from './scheduled-runs';
import { TREND_WEEKS, loadKpis, readSettings, storeWeeklySnapshot } from './kpi-data';
import { mapWithConcurrency } from './concurrency';
import { jiraBaseUrl, publishAndRecord, requireSpace } from './report-publishing';
import { reportSettingsSchema } from './report-settings';

const PORTFOLIO = '_portfolio';

/** The weekly trigger: one job per project, then the portfolio page. */
export async function runWeeklyKpiReports(deps: AppDeps, attempt = 0): Promise<{ projects: number; spaceConfigured: boolean } | { failed: true; retryAt?: string }> {
  return runScheduled(deps, 'weekly-kpis', attempt, async () => {
    const projects = await deps.jiraAsApp().listProjects();
    const jobs = projects.map((p) => job('publish-project-kpis', { projectId: p.id, projectKey: p.key }));
    for (let i = 0; i < jobs.length; i += 50) await deps.queue.push(jobs.slice(i, i + 50));
    // The portfolio job computes any project snapshot that is not stored yet, so order does not matter.
    await deps.queue.push([job('publish-portfolio-kpis', {})]);
    const settings = reportSettingsSchema.safeParse(await deps.store.get(keys.reportSettings()));
    return { projects: projects.length, spaceConfigured: settings.success };
  });
}

/** Publishes storage content under a title in the configured space; the outcome is stored under `outcomeKey`. */
async function publish(deps: AppDeps, outcomeKey: string, title: string, render: () => Promise<string>): Promise<KpiPublicationStatus> {
  const at = deps.clock.now().toISOString();
  return publishAndRecord(
    deps,
    keys.kpiReportOutcome(outcomeKey),
    { message: 'kpi page not published', fields: { title } },
    async (): Promise<KpiPublicationStatus> => {
      const parsed = reportSettingsSchema.safeParse(await deps.store.get(keys.reportSettings()));
      if (!parsed.success) return { at, ok: false, title, error: 'No Confluence space is chosen for reports: the KPI page is not published (the figures are kept).' };
      const confluence = deps.confluenceAsApp();
      const space = await requireSpace(confluence, parsed.data.spaceKey);
      const page = await confluence.upsertPage({
        spaceId: space.id,
        ...(parsed.data.parentPageId ? { parentId: parsed.data.parentPageId } : {}),
        title,
        storageValue: await render(),
        versionMessage: 'Weekly delivery KPIs',
      });
      return { at, ok: true, title, action: page.action, pageId: page.id };
    },
    (error): KpiPublicationStatus => ({ at, ok: false, title, error }),
  );
}

export async function publishProjectKpis(deps: AppDeps, ref: { projectId: string; projectKey: string }): Promise<KpiPublicationStatus & { weekEnd: string }> {
  const now = deps.clock.now();
  const jira = deps.jiraAsApp();
  const project = await jira.getProject(ref.projectKey);
  const loaded = await loadKpis(deps.store, { id: ref.projectId, key: ref.projectKey, name: project.name, timeZone: deps.timeZone }, now);
  // Kept first: the trend has this week even when Confluence is not reachable.
  const { snapshot, report } = await storeWeeklySnapshot(deps.store, loaded, now);
  const trend = completeSnapshots(loaded.prepared, trendWeekEnds(now, loaded.settings.timeZone, TREND_WEEKS), [...loaded.snapshots.filter((s) => s.weekEnd !== snapshot.weekEnd), snapshot], now);
  const outcome = await publish(deps, ref.projectKey, kpiPageTitle({ key: ref.projectKey, name: project.name }), async () =>
    renderKpiPage(report, trend, loaded.settings, await jiraBaseUrl(deps)),
  );
  return { ...outcome, weekEnd: snapshot.weekEnd };
}

export async function publishPortfolioKpis(deps: AppDeps): Promise<KpiPublicationStatus & { projects: number }> {
  const now = deps.clock.now();
  // The portfolio's own week is the site's; each project's row is its snapshot in its own zone.
  const site = await zonedForSite(deps);
  const settings = await readSettings(deps.store, site.timeZone);
  const weekEnd = weekEndOf(now, settings.timeZone);
  const projects = await deps.jiraAsApp().listProjects();
  const rows: PortfolioRow[] = await mapWithConcurrency(projects, 4, async (p) => {
    const zone = (await resolveProjectZone(deps, p.id)).timeZone;
    const projectSettings = await readSettings(deps.store, zone);
    const projectWeekEnd = weekEndOf(now, projectSettings.timeZone);
    const stored = (await deps.store.getVersioned<{ weeks: KpiSnapshot[] }>(keys.kpiSnapshots(p.id)))?.value.weeks ?? [];
    let snapshot = stored.find((s) => s.weekEnd === projectWeekEnd && s.windowDays === projectSettings.windowDays && s.timeZone === projectSettings.timeZone);
    if (!snapshot) snapshot = (await storeWeeklySnapshot(deps.store, await loadKpis(deps.store, { id: p.id, key: p.key, name: p.name, timeZone: zone }, now), now)).snapshot;
    return { project: { key: p.key, name: p.name }, snapshot };
  });
  const outcome = await publish(deps, PORTFOLIO, KPI_PORTFOLIO_TITLE, async () => renderPortfolioPage(rows, settings, weekEnd, await jiraBaseUrl(deps)));
  return { ...outcome, projects: projects.length };
}
