/**
 * `npm run bench:scale`: Jira points per site per day for the marketplace profile of issue 18
 * (20,000 issues in 5 projects, 2 % of issues changing a day, 50 page views a day), measured on
 * the app's own code paths with the fake Jira's request and point counters, three ways in the same
 * run, on the same data and the same changes: before (every issue event re-reads its issue;
 * overview counts one search per status category and version), the window alternative (events
 * mark projects, a five-minute search reads every issue updated in a marked project's window) and
 * after (events mark the issues they name, a five-minute bulk fetch reads just those, all projects
 * at once; overview counts from the version list).
 *
 * One site of 5 projects of 4,000 issues (30 % with long re-ranked changelogs, one bulk-import
 * month each) lives a working day: 80 issues per project change, each with one transition and
 * two label edits (3 events), spread over 8 hours; each app handles the same events and runs its
 * five-minute sync every tick; then each runs the next night's daily jobs. Points do not depend on
 * latency, so Jira answers at once. The site adds 50 overview views. The last line is JSON.
  */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from '../src/app/deps';
import type { DirtyDoc } from '../src/app/issue-sync/dirty-marks';
import { runIssueSync } from '../src/app/issue-sync/incremental-sync';
import { runKpiSync } from '../src/app/kpi-sync';
import { handleProductEvent } from '../src/app/product-events';
import { readIssueFacts } from '../src/app/readiness/facts';
import { loadPolicy } from '../src/app/readiness/policy';
import { reconcileProjectReadiness } from '../src/app/readiness/release-readiness';
import { applyIssueFacts, memberKeyOf, removeIssue } from '../src/app/readiness/rollup-store';
import { dispatchResolver } from '../src/app/resolvers';
import { runDailySync } from '../src/app/scheduled';
import type { MemberShard } from '../src/domain/readiness/rollup';
import { keys } from '../src/store/keys';
import { updateVersioned } from '../src/store/versioned-update';
import { DEMO_ACCOUNT, generateSyntheticDataset, startFakeJira, type FakeJira, type JiraProductEvent } from '../local/fake-jira';
import { appOnFakeJira } from '../test/support/kpi';
import { recordInBaseline } from './support/baseline';

/** The site profile the issue states. */
export const PROFILE = { issues: 20_000, projects: 5, changingPerDay: 0.02, pageViewsPerDay: 50, eventsPerChangedIssue: 3, workingHours: 8 } as const;
/** Synthetic history shaped like real sites': 30 % of issues with long (re-ranked) changelogs, one bulk-import month per project. */
export const HISTORY = { longChangelogShare: 0.3, longChangelogEntries: 60, bulkImport: { issues: 800, monthsAgo: 4 } } as const;
/** Jira's points pool for one app, shared by every site (platform.md). */
export const POOL_PER_HOUR = 65_000;
/** The share of a day's load in its busiest working hour. */
export const PEAK_HOUR_SHARE = 0.1;

const ISSUES_PER_PROJECT = PROFILE.issues / PROFILE.projects;
const CHANGED_PER_PROJECT = Math.round(ISSUES_PER_PROJECT * PROFILE.changingPerDay);
const TICK_MINUTES = 5;
const START = new Date('2026-11-24T07:00:00Z');

interface App {
  name: string;
  deps: AppDeps;
  drain(): Promise<void>;
}

interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Deterministic choices (mulberry32), so every run makes the same changes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The issue event handler before issue 18 (src/app/readiness/events.ts at 33b25dc): skip an
 * update already applied, else re-read the issue and its blockers (one search) and apply it,
 * queueing re-reads of its dependents when what they read of it changed.
 */
async function perEventReRead(deps: AppDeps, event: JiraProductEvent): Promise<void> {
  if (event.eventType !== 'avi:jira:updated:issue' && event.eventType !== 'avi:jira:created:issue') {
    await handleProductEvent(deps, event);
    return;
  }
  const projectId = String((event.issue.fields.project as { id: string }).id);
  const known = (await deps.store.getVersioned<MemberShard>(memberKeyOf(projectId, event.issue.id)))?.value.entries[event.issue.id];
  const updated = Date.parse(String(event.issue.fields.updated));
  if (known && known.o > 0 && (known.d || known.u >= updated)) return;
  const { policy } = await loadPolicy(deps.store, projectId, deps.log);
  const read = await readIssueFacts(deps.jiraAsApp(), event.issue.key, policy, () => deps.clock.now().getTime());
  if (!read) {
    await removeIssue(deps, projectId, event.issue.id);
    return;
  }
  await applyIssueFacts(deps, read, { cascade: true, knownVersions: known?.v ?? [] });
}

/** Main before the marked ids: the same marks without their issue ids, so each project's window is searched. */
async function markWholeProjects(deps: AppDeps): Promise<void> {
  await updateVersioned<DirtyDoc>(deps.store, keys.issueSyncDirty(), () => ({ projects: {} }), (doc) => {
    if (!Object.values(doc.projects).some((mark) => mark.issues)) return undefined;
    return { projects: Object.fromEntries(Object.entries(doc.projects).map(([id, { issues: _ids, ...mark }]) => [id, mark])) };
  });
}

async function main(): Promise<void> {
  let now = new Date(START);
  const dataset = generateSyntheticDataset(START, {
    issueCount: ISSUES_PER_PROJECT - HISTORY.bulkImport.issues,
    versionCount: 12,
    projectKey: 'BIG',
    seed: 18,
    projectCount: PROFILE.projects,
    ...HISTORY,
  });
  const jira: FakeJira = await startFakeJira({ dataset, now: () => now });
  const project = dataset.projects[0]!;
  const appOf = (name: string): App => ({ name, ...appOnFakeJira(jira.url, { now: () => now }) });
  const points = () => jira.stats().points;
  const requests = () => jira.stats().requests;
  /** Points and requests Jira counted while `work` ran. */
  /** Points by route the "after" app spent in its sync runs and daily jobs, to show where they go. */
  const afterRoutes: Record<string, number> = {};
  const measure = async (work: () => Promise<unknown>, routes?: Record<string, number>) => {
    const [p, r] = [points(), requests()];
    const was = Object.fromEntries(Object.entries(jira.stats().byRoute).map(([k, v]) => [k, v.points]));
    await work();
    if (routes) for (const [k, v] of Object.entries(jira.stats().byRoute)) if (v.points !== (was[k] ?? 0)) routes[k] = (routes[k] ?? 0) + v.points - (was[k] ?? 0);
    return { points: points() - p, requests: requests() - r };
  };
  const rows: Row[] = [];
  const record = (name: string, value: number, unit: string, note?: string) => rows.push({ name, value: Math.round(value * 100) / 100, unit, ...(note ? { note } : {}) });

  try {
    const before = appOf('before');
    const after = appOf('after');
    // The fair alternative, main before this change: events mark projects, a window search per project.
    const windowed = appOf('window');
    // Both apps start from built roll-ups and a finished KPI backfill (measured once: a one-off per site).
    const setup = async (app: App) => {
      // The bench does not move the clock while it drains, so the default hourly backfill budget
      // (5 % of the pool) would re-queue the paced backfill until the drain limit instead of
      // finishing it; the one-off backfill's points are the same whatever its pace.
      await app.deps.store.transact([{ kind: 'put', key: keys.kpiSettings(), value: { backfillPointsPerHour: 65_000 }, expectRev: 0 }]);
      for (const p of dataset.projects) {
        await reconcileProjectReadiness(app.deps, p.id, p.key);
        await app.drain();
      }
      return measure(async () => {
        for (const p of dataset.projects) await runKpiSync(app.deps, { projectId: p.id, projectKey: p.key });
        await app.drain();
      });
    };
    await setup(before);
    await setup(windowed);
    const backfill = await setup(after);

    // The day's changes: open issues, in releases and in the backlog alike.
    const random = prng(18);
    const done = new Set(dataset.statuses.filter((s) => s.categoryKey === 'done').map((s) => s.id));
    const ticks = (PROFILE.workingHours * 60) / TICK_MINUTES;
    const plan = new Map<number, Array<{ key: string; edit: 'transition' | 'label' }>>();
    for (const p of dataset.projects) {
      const open = dataset.issues.filter((i) => i.projectId === p.id && !done.has(i.statusId));
      const changed = new Set<number>();
      while (changed.size < Math.min(CHANGED_PER_PROJECT, open.length)) changed.add(Math.floor(random() * open.length));
      for (const index of changed) {
        const issue = open[index]!;
        for (const edit of ['transition', 'label', 'label'] as const) {
          const tick = Math.floor(random() * ticks);
          plan.set(tick, [...(plan.get(tick) ?? []), { key: issue.key, edit }]);
        }
      }
    }
    const edit = async (key: string, what: 'transition' | 'label', n: number) => {
      const status = dataset.issues.find((i) => i.key === key)!.statusId;
      // To In Progress, or to In Review from there: every transition changes the status.
      const body = what === 'transition' ? { transition: { id: status === '3' ? '31' : '21' } } : { fields: { labels: [`triage-${n}`] } };
      const path = what === 'transition' ? `/rest/api/3/issue/${key}/transitions` : `/rest/api/3/issue/${key}`;
      const response = await fetch(`${jira.url}${path}`, { method: what === 'transition' ? 'POST' : 'PUT', headers: { Authorization: `Bearer user:${DEMO_ACCOUNT.developer}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      await response.text();
    };

    let editCount = 0;
    const totals = { beforeEvents: 0, afterEvents: 0, afterSync: 0, syncRuns: 0, syncRunsWithWork: 0, events: 0, ignored: 0, applied: 0, beforeEventRequests: 0, afterSyncRequests: 0, windowEvents: 0, windowSync: 0 };
    for (let tick = 0; tick < ticks; tick++) {
      now = new Date(START.getTime() + (tick + 1) * TICK_MINUTES * 60_000);
      const events: JiraProductEvent[] = [];
      const stop = jira.onEvent((e) => events.push(e));
      for (const change of plan.get(tick) ?? []) {
        now = new Date(now.getTime() + 1000);
        await edit(change.key, change.edit, editCount++);
      }
      stop();
      totals.events += events.length;
      const old = await measure(async () => {
        for (const event of events) await perEventReRead(before.deps, event);
        await before.drain();
      });
      totals.beforeEvents += old.points;
      totals.beforeEventRequests += old.requests;
      const marked = await measure(async () => {
        for (const event of events) {
          const detail = (await handleProductEvent(after.deps, event)).detail ?? '';
          if (detail.startsWith('ignored')) totals.ignored++;
          if (detail.startsWith('applied')) totals.applied++;
        }
        await after.drain();
      });
      totals.afterEvents += marked.points;
      const windowMarked = await measure(async () => {
        for (const event of events) await handleProductEvent(windowed.deps, event);
        await windowed.drain();
        await markWholeProjects(windowed.deps);
      });
      totals.windowEvents += windowMarked.points;
      now = new Date(START.getTime() + (tick + 1) * TICK_MINUTES * 60_000 + 4 * 60_000);
      const windowSync = await measure(async () => {
        await runIssueSync(windowed.deps);
        await windowed.drain();
      });
      totals.windowSync += windowSync.points;
      const sync = await measure(async () => {
        await runIssueSync(after.deps);
        await after.drain();
      }, afterRoutes);
      totals.afterSync += sync.points;
      totals.afterSyncRequests += sync.requests;
      totals.syncRuns++;
      if (sync.requests > 0) totals.syncRunsWithWork++;
    }

    // The next night: the daily repairs and KPI deltas of both apps.
    now = new Date(START.getTime() + 20 * 3600_000);
    const dailyBefore = await measure(async () => {
      await runDailySync(before.deps);
      await before.drain();
    });
    const dailyWindow = await measure(async () => {
      await runDailySync(windowed.deps);
      await windowed.drain();
    });
    const dailyAfter = await measure(async () => {
      await runDailySync(after.deps);
      await after.drain();
    }, afterRoutes);

    // Overview views: per-version searches (what a project with issue security still gets) and the version list.
    const context = { accountId: DEMO_ACCOUNT.admin, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: project.id, key: project.key, type: 'software' } } };
    const view = async (app: App) => {
      const result = await dispatchResolver(app.deps, 'getProjectReleases', {}, context);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    };
    project.issueSecurityScheme = { id: '10000', name: 'Bench security', levels: [{ id: '10021', name: 'Staff', description: '' }] };
    await view(before); // the day's first view also reads the project's zone and issue security
    const overviewBefore = await measure(() => view(before));
    delete project.issueSecurityScheme;
    const securityRoute = () => jira.stats().byRoute['GET /rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme']?.points ?? 0;
    const securityBefore = securityRoute();
    const firstAfter = await measure(() => view(after));
    const securityCheck = securityRoute() - securityBefore;
    const overviewAfter = await measure(() => view(after));

    // Unit costs.
    const eventsPerDay = totals.events;
    record('scale: issue event, per-event re-read (before)', totals.beforeEvents / eventsPerDay, 'points/event', `${(totals.beforeEventRequests / eventsPerDay).toFixed(2)} requests/event incl. queued re-reads of dependents`);
    record('scale: issue event, ignored (after)', 0, 'points/event', `${totals.ignored} of ${eventsPerDay} events ignored by their changelog; no Jira call`);
    record('scale: issue event, applied from its changelog (after)', 0, 'points/event', `${totals.applied} of ${eventsPerDay} events applied to the stored roll-up entries and KPI facts; no Jira call`);
    record('scale: issue event, marked (after)', totals.afterEvents / Math.max(1, eventsPerDay - totals.ignored), 'points/event', `${eventsPerDay - totals.ignored - totals.applied} of ${eventsPerDay} events marked their issue for the next bulk read; a store read, a write only when the issue was not marked yet`);
    record('scale: marked-issue read run (after)', totals.afterSync / Math.max(1, totals.syncRunsWithWork), 'points/run', `${totals.syncRunsWithWork} of ${totals.syncRuns} five-minute runs had work; ${(totals.afterSyncRequests / Math.max(1, totals.syncRunsWithWork)).toFixed(2)} requests/run, all projects in one bulk fetch`);
    record('scale: window search per marked project, site day (alternative)', totals.windowSync, 'points', 'every issue updated in a marked project\'s window, overlap included');
    record('scale: daily jobs per site (before)', dailyBefore.points, 'points', `${dailyBefore.requests} requests: versions, readiness repairs, KPI delta`);
    record('scale: daily jobs per site (window alternative)', dailyWindow.points, 'points', `${dailyWindow.requests} requests`);
    record('scale: daily jobs per site (after)', dailyAfter.points, 'points', `${dailyAfter.requests} requests`);
    record('scale: KPI backfill of the site, once (after)', backfill.points, 'points', `${backfill.requests} requests; ${PROFILE.issues.toLocaleString('en')} issues, ${HISTORY.longChangelogShare * 100} % with ${HISTORY.longChangelogEntries}+ changelog entries, a ${HISTORY.bulkImport.issues}-issue import month per project`);
    record('scale: overview view (before: 3 counts per version)', overviewBefore.points, 'points/view', `${overviewBefore.requests} requests`);
    record('scale: overview view (after: expand=issuesstatus)', overviewAfter.points, 'points/view', `${overviewAfter.requests} requests; the day's first view also asks for issue security (${securityCheck} point, then cached a day; first view ${firstAfter.requests} requests)`);

    for (const [route, value] of Object.entries(afterRoutes).sort((a, b) => b[1] - a[1])) record(`scale: site day of syncs and daily jobs, ${route} (after)`, value, 'points');

    // The site model: the measured site day, 50 overview views.
    const bySourceBefore = {
      issueEvents: totals.beforeEvents,
      incrementalSearch: 0,
      dailyJobs: dailyBefore.points,
      overviewViews: overviewBefore.points * PROFILE.pageViewsPerDay,
    };
    const overviewViews = overviewAfter.points * PROFILE.pageViewsPerDay + securityCheck * PROFILE.projects;
    const bySourceWindow = { issueEvents: totals.windowEvents, incrementalSearch: totals.windowSync, dailyJobs: dailyWindow.points, overviewViews };
    const bySourceAfter = { issueEvents: totals.afterEvents, incrementalSearch: totals.afterSync, dailyJobs: dailyAfter.points, overviewViews };
    const model = (bySource: Record<string, number>) => {
      const pointsPerSiteDay = Object.values(bySource).reduce((a, b) => a + b, 0);
      return { bySource, pointsPerSiteDay, sitesEvenly: Math.floor((POOL_PER_HOUR * 24) / pointsPerSiteDay), sitesAtPeak: Math.floor(POOL_PER_HOUR / (PEAK_HOUR_SHARE * pointsPerSiteDay)) };
    };
    const beforeModel = model(bySourceBefore);
    const windowModel = model(bySourceWindow);
    const afterModel = model(bySourceAfter);
    for (const [label, m] of [['before', beforeModel], ['window alternative', windowModel], ['after', afterModel]] as const) {
      for (const [source, value] of Object.entries(m.bySource)) record(`scale: site day, ${source} (${label})`, value, 'points');
      record(`scale: points per site per day (${label})`, m.pointsPerSiteDay, 'points');
      record(`scale: sites servable evenly (${label})`, m.sitesEvenly, 'sites', `${POOL_PER_HOUR.toLocaleString('en')} points/hour shared`);
      record(`scale: sites servable at a ${PEAK_HOUR_SHARE * 100} % working-hour peak (${label})`, m.sitesAtPeak, 'sites');
    }

    const width = Math.max(...rows.map((r) => r.name.length));
    console.log(
      `Profile: ${PROFILE.issues.toLocaleString('en')} issues in ${PROFILE.projects} projects, ${PROFILE.changingPerDay * 100} % changing a day (${CHANGED_PER_PROJECT} per project, ${PROFILE.eventsPerChangedIssue} events each: a transition and two label edits), ${PROFILE.pageViewsPerDay} overview views a day.`,
    );
    console.log(
      [
        'Freshness (docs/limits.md, "Jira points at marketplace scale"):',
        '  readiness roll-ups: a change its event\'s changelog carries as soon as the event reaches the app (Forge delivers within ~3 minutes); one that needs a read (links, sub-tasks, parent, type, project, a fix version added, a status others read) within one five-minute run of the event, 10 minutes at worst; a change whose event never arrives, at the daily repair;',
        '  KPI facts: as readiness; the KPI figures count whole project days up to the start of today, so a change counts from the next day, and the stored view is recomputed on the first view after any fact changed;',
        '  overview: issue counts live (read on each view), readiness column as the roll-ups;',
        '  calendar and Go/No-Go board: release dots and readiness as the roll-ups; bookings, freezes, votes live.',
      ].join('\n'),
    );
    for (const row of rows) console.log(`${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'scale-latest.json'), JSON.stringify({ at: now.toISOString(), node: process.version, rows }, null, 2));
    if (process.argv.includes('--record')) recordInBaseline(rows, (row) => row.name.startsWith('scale: '));
    console.log(
      JSON.stringify({
        pointsPerSiteDay: afterModel.pointsPerSiteDay,
        sitesEvenly: afterModel.sitesEvenly,
        sitesAtPeak: afterModel.sitesAtPeak,
        bySource: afterModel.bySource,
        before: beforeModel,
        windowAlternative: windowModel,
      }),
    );
  } finally {
    await jira.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
