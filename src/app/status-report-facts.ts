import type { ReleaseSummary } from '../contract';
import type { PlanWindow } from '../contract-release-plan';
import { calendarDateIn } from '../domain/calendar/calendar-date';
import { toBoardRisk, sortRisks } from '../domain/go-no-go/board';
import { isOpenRisk } from '../domain/go-no-go/risks';
import { rollUpRelease } from '../domain/readiness/rollup';
import type { ReleaseStatusFacts, StatusFactsByVersion } from '../domain/reports/status-facts';
import { type IndexDoc, readBoard } from '../store/go-no-go-store';
import { keys } from '../store/keys';
import type { AppDeps } from './deps';
import { loadPolicy } from './readiness/policy';
import { builtAtOf, readReleaseShards } from './readiness/rollup-store';
import { readBookings, readInventory, readProjectPlan, readSiteWindows } from './release-plan/documents';

/** Environment slots and freezes this far ahead are "upcoming". */
const UPCOMING_DAYS = 28;
const DAY_MS = 86_400_000;
/** Risks named per release at most; the rest are counted. */
const MAX_RISKS = 5;

type Source = (deps: AppDeps, project: { id: string; key: string }, releases: ReleaseSummary[]) => Promise<StatusFactsByVersion>;

/**
 * EXTENSION POINT of the weekly status report: readiness, open risks, the Go/No-Go state,
 * upcoming environment slots and freezes per release, from the modules that own them (the
 * readiness roll-up, the Go/No-Go board, the release plan). Each source is read here and nowhere
 * else, only from what those modules stored (no Jira calls); a source with nothing stored for the
 * project contributes nothing, so the status page shows no column for it, and a source that fails
 * is logged and left out rather than failing the report.
 */
export async function collectReleaseStatusFacts(deps: AppDeps, project: { id: string; key: string }, releases: ReleaseSummary[]): Promise<StatusFactsByVersion> {
  const inFlight = releases.filter((r) => !r.released);
  const sources: Array<[string, Source]> = [
    ['readiness', readinessFacts],
    ['go-no-go', goNoGoFacts],
    ['release plan', planFacts],
  ];
  const results = await Promise.all(
    sources.map(async ([name, source]) => {
      try {
        return await source(deps, project, inFlight);
      } catch (error) {
        deps.log.warn('status report: facts not available', { source: name, projectKey: project.key, error: String(error) });
        return {};
      }
    }),
  );
  const merged: StatusFactsByVersion = {};
  for (const result of results) {
    for (const [versionId, facts] of Object.entries(result)) merged[versionId] = { ...merged[versionId], ...facts };
  }
  return merged;
}


/** The readiness roll-up of each release that has one built, as counts of issues by readiness. */
const readinessFacts: Source = async (deps, project, releases) => {
  const { policy } = await loadPolicy(deps.store, project.id, deps.log);
  const today = calendarDateIn(deps.clock.now(), deps.timeZone);
  const releaseDates = new Map(releases.map((r) => [r.id, r.releaseDate]));
  const out: StatusFactsByVersion = {};
  await Promise.all(
    releases.map(async (r) => {
      const shards = await readReleaseShards(deps.store, r.id);
      if (!builtAtOf(shards)) return;
      const target = { id: r.id, name: r.name, released: r.released, ...(r.releaseDate ? { releaseDate: r.releaseDate } : {}) };
      const rollup = rollUpRelease(policy, target, shards.flatMap((s) => Object.values(s.issues)), today, releaseDates);
      if (rollup.total === 0) return;
      out[r.id] = { readiness: { ready: rollup.rag.green, atRisk: rollup.rag.amber, notReady: rollup.rag.red } };
    }),
  );
  return out;
};

/** The latest Go/No-Go decision of each release, and the open risks on its board. */
const goNoGoFacts: Source = async (deps, project, releases) => {
  const index = (await deps.store.getVersioned<IndexDoc>(keys.goNoGoIndex(project.id)))?.value;
  const out: StatusFactsByVersion = {};
  await Promise.all(
    releases.map(async (r) => {
      const facts: ReleaseStatusFacts = {};
      const decided = index?.releases[r.id];
      const board = (await readBoard(deps.store, project.id, r.id))?.value;
      if (decided) facts.goNoGo = decided.value === 'GO' ? { label: 'GO', colour: 'Green' } : { label: 'NO-GO', colour: 'Red' };
      else if (board) facts.goNoGo = { label: 'NOT DECIDED', colour: 'Grey' };
      if (board) {
        const open = sortRisks(board.risks.filter((risk) => isOpenRisk(risk.status)).map(toBoardRisk));
        facts.risks = [
          ...open.slice(0, MAX_RISKS).map((risk) => `${risk.title} (${risk.level})`),
          ...(open.length > MAX_RISKS ? [`and ${open.length - MAX_RISKS} more`] : []),
        ];
      }
      if (Object.keys(facts).length) out[r.id] = facts;
    }),
  );
  return out;
};

const day = (iso: string) => iso.slice(0, 10);
const span = (from: string, to: string) => (day(from) === day(new Date(Date.parse(to) - 1).toISOString()) ? day(from) : `${day(from)} → ${day(new Date(Date.parse(to) - 1).toISOString())}`);

/**
 * Environment slots booked for each release in the next weeks, and the freezes (site-wide, the
 * project's, or on an environment it has booked) between now and its release date.
 */
const planFacts: Source = async (deps, project, releases) => {
  const now = deps.clock.now().getTime();
  const until = now + UPCOMING_DAYS * DAY_MS;
  const [inventory, siteWindows, plan] = await Promise.all([readInventory(deps.store), readSiteWindows(deps.store), readProjectPlan(deps.store, project.key)]);
  const names = new Map(inventory.environments.map((e) => [e.id, e.name]));
  const lastDay = Math.max(until, ...releases.map((r) => (r.releaseDate ? Date.parse(`${r.releaseDate}T23:59:59Z`) : 0)));
  const slots = names.size ? await readBookings(deps.store, [...names.keys()], now, until) : [];
  const freezes: PlanWindow[] = [...siteWindows.windows, ...plan.freezes].filter(
    (w) => w.kind === 'freeze' && Date.parse(w.to) > now && Date.parse(w.from) < lastDay && (w.scope.type !== 'project' || w.scope.projectKey === project.key),
  );
  const out: StatusFactsByVersion = {};
  for (const r of releases) {
    const own = slots.filter((s) => s.projectKey === project.key && s.versionId === r.id).sort((a, b) => a.from.localeCompare(b.from));
    const booked = new Set(own.map((s) => s.environmentId));
    // A freeze matters to a release when it starts before the release date (undated: the next weeks).
    const horizon = r.releaseDate ? Date.parse(`${r.releaseDate}T23:59:59Z`) : until;
    const relevant = freezes
      .filter((w) => Date.parse(w.from) < horizon && (w.scope.type !== 'environment' || booked.has(w.scope.environmentId)))
      .sort((a, b) => a.from.localeCompare(b.from));
    const lines = [
      ...own.map((s) => `${names.get(s.environmentId) ?? 'Environment'} ${span(s.from, s.to)}${s.required ? ' (required)' : ''}`),
      ...relevant.map((w) => `Freeze ${span(w.from, w.to)}${w.scope.type === 'environment' ? ` on ${names.get(w.scope.environmentId) ?? 'an environment'}` : ''}${w.reason ? `: ${w.reason}` : ''}`),
    ];
    if (lines.length) out[r.id] = { upcoming: lines };
  }
  return out;
};
