import type { VersionDateRecord } from '../../../src/domain/versions/version-history';
import type { IssueFact } from '../../../src/domain/kpis/facts';
import { type KpiDeploymentEvent, type KpiSources, type KpiVersion, prepare, versionReleaseMoment, windowBounds } from '../../../src/domain/kpis/model';
import { kpiSettingsSchema, withZone } from '../../../src/domain/kpis/settings';

const ms = (iso: string) => Date.parse(iso);
const record = (observedAt: string, released: boolean, releaseDate: string | null, source: VersionDateRecord['source'] = 'reconciliation'): VersionDateRecord => ({
  observedAt,
  released,
  releaseDate,
  startDate: '2026-03-01',
  source,
});

/** SHOP 2026.3.10, planned on 20 Feb for 10 March. */
function version(extra: Partial<KpiVersion> = {}): KpiVersion {
  return { id: '10020', name: '2026.3.10', releaseDate: '2026-03-10', released: true, history: [record('2026-02-20T09:00:00Z', false, '2026-03-10')], ...extra };
}

describe('when a version really shipped', () => {
  const BERLIN = 'Europe/Berlin';

  // The expected moment as plain data (its day is a calendar date written out).
  it.each<[string, KpiVersion, number[], unknown]>([
    ['not released: never', version({ released: false }), [], undefined],
    ['released in Jira, never seen being released: the end of Jira’s release day', version(), [], { at: ms('2026-03-10T22:59:59.999Z'), day: '2026-03-10', source: 'jira-date' }],
    [
      'the release the app saw (an event), even when Jira kept the planned date',
      version({ history: [record('2026-02-20T09:00:00Z', false, '2026-03-10'), record('2026-03-13T08:00:00Z', true, '2026-03-10', 'event')] }),
      [],
      { at: ms('2026-03-13T08:00:00Z'), day: '2026-03-13', source: 'event' },
    ],
    [
      'released seen only by the daily reconciliation: Jira’s date, not the day it was noticed',
      version({ history: [record('2026-02-20T09:00:00Z', false, '2026-03-10'), record('2026-03-13T02:00:00Z', true, '2026-03-10')] }),
      [],
      { at: ms('2026-03-10T22:59:59.999Z'), day: '2026-03-10', source: 'jira-date' },
    ],
    [
      'an event replayed after the reconciliation already saw it released: still Jira’s date',
      version({ history: [record('2026-03-11T02:00:00Z', true, '2026-03-10'), record('2026-03-12T08:00:00Z', true, '2026-03-10', 'event')] }),
      [],
      { at: ms('2026-03-10T22:59:59.999Z'), day: '2026-03-10', source: 'jira-date' },
    ],
    [
      'released, un-released and released again: the first release',
      version({
        history: [
          record('2026-03-10T08:00:00Z', true, '2026-03-10', 'event'),
          record('2026-03-10T09:00:00Z', false, '2026-03-10', 'event'),
          record('2026-03-12T08:00:00Z', true, '2026-03-10', 'event'),
        ],
      }),
      [],
      { at: ms('2026-03-10T08:00:00Z'), day: '2026-03-10', source: 'event' },
    ],
    [
      'the release event’s time unreadable: Jira’s date',
      version({ history: [record('2026-02-20T09:00:00Z', false, '2026-03-10'), record('13/03/2026', true, '2026-03-10', 'event')] }),
      [],
      { at: ms('2026-03-10T22:59:59.999Z'), day: '2026-03-10', source: 'jira-date' },
    ],
    ['released with neither a date nor a deployment: unknown', version({ releaseDate: undefined, history: [] }), [], undefined],
    ['released with no date, deployed twice: the first deployment', version({ releaseDate: undefined, history: [] }), [ms('2026-03-12T10:00:00Z'), ms('2026-03-11T10:00:00Z')], { at: ms('2026-03-11T10:00:00Z'), day: '2026-03-11', source: 'deployment' }],
    [
      'deployed twice on the release day: the last deployment that day',
      version(),
      [ms('2026-03-10T15:00:00Z'), ms('2026-03-10T08:00:00Z'), ms('2026-03-09T08:00:00Z')],
      { at: ms('2026-03-10T15:00:00Z'), day: '2026-03-10', source: 'deployment' },
    ],
    [
      'deployed before the release day only (continuous delivery): Jira’s date',
      version(),
      [ms('2026-03-09T08:00:00Z')],
      { at: ms('2026-03-10T22:59:59.999Z'), day: '2026-03-10', source: 'jira-date' },
    ],
    [
      'deployed two days after Jira’s date: the first deployment after it, late',
      version(),
      [ms('2026-03-14T09:00:00Z'), ms('2026-03-12T09:00:00Z'), ms('2026-03-09T09:00:00Z')],
      { at: ms('2026-03-12T09:00:00Z'), day: '2026-03-12', source: 'deployment' },
    ],
    [
      'deployed at 23:30 UTC, already the next day in Berlin',
      version(),
      [ms('2026-03-10T23:30:00Z')],
      { at: ms('2026-03-10T23:30:00Z'), day: '2026-03-11', source: 'deployment' },
    ],
  ])('%s', (_case, v, deployments, moment) => {
    expect(versionReleaseMoment(v, BERLIN, deployments)).toEqual(moment);
  });
});

// ---------------------------------------------------------------------------------------------

const DICTIONARIES: KpiSources['dictionaries'] = {
  issueTypes: {
    '10001': { name: 'Story', subtask: false },
    '10002': { name: ' bug ', subtask: false },
    '10003': { name: 'Sub-task', subtask: true },
    '10004': { name: 'Incident', subtask: false },
    '10005': { name: 'Production Incident', subtask: false },
  },
  resolutions: { '1': 'Done', '2': "won't do ", '3': 'Fixed' },
};

function sources(extra: Partial<KpiSources> = {}, settings: Record<string, unknown> = {}): KpiSources {
  return {
    project: { id: '10000', key: 'SHOP', name: 'Shop' },
    settings: withZone(kpiSettingsSchema.parse(settings), 'UTC'),
    dictionaries: DICTIONARIES,
    versions: [version(), version({ id: '10021', name: '2026.3.17', releaseDate: '2026-03-17', released: false, history: [] })],
    deployments: [],
    ...extra,
  };
}

const fact = (typeId: string, resolutionId: string | null, resolved: number | null = resolutionId ? 1000 : null): IssueFact => ({
  id: '1',
  key: 'SHOP-1',
  typeId,
  created: 0,
  updated: 0,
  started: null,
  resolved,
  resolutionId,
  category: 'done',
  fixVersions: [],
  affects: [],
  resolutions: [],
});

describe('what the definitions count, by the names in the settings', () => {
  it.each([
    ['a story resolved Done', fact('10001', '1'), { counted: true, delivered: true, isIncident: false, isBug: false }],
    ['a bug (the type named " bug " in Jira) resolved Won’t Do', fact('10002', '2'), { counted: true, delivered: false, isIncident: false, isBug: true }],
    ['a sub-task resolved Fixed', fact('10003', '3'), { counted: false, delivered: true, isIncident: false, isBug: false }],
    ['an open incident', fact('10004', null), { counted: true, delivered: false, isIncident: true, isBug: false }],
    ['a type the settings do not name as incidents', fact('10005', '1'), { counted: true, delivered: true, isIncident: false, isBug: false }],
    ['resolved without a resolution (a workflow that sets none)', fact('10001', null, 1000), { counted: true, delivered: true, isIncident: false, isBug: false }],
    ['a type deleted from Jira since', fact('99999', '1'), { counted: true, delivered: true, isIncident: false, isBug: false }],
  ])('%s', (_case, f, expected) => {
    const p = prepare(sources());
    expect({ counted: p.counted(f), delivered: p.delivered(f), isIncident: p.isIncident(f), isBug: p.isBug(f) }).toEqual(expected);
  });

  it('counts sub-tasks when the settings say so', () => {
    expect(prepare(sources({}, { excludeSubtasks: false })).counted(fact('10003', '3'))).toBe(true);
  });

  it('reads incident and bug types from the settings, case-insensitively', () => {
    const p = prepare(sources({}, { incidentIssueTypes: ['production incident'], bugIssueTypes: ['STORY'] }));
    expect([p.isIncident(fact('10005', null)), p.isIncident(fact('10004', null)), p.isBug(fact('10001', null))]).toEqual([true, false, true]);
  });
});

describe('production deployments from CI/CD', () => {
  const event = (id: string, at: string, extra: Partial<KpiDeploymentEvent> = {}): KpiDeploymentEvent => ({ id, environment: 'production', status: 'successful', at, ...extra });

  it('keeps attempts that reached production, oldest first, in the definitions’ shape', () => {
    const p = prepare(
      sources({
        deployments: [
          event('d3', '2026-03-10T09:00:00Z', { version: '2026.3.10', issueKeys: ['SHOP-1'], url: 'https://ci.example.com/3', commits: [{ sha: 'a1', committedAt: '2026-03-09T09:00:00Z' }, { sha: 'b2', committedAt: 'yesterday' }] }),
          event('d2', '2026-03-10T08:00:00Z', { environment: ' PROD ', status: 'failed', version: 'no such version' }),
          event('d1', '2026-03-10T08:00:00Z', { status: 'rolled_back', isRollback: true, isHotfix: true }),
          event('s1', '2026-03-09T08:00:00Z', { environment: 'staging' }),
          event('c1', '2026-03-09T08:00:00Z', { status: 'cancelled' }),
          event('p1', '2026-03-09T08:00:00Z', { status: 'in_progress' }),
          event('q1', '2026-03-09T08:00:00Z', { status: 'pending' }),
          event('x1', 'not a time'),
        ],
      }),
    );
    // Strictly: an event without a version or a link has no such field at all.
    expect(p.production).toStrictEqual([
      { id: 'd1', at: ms('2026-03-10T08:00:00Z'), source: 'ci', environment: 'production', status: 'rolled_back', isRollback: true, isHotfix: true, commits: [], versionIds: [], issueKeys: [] },
      { id: 'd2', at: ms('2026-03-10T08:00:00Z'), source: 'ci', environment: ' PROD ', status: 'failed', isRollback: false, isHotfix: false, commits: [], versionIds: [], versionName: 'no such version', issueKeys: [] },
      {
        id: 'd3',
        at: ms('2026-03-10T09:00:00Z'),
        source: 'ci',
        environment: 'production',
        status: 'successful',
        isRollback: false,
        isHotfix: false,
        commits: [{ sha: 'a1', at: ms('2026-03-09T09:00:00Z') }],
        versionIds: ['10020'],
        versionName: '2026.3.10',
        issueKeys: ['SHOP-1'],
        url: 'https://ci.example.com/3',
      },
    ]);
    expect(p.changes.map((d) => d.id)).toEqual(['d2', 'd3']);
    expect([p.deploymentSource, p.deploymentSourceReason]).toEqual(['ci', 'CI/CD sent 3 production deployments for this project, so those are counted (version releases are not).']);
  });

  it('counts an environment of the inventory’s production tier, and says one deployment in the singular', () => {
    const p = prepare(sources({ deployments: [event('d1', '2026-03-10T09:00:00Z', { environment: 'EU-Live-1' })], inventoryProductionEnvironments: ['eu-live-1'] }));
    expect([p.production.map((d) => d.id), p.deploymentSourceReason]).toEqual([['d1'], 'CI/CD sent 1 production deployment for this project, so those are counted (version releases are not).']);
  });

  it('matches a deployment’s version to Jira’s by name, whatever the case', () => {
    const p = prepare(sources({ deployments: [event('d1', '2026-03-10T09:00:00Z', { version: ' 2026.3.10 ' })] }));
    expect(p.production[0]?.versionIds).toEqual(['10020']);
  });

  it('times a release by the version’s successful production deployment, not by a failed attempt, a rollback or staging', () => {
    const deployments = [
      event('a', '2026-03-10T15:00:00Z', { version: '2026.3.10', status: 'failed' }),
      event('b', '2026-03-10T16:00:00Z', { version: '2026.3.10', isRollback: true }),
      event('c', '2026-03-10T17:00:00Z', { version: '2026.3.10', environment: 'staging' }),
      event('d', '2026-03-10T09:00:00Z', { version: '2026.3.10' }),
    ];
    const p = prepare(sources({ deployments }));
    expect(p.releaseMoment(version())).toEqual({ at: ms('2026-03-10T09:00:00Z'), day: '2026-03-10', source: 'deployment' });
    expect(p.releaseInstant(version())).toBe(ms('2026-03-10T09:00:00Z'));
  });
});

describe('where production deployments come from', () => {
  const ci = [{ id: 'd1', environment: 'production', status: 'successful' as const, at: '2026-03-12T09:00:00Z' }];
  const released = { id: 'version-10020', at: ms('2026-03-10T23:59:59.999Z'), source: 'version', environment: 'production (version released in Jira)', status: 'successful', isRollback: false, isHotfix: false, commits: [], versionIds: ['10020'], versionName: '2026.3.10', issueKeys: [] };

  it.each([
    ['auto, without a CI feed', 'auto', [], 'versions', 'No CI/CD feed has sent a production deployment for this project, so every released Jira version counts as one production deployment, at the end of its release day.', ['version-10020']],
    ['auto, with a CI feed', 'auto', ci, 'ci', 'CI/CD sent 1 production deployment for this project, so those are counted (version releases are not).', ['d1']],
    ['CI only, without a feed', 'ci', [], 'ci', 'Settings: production deployments come from CI/CD events only (0 found).', []],
    ['versions, despite a CI feed', 'versions', ci, 'versions', 'Settings: every released Jira version counts as one production deployment.', ['version-10020']],
  ])('%s', (_case, deploymentSource, deployments, source, reason, ids) => {
    const p = prepare(sources({ deployments }, { deploymentSource }));
    expect([p.deploymentSource, p.deploymentSourceReason, p.production.map((d) => d.id)]).toEqual([source, reason, ids]);
  });

  it('counts a released version as one deployment at the end of its release day', () => {
    expect(prepare(sources()).production).toEqual([released]);
  });

  it('orders deployments at the same instant by id', () => {
    const versions = [version({ id: 'b' }), version({ id: 'a' })];
    expect(prepare(sources({ versions })).production.map((d) => d.id)).toEqual(['version-a', 'version-b']);
  });
});

describe('hotfixes', () => {
  const deployment = (extra: Partial<KpiDeploymentEvent>): KpiDeploymentEvent => ({ id: 'd1', environment: 'production', status: 'successful', at: '2026-03-12T09:00:00Z', ...extra });
  it.each([
    ['CI marked it a hotfix', {}, [], { isHotfix: true }, true],
    ['its version was decided a hotfix on the Go/No-Go board', {}, ['10020'], { version: '2026.3.10' }, true],
    ['another version was decided a hotfix', {}, ['10021'], { version: '2026.3.10' }, false],
    ['its version’s name matches the site’s pattern', { hotfixVersionPattern: '\\.10$' }, [], { version: '2026.3.10' }, true],
    ['a pattern, but no version', { hotfixVersionPattern: '.' }, [], {}, false],
    ['a CalVer name, no pattern', {}, [], { version: '2026.3.10' }, false],
  ])('%s', (_case, settings, hotfixVersionIds, extra, isHotfix) => {
    const p = prepare(sources({ deployments: [deployment(extra)], hotfixVersionIds }, settings));
    expect(p.isHotfix(p.production[0]!)).toBe(isHotfix);
  });
});

describe('the KPI window', () => {
  it.each([
    ['UTC', 'UTC', '2026-03-15T12:00:00Z', { from: ms('2026-03-01T00:00:00Z'), to: ms('2026-03-15T00:00:00Z'), fromDay: '2026-03-01', toDay: '2026-03-15', today: '2026-03-15' }],
    ['Berlin, just after local midnight', 'Europe/Berlin', '2026-03-14T23:30:00Z', { from: ms('2026-02-28T23:00:00Z'), to: ms('2026-03-14T23:00:00Z'), fromDay: '2026-03-01', toDay: '2026-03-15', today: '2026-03-15' }],
  ])('is the whole days before today: %s', (_case, timeZone, now, bounds) => {
    const settings = withZone(kpiSettingsSchema.parse({ windowDays: 14, timeZone }), 'UTC');
    expect(windowBounds(new Date(now), settings)).toEqual({ ...bounds, days: 14, now: ms(now) });
  });
});
