/**
 * Two KPI data sets shaped like real history, to compare whole reports (drill-downs included):
 * - `handBuiltInput`: a small project written out by hand: CalVer versions, a release shipped four
 *   days after its recorded plan (its first pipeline failed and was retried), a hotfix, a rollback,
 *   an overdue version, one first seen already released, open and unattributed incidents, bugs
 *   raised against a release, a re-opened issue, a sub-task, a Won't Do, scope added and removed.
 * - `generatedInput(seed, issues)`: a seeded random project of the same shape, many times larger.
 * Facts come key-sorted: the order the report's ties are broken in.
 */
import type { IssueFact } from '../../../src/domain/kpis/facts';
import type { KpiDeploymentEvent, KpiInput, KpiVersion } from '../../../src/domain/kpis/model';
import { kpiSettingsSchema, withZone } from '../../../src/domain/kpis/settings';
import { Prng } from '../../../local/fake-jira/prng';

const TYPES = ['Story', 'Task', 'Bug', 'Incident', 'Sub-task'] as const;
const RESOLUTIONS = ['Done', "Won't Do", 'Duplicate'] as const;
const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
const iso = (ms: number) => new Date(ms).toISOString();

function dictionaries(): KpiInput['dictionaries'] {
  return {
    issueTypes: Object.fromEntries(TYPES.map((t, i) => [String(i + 1), { name: t, subtask: t === 'Sub-task' }])),
    resolutions: Object.fromEntries(RESOLUTIONS.map((r, i) => [String(i + 1), r])),
  };
}
const typeId = (t: (typeof TYPES)[number]) => String(TYPES.indexOf(t) + 1);
const resolutionId = (r: (typeof RESOLUTIONS)[number]) => String(RESOLUTIONS.indexOf(r) + 1);

export function settingsOf(overrides: Record<string, unknown> = {}): KpiInput['settings'] {
  return withZone(kpiSettingsSchema.parse(overrides), 'Europe/Berlin');
}

const byKey = (a: IssueFact, b: IssueFact) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

interface HandIssue {
  key: string;
  type: (typeof TYPES)[number];
  created: string;
  started?: string;
  /** Resolution intervals [from, to|null], the last one's from is Jira's resolution date when open. */
  resolved?: Array<[string, string | null]>;
  resolution?: (typeof RESOLUTIONS)[number];
  fix?: Array<[string, string, string | null]>;
  affects?: string[];
}

function handFact(i: HandIssue): IssueFact {
  const resolutions = (i.resolved ?? []).map(([from, to]) => ({ from: minutes(from), to: to === null ? null : minutes(to) }));
  const open = resolutions.at(-1);
  const resolved = open && open.to === null ? open.from : null;
  return {
    id: `1${i.key.slice(2).padStart(4, '0')}`,
    key: i.key,
    typeId: typeId(i.type),
    created: minutes(i.created),
    updated: minutes(i.created) + 10,
    started: i.started ? minutes(i.started) : null,
    resolved,
    resolutionId: resolved !== null ? resolutionId(i.resolution ?? 'Done') : null,
    category: resolved !== null ? 'done' : i.started ? 'indeterminate' : 'new',
    fixVersions: (i.fix ?? []).map(([versionId, from, to]) => ({ versionId, from: minutes(from), to: to === null ? null : minutes(to) })),
    affects: i.affects ?? [],
    resolutions,
  };
}

function record(observedAt: string, released: boolean, releaseDate: string | null, startDate: string | null, source: 'event' | 'reconciliation' = 'reconciliation') {
  return { observedAt, released, releaseDate, startDate, source };
}

/** "Now" of the hand-built set: a Wednesday in May, Berlin summer time. */
export const HAND_NOW = new Date('2026-05-20T09:30:00Z');

export function handBuiltInput(settings: Record<string, unknown> = {}): KpiInput {
  const versions: KpiVersion[] = [
    // Planned for 10 April, shipped on the 14th (the release event), after a failed pipeline.
    { id: '200', name: '2026.04.0', startDate: '2026-03-30', releaseDate: '2026-04-10', released: true, history: [record('2026-03-25T08:00:00Z', false, '2026-04-10', '2026-03-30'), record('2026-04-14T10:05:00Z', true, '2026-04-10', '2026-03-30', 'event')] },
    // A CalVer patch the next day: the hotfix of 2026.04.0.
    { id: '201', name: '2026.04.1', startDate: '2026-04-14', releaseDate: '2026-04-15', released: true, history: [record('2026-04-14T12:00:00Z', false, '2026-04-15', '2026-04-14'), record('2026-04-15T09:00:00Z', true, '2026-04-15', '2026-04-14', 'event')] },
    // On time on 5 May; rolled back that afternoon, redeployed the next morning.
    { id: '202', name: '2026.05.0', startDate: '2026-04-20', releaseDate: '2026-05-05', released: true, history: [record('2026-04-18T08:00:00Z', false, '2026-04-28', '2026-04-20'), record('2026-04-27T08:00:00Z', false, '2026-05-05', '2026-04-20'), record('2026-05-05T07:00:00Z', true, '2026-05-05', '2026-04-20', 'event')] },
    // Due 15 May, not released: overdue.
    { id: '203', name: '2026.05.1', startDate: '2026-05-06', releaseDate: '2026-05-15', released: false, history: [record('2026-05-06T08:00:00Z', false, '2026-05-15', '2026-05-06')] },
    // Due in June.
    { id: '204', name: '2026.06.0', startDate: '2026-05-18', releaseDate: '2026-06-10', released: false, history: [record('2026-05-16T08:00:00Z', false, '2026-06-10', '2026-05-18')] },
    // First seen already released (the app was installed after): no plan to measure against.
    { id: '205', name: 'Legacy 3.2', startDate: '2026-02-01', releaseDate: '2026-03-03', released: true, history: [record('2026-03-10T08:00:00Z', true, '2026-03-03', '2026-02-01')] },
  ];
  const deployments: KpiDeploymentEvent[] = [
    { id: 'd-legacy', environment: 'production', status: 'successful', at: '2026-03-03T15:00:00Z', version: 'Legacy 3.2' },
    { id: 'd-040-stg', environment: 'staging', status: 'successful', at: '2026-04-13T09:00:00Z', version: '2026.04.0' },
    { id: 'd-040-a', environment: 'production', status: 'failed', at: '2026-04-14T08:00:00Z', version: '2026.04.0' },
    { id: 'd-040-b', environment: 'Production', status: 'successful', at: '2026-04-14T10:00:00Z', version: '2026.04.0', issueKeys: ['P-12', 'P-2'] },
    { id: 'd-041', environment: 'production', status: 'successful', at: '2026-04-15T08:30:00Z', version: '2026.04.1', isHotfix: true, issueKeys: ['P-9'] },
    { id: 'd-cont', environment: 'prod', status: 'successful', at: '2026-04-22T13:00:00Z', issueKeys: ['P-15', 'P-16', 'P-15'] },
    { id: 'd-050', environment: 'production', status: 'successful', at: '2026-05-05T09:00:00Z', version: '2026.05.0' },
    { id: 'd-050-rb', environment: 'production', status: 'successful', at: '2026-05-05T14:00:00Z', version: '2026.05.0', isRollback: true },
    { id: 'd-050-re', environment: 'production', status: 'successful', at: '2026-05-06T07:30:00Z', version: '2026.05.0' },
    { id: 'd-cancel', environment: 'production', status: 'cancelled', at: '2026-05-12T07:30:00Z' },
  ];
  const issues: HandIssue[] = [
    { key: 'P-1', type: 'Story', created: '2026-03-20T09:00:00Z', started: '2026-03-31T08:00:00Z', resolved: [['2026-04-08T16:00:00Z', null]], fix: [['200', '2026-03-26T09:00:00Z', null]] },
    { key: 'P-2', type: 'Story', created: '2026-03-21T09:00:00Z', started: '2026-04-01T08:00:00Z', resolved: [['2026-04-09T16:00:00Z', null]], fix: [['200', '2026-03-26T09:00:00Z', null]] },
    // Added to 2026.04.0 after its start, done in time.
    { key: 'P-3', type: 'Task', created: '2026-04-02T09:00:00Z', started: '2026-04-03T08:00:00Z', resolved: [['2026-04-13T11:00:00Z', null]], fix: [['200', '2026-04-03T09:00:00Z', null]] },
    // Carried over from 2026.04.0 to 2026.05.0, resolved in May.
    { key: 'P-4', type: 'Story', created: '2026-03-22T09:00:00Z', started: '2026-04-06T08:00:00Z', resolved: [['2026-04-30T10:00:00Z', null]], fix: [['200', '2026-03-26T09:00:00Z', '2026-04-15T08:00:00Z'], ['202', '2026-04-15T08:00:00Z', null]] },
    // Removed from 2026.04.0 during it.
    { key: 'P-5', type: 'Story', created: '2026-03-22T10:00:00Z', fix: [['200', '2026-03-26T09:00:00Z', '2026-04-07T12:00:00Z']] },
    // Won't Do: not delivered.
    { key: 'P-6', type: 'Task', created: '2026-03-23T09:00:00Z', resolved: [['2026-04-09T09:00:00Z', null]], resolution: "Won't Do", fix: [['200', '2026-03-26T09:00:00Z', null]] },
    // A sub-task: not counted.
    { key: 'P-7', type: 'Sub-task', created: '2026-03-24T09:00:00Z', started: '2026-03-31T09:00:00Z', resolved: [['2026-04-10T09:00:00Z', null]], fix: [['200', '2026-03-26T09:00:00Z', null]] },
    // Re-opened after the release and resolved again in the hotfix.
    { key: 'P-8', type: 'Story', created: '2026-03-24T10:00:00Z', started: '2026-04-01T09:00:00Z', resolved: [['2026-04-09T12:00:00Z', '2026-04-14T11:00:00Z'], ['2026-04-15T07:00:00Z', null]], fix: [['200', '2026-03-26T09:00:00Z', null], ['201', '2026-04-14T11:00:00Z', null]] },
    // The hotfix's issue, named by its deployment.
    { key: 'P-9', type: 'Bug', created: '2026-04-14T11:30:00Z', started: '2026-04-14T12:00:00Z', resolved: [['2026-04-15T07:30:00Z', null]], fix: [['201', '2026-04-14T11:40:00Z', null]], affects: ['200'] },
    // Bugs raised against 2026.04.0 within 30 days (one a sub-task: not counted), one too late.
    { key: 'P-10', type: 'Bug', created: '2026-04-19T09:00:00Z', affects: ['200'] },
    { key: 'P-11', type: 'Bug', created: '2026-05-16T09:00:00Z', affects: ['200', '202'] },
    // Named by the 2026.04.0 deployment although never in the version; created in progress.
    { key: 'P-12', type: 'Task', created: '2026-04-10T09:00:00Z', started: '2026-04-10T09:00:00Z', resolved: [['2026-04-13T09:00:00Z', null]] },
    // Incident after 2026.04.0: resolved next morning.
    { key: 'P-13', type: 'Incident', created: '2026-04-14T11:00:00Z', resolved: [['2026-04-15T08:00:00Z', null]] },
    // Incident after the 5 May redeploy, still open.
    { key: 'P-14', type: 'Incident', created: '2026-05-07T10:00:00Z', affects: ['202'] },
    // Shipped by a continuous deployment without a version.
    { key: 'P-15', type: 'Story', created: '2026-04-16T09:00:00Z', started: '2026-04-17T09:00:00Z', resolved: [['2026-04-21T15:00:00Z', null]] },
    // Named by a deployment before work on it started: left out.
    { key: 'P-16', type: 'Story', created: '2026-04-20T09:00:00Z', started: '2026-04-23T09:00:00Z', resolved: [['2026-04-24T09:00:00Z', null]] },
    // 2026.05.0 scope.
    { key: 'P-17', type: 'Story', created: '2026-04-15T09:00:00Z', started: '2026-04-21T08:00:00Z', resolved: [['2026-05-04T16:00:00Z', null]], fix: [['202', '2026-04-16T09:00:00Z', null]] },
    { key: 'P-18', type: 'Story', created: '2026-04-15T10:00:00Z', started: '2026-04-22T08:00:00Z', resolved: [['2026-05-06T06:00:00Z', null]], fix: [['202', '2026-04-16T09:00:00Z', null]] },
    // Not done by the 5 May release: moved on to 2026.05.1 afterwards, still open (overdue there).
    { key: 'P-19', type: 'Story', created: '2026-04-15T11:00:00Z', started: '2026-04-28T08:00:00Z', fix: [['202', '2026-04-16T09:00:00Z', '2026-05-07T09:00:00Z'], ['203', '2026-05-07T09:00:00Z', null]] },
    { key: 'P-20', type: 'Story', created: '2026-05-06T09:00:00Z', started: '2026-05-07T09:00:00Z', resolved: [['2026-05-14T09:00:00Z', null]], fix: [['203', '2026-05-06T09:00:00Z', null]] },
    // An incident long after any deployment: not attributed.
    { key: 'P-21', type: 'Incident', created: '2026-04-30T20:00:00Z', resolved: [['2026-05-01T09:00:00Z', null]] },
    // Resolved, never deployed, in the future version.
    { key: 'P-22', type: 'Task', created: '2026-05-18T09:00:00Z', started: '2026-05-18T10:00:00Z', resolved: [['2026-05-19T10:00:00Z', null]], fix: [['204', '2026-05-18T09:30:00Z', null]] },
    // Legacy release scope: resolved long before the deployments are complete.
    { key: 'P-23', type: 'Story', created: '2026-02-02T09:00:00Z', started: '2026-02-03T09:00:00Z', resolved: [['2026-02-27T09:00:00Z', null]], fix: [['205', '2026-02-02T09:00:00Z', null]] },
  ];
  return {
    project: { id: '10000', key: 'P', name: 'Payments' },
    settings: settingsOf(settings),
    facts: issues.map(handFact).sort(byKey),
    dictionaries: dictionaries(),
    versions,
    deployments,
    inventoryProductionEnvironments: ['prod'],
    horizon: '2026-01-01',
    hotfixVersionIds: [],
    deploymentsSince: '2026-03-01T00:00:00.000Z',
  };
}

// ---------------------------------------------------------------------------------------------
// Generated

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const GENERATED_NOW = new Date('2026-11-24T10:00:00Z');

/** `issues` issues over 14 months with 40 versions and their deployments; `commits` adds commit times to CI events. */
export function generatedInput(seed: number, issueCount: number, options: { settings?: Record<string, unknown>; commits?: boolean } = {}): KpiInput {
  // Prng xors the seed in; undone here so the goldens' data stays what it was recorded from.
  const prng = new Prng(seed ^ 0x9e3779b9);
  const rnd = () => prng.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const end = GENERATED_NOW.getTime();
  const start = end - 420 * DAY;
  const day = (ms: number) => iso(ms).slice(0, 10);
  const versions: KpiVersion[] = [];
  const deployments: KpiDeploymentEvent[] = [];
  const releases: Array<{ id: string; startMs: number; plannedMs: number; releasedMs: number | null }> = [];
  for (let v = 0; v < 40; v++) {
    const startMs = start + v * 10 * DAY + Math.floor(rnd() * 3) * DAY;
    const plannedMs = startMs + (14 + Math.floor(rnd() * 10)) * DAY;
    const slip = rnd() < 0.4 ? Math.floor(rnd() * 9) * DAY : 0;
    const shipped = plannedMs + slip + 9 * HOUR + Math.floor(rnd() * 6) * HOUR;
    const releasedMs = shipped < end - 2 * DAY ? shipped : null;
    const id = String(300 + v);
    const month = iso(plannedMs).slice(0, 7).replace('-', '.');
    const name = v % 5 === 4 ? `${month}.${v}-hotfix` : `${month}.${v}`;
    const seenFirstReleased = rnd() < 0.08;
    const history = seenFirstReleased ? [] : [record(iso(startMs - DAY), false, day(plannedMs), day(startMs))];
    if (!seenFirstReleased && rnd() < 0.3) history.push(record(iso(startMs + 5 * DAY), false, day(plannedMs + 2 * DAY), day(startMs)));
    if (releasedMs !== null) history.push(record(iso(releasedMs + 5 * 60_000), true, day(plannedMs), day(startMs), rnd() < 0.8 ? 'event' : 'reconciliation'));
    versions.push({ id, name, startDate: day(startMs), releaseDate: day(plannedMs), released: releasedMs !== null, history });
    releases.push({ id, startMs, plannedMs, releasedMs });
  }
  const facts: IssueFact[] = [];
  const typeWeights: Array<(typeof TYPES)[number]> = ['Story', 'Story', 'Story', 'Task', 'Task', 'Bug', 'Bug', 'Incident', 'Sub-task'];
  for (let n = 1; n <= issueCount; n++) {
    const type = pick(typeWeights);
    const createdMs = start + Math.floor(rnd() * (end - start - DAY));
    const created = Math.floor(createdMs / 60_000);
    const startedMs = rnd() < 0.8 ? createdMs + Math.floor(rnd() * 10 * DAY) : null;
    let resolvedMs = rnd() < 0.75 ? (startedMs ?? createdMs) + Math.floor(rnd() * 20 * DAY) + HOUR : null;
    if (resolvedMs !== null && resolvedMs > end) resolvedMs = null;
    const resolutions: IssueFact['resolutions'] = [];
    if (resolvedMs !== null && rnd() < 0.1) {
      const first = createdMs + Math.floor((resolvedMs - createdMs) / 3);
      resolutions.push({ from: Math.floor(first / 60_000), to: Math.floor((first + DAY) / 60_000) });
    }
    if (resolvedMs !== null) resolutions.push({ from: Math.floor(resolvedMs / 60_000), to: null });
    const fixVersions: IssueFact['fixVersions'] = [];
    const candidates = releases.filter((r) => r.startMs - 20 * DAY <= createdMs && (r.releasedMs ?? r.plannedMs + 10 * DAY) >= createdMs);
    if (type !== 'Incident' && candidates.length && rnd() < 0.7) {
      const first = pick(candidates);
      const from = created + Math.floor(rnd() * 2 * 24 * 60);
      if (rnd() < 0.15) {
        const next = releases[releases.indexOf(first) + 1];
        const movedAt = from + Math.floor(rnd() * 12 * 24 * 60);
        fixVersions.push({ versionId: first.id, from, to: movedAt });
        if (next) fixVersions.push({ versionId: next.id, from: movedAt, to: null });
      } else fixVersions.push({ versionId: first.id, from, to: null });
      if (rnd() < 0.03) fixVersions.push({ versionId: first.id, from: from + 60, to: null });
    }
    const releasedBefore = releases.filter((r) => r.releasedMs !== null && r.releasedMs < createdMs && r.releasedMs > createdMs - 40 * DAY);
    const affects = (type === 'Bug' || type === 'Incident') && releasedBefore.length && rnd() < 0.7 ? [pick(releasedBefore).id] : [];
    const resolved = resolvedMs === null ? null : Math.floor(resolvedMs / 60_000);
    facts.push({
      id: String(20_000 + n),
      key: `G-${n}`,
      typeId: typeId(type),
      created,
      updated: resolved ?? created,
      started: startedMs === null ? null : Math.floor(startedMs / 60_000),
      resolved,
      resolutionId: resolved === null ? null : rnd() < 0.1 ? resolutionId(pick(["Won't Do", 'Duplicate'] as const)) : resolutionId('Done'),
      category: resolved !== null ? 'done' : startedMs !== null ? 'indeterminate' : 'new',
      fixVersions,
      affects,
      resolutions,
    });
  }
  let d = 0;
  const commit = (at: number) => (options.commits ? { commits: [1, 2, 3].map((k) => ({ sha: `c${d}-${k}`, committedAt: iso(at - k * 7 * HOUR) })) } : {});
  for (const r of releases) {
    if (r.releasedMs === null) continue;
    const version = versions.find((v) => v.id === r.id)!.name;
    if (rnd() < 0.25) deployments.push({ id: `d${++d}`, environment: 'production', status: pick(['failed', 'rolled_back'] as const), at: iso(r.releasedMs - 2 * HOUR), version, ...commit(r.releasedMs) });
    deployments.push({ id: `d${++d}`, environment: pick(['production', 'prod', 'Production']), status: 'successful', at: iso(r.releasedMs), version, ...(version.endsWith('hotfix') && rnd() < 0.5 ? { isHotfix: true } : {}), ...commit(r.releasedMs) });
    if (rnd() < 0.15) deployments.push({ id: `d${++d}`, environment: 'production', status: 'successful', at: iso(r.releasedMs + 3 * HOUR), version, isRollback: true });
    deployments.push({ id: `d${++d}`, environment: 'staging', status: 'successful', at: iso(r.releasedMs - DAY), version });
  }
  // Continuous deployments between releases, naming issues resolved shortly before them.
  for (let at = start + 3 * DAY; at < end - DAY; at += (2 + Math.floor(rnd() * 4)) * DAY) {
    const named = facts.filter((f) => f.resolved !== null && f.resolved * 60_000 < at && f.resolved * 60_000 > at - 2 * DAY).slice(0, 6).map((f) => f.key);
    if (rnd() < 0.2 && facts.length) named.push(pick(facts).key, 'G-0');
    deployments.push({ id: `d${++d}`, environment: 'production', status: rnd() < 0.1 ? 'failed' : 'successful', at: iso(at), issueKeys: named, ...commit(at) });
  }
  return {
    project: { id: '10001', key: 'G', name: 'Generated' },
    settings: settingsOf(options.settings),
    facts: facts.sort(byKey),
    dictionaries: dictionaries(),
    versions,
    deployments,
    horizon: day(start + 30 * DAY),
    hotfixVersionIds: versions.filter((_, i) => i % 13 === 7).map((v) => v.id),
    deploymentsSince: iso(end - 200 * DAY),
  };
}
