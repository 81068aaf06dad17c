import { FactFold, foldFacts } from '../../../src/domain/kpis/fact-digest';
import { prepare, windowBounds } from '../../../src/domain/kpis/model';
import { type ExampleIssue, type KpiExample, exampleInput } from './kpi-example';

const NOW = new Date('2026-03-15T12:00:00Z');
const ms = (iso: string) => Date.parse(iso);
const min = (iso: string) => Math.floor(ms(iso) / 60_000);
const story = (key: string, fields: Partial<ExampleIssue>): ExampleIssue => ({ key, type: 'Story', created: '2026-02-28T09:00:00Z', resolution: 'Done', ...fields });

/**
 * Two weeks of continuous delivery (window 1–14 March): deployments name the issues they ship,
 * and 2026.3.6 went out with its version's issues.
 */
const team: KpiExample = {
  name: 'continuous delivery',
  now: NOW.toISOString(),
  settings: { windowDays: 14 },
  deploymentsSince: '2026-02-01T00:00:00Z',
  versions: [
    { id: '2026.2.27', name: '2026.2.27', releaseDate: '2026-02-27', released: true },
    { id: '2026.3.6', name: '2026.3.6', releaseDate: '2026-03-06', released: true },
  ],
  deployments: [
    { id: 'd0', environment: 'production', status: 'successful', at: '2026-02-27T09:00:00Z', version: '2026.2.27' },
    { id: 'd1', environment: 'production', status: 'successful', at: '2026-03-03T09:00:00Z', issueKeys: ['SHOP-2', 'SHOP-1', 'SHOP-7'] },
    { id: 'd2', environment: 'production', status: 'failed', at: '2026-03-05T09:00:00Z', issueKeys: ['SHOP-3'] },
    { id: 'd3', environment: 'production', status: 'successful', at: '2026-03-06T09:00:00Z', version: '2026.3.6', issueKeys: ['SHOP-5', 'SHOP-5'] },
    { id: 'r3', environment: 'production', status: 'successful', at: '2026-03-06T12:00:00Z', isRollback: true },
    { id: 'd4', environment: 'production', status: 'successful', at: '2026-03-10T09:00:00Z', issueKeys: ['SHOP-1', 'SHOP-3', 'SHOP-8', 'SHOP-9', 'SHOP-11', 'SHOP-12', 'SHOP-13', 'SHOP-19'] },
  ],
  issues: [
    story('SHOP-1', { started: '2026-03-01T09:00:00Z', resolved: '2026-03-02T09:00:00Z' }),
    story('SHOP-2', { resolved: '2026-03-03T08:00:00Z' }), // never In Progress
    story('SHOP-3', { started: '2026-03-04T09:00:00Z', resolved: '2026-03-05T08:00:00Z' }), // its first deployment failed
    story('SHOP-4', { started: '2026-03-03T21:00:00Z', resolved: '2026-03-05T09:00:00Z', fixVersions: [['2026.3.6', '2026-03-01T09:00:00Z', null]] }),
    story('SHOP-5', { started: '2026-03-05T09:00:00Z', resolved: '2026-03-06T08:00:00Z', fixVersions: [['2026.3.6', '2026-03-01T09:00:00Z', null]] }),
    story('SHOP-6', { started: '2026-03-05T09:00:00Z', resolved: '2026-03-07T09:00:00Z', fixVersions: [['2026.3.6', '2026-03-01T09:00:00Z', null]] }), // done after its release
    { key: 'SHOP-7', type: 'Sub-task', created: '2026-03-01T09:00:00Z', resolved: '2026-03-02T09:00:00Z', resolution: 'Done' },
    story('SHOP-8', { started: '2026-03-08T09:00:00Z', resolved: '2026-03-09T09:00:00Z', resolution: "Won't Do" }),
    story('SHOP-9', { started: '2026-03-11T09:00:00Z', resolved: '2026-03-12T09:00:00Z' }), // named before work began
    story('SHOP-10', { started: '2026-02-25T09:00:00Z', resolved: '2026-02-26T09:00:00Z', fixVersions: [['2026.2.27', '2026-02-20T09:00:00Z', null]] }),
    story('SHOP-11', { created: '2026-01-05T09:00:00Z', started: '2026-01-06T09:00:00Z', resolved: '2026-01-20T09:00:00Z' }), // shipped before the deployments read
    // In 2026.3.6 (twice: removed and put back) and named again by d4: d3 shipped it first.
    story('SHOP-12', { started: '2026-03-03T09:00:00Z', resolved: '2026-03-04T09:00:00Z', fixVersions: [['2026.3.6', '2026-03-01T09:00:00Z', '2026-03-02T09:00:00Z'], ['2026.3.6', '2026-03-02T10:00:00Z', null]] }),
    story('SHOP-13', { created: '2026-03-11T09:00:00Z' }), // named before it was even created
    { key: 'SHOP-14', type: 'Incident', created: '2026-03-06T13:00:00Z', resolved: '2026-03-06T15:00:00Z', resolution: 'Done', affects: ['2026.3.6'] },
    { key: 'SHOP-15', type: 'Bug', created: '2026-03-07T09:00:00Z', affects: ['2026.3.6', '2026.2.27'] },
    { key: 'SHOP-16', type: 'Sub-task', created: '2026-03-07T09:00:00Z', affects: ['2026.3.6'] },
    { key: 'SHOP-17', type: 'Bug', created: '2026-03-08T09:00:00Z', affects: ['2026.3.6'] },
    // Done, but taken out of 2026.3.6 before it went out: that deployment did not ship it.
    story('SHOP-18', { started: '2026-03-02T09:00:00Z', resolved: '2026-03-03T09:00:00Z', fixVersions: [['2026.3.6', '2026-03-01T09:00:00Z', '2026-03-04T09:00:00Z']] }),
    story('SHOP-19', { started: '2026-03-08T09:00:00Z', resolution: undefined }), // still open, but d4 says it shipped
  ],
  expect: {},
};

function folded(example = team) {
  const input = exampleInput(example);
  return foldFacts(prepare(input), input.facts, [NOW]).facts;
}

describe('folding facts: each issue’s first production deployment', () => {
  it('keeps, per deployment in the window, the issues it shipped first, as it carried them, with their lead time or why not', () => {
    const changes = prepare(exampleInput(team)).changes.map((d) => d.id);
    expect(changes).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    const delivery = (key: string, deployment: string, start: string, hours: number, fromCreation = false) => ({ key, deployment: changes.indexOf(deployment), fromCreation, start: ms(start), hours });
    const skipped = (key: string, deployment: string, skip: string, fromCreation = false) => ({ key, deployment: changes.indexOf(deployment), skip, fromCreation, start: 0, hours: 0 });
    expect(folded().deliveries).toEqual([
      delivery('SHOP-2', 'd1', '2026-02-28T09:00:00Z', 72, true),
      delivery('SHOP-1', 'd1', '2026-03-01T09:00:00Z', 48),
      skipped('SHOP-7', 'd1', 'subtask'),
      delivery('SHOP-5', 'd3', '2026-03-05T09:00:00Z', 24),
      delivery('SHOP-12', 'd3', '2026-03-03T09:00:00Z', 72),
      delivery('SHOP-4', 'd3', '2026-03-03T21:00:00Z', 60),
      delivery('SHOP-3', 'd4', '2026-03-04T09:00:00Z', 144),
      skipped('SHOP-8', 'd4', 'not-delivered'),
      skipped('SHOP-9', 'd4', 'before-start'),
      skipped('SHOP-11', 'd4', 'deployed-earlier'),
      skipped('SHOP-13', 'd4', 'before-start', true),
      delivery('SHOP-19', 'd4', '2026-03-08T09:00:00Z', 48),
    ]);
  });

  it('measures from creation when the settings say so, and then never says “from creation” as a fallback', () => {
    const deliveries = folded({ ...team, settings: { windowDays: 14, leadTimeStart: 'created' } }).deliveries;
    expect(deliveries.filter((d) => ['SHOP-1', 'SHOP-2', 'SHOP-13'].includes(d.key)).map(({ key, fromCreation, hours, skip }) => ({ key, fromCreation, hours, skip }))).toEqual([
      { key: 'SHOP-2', fromCreation: false, hours: 72, skip: undefined },
      { key: 'SHOP-1', fromCreation: false, hours: 72, skip: undefined },
      { key: 'SHOP-13', fromCreation: false, hours: 0, skip: 'before-start' },
    ]);
  });

  it('names the issues resolved after their version’s last deployment in the window', () => {
    const facts = folded();
    expect(facts.lateAt(windowBounds(NOW, exampleInput(team).settings))).toEqual(['SHOP-6']);
  });
});

describe('folding facts: what the other figures keep', () => {
  it('keeps counted incidents, and bugs against versions released in the window', () => {
    const facts = folded();
    expect({ factCount: facts.factCount, incidents: facts.incidents, bugs: [...facts.bugs] }).toEqual({
      factCount: 19,
      incidents: [{ key: 'SHOP-14', created: min('2026-03-06T13:00:00Z'), resolved: min('2026-03-06T15:00:00Z'), affects: ['2026.3.6'] }],
      bugs: [['2026.3.6', [['SHOP-15', min('2026-03-07T09:00:00Z')], ['SHOP-17', min('2026-03-08T09:00:00Z')]]]],
    });
  });

  it('keeps the issues resolved in the window, by resolution and then key, with whether they count as delivered', () => {
    const resolved = (key: string, at: string, kind: string) => expect.objectContaining({ key, resolved: min(at), kind });
    expect(folded().resolved).toEqual([
      resolved('SHOP-1', '2026-03-02T09:00:00Z', 'delivered'),
      resolved('SHOP-7', '2026-03-02T09:00:00Z', 'subtask'),
      resolved('SHOP-2', '2026-03-03T08:00:00Z', 'delivered'),
      resolved('SHOP-18', '2026-03-03T09:00:00Z', 'delivered'),
      resolved('SHOP-12', '2026-03-04T09:00:00Z', 'delivered'),
      resolved('SHOP-3', '2026-03-05T08:00:00Z', 'delivered'),
      resolved('SHOP-4', '2026-03-05T09:00:00Z', 'delivered'),
      resolved('SHOP-5', '2026-03-06T08:00:00Z', 'delivered'),
      resolved('SHOP-14', '2026-03-06T15:00:00Z', 'delivered'),
      resolved('SHOP-6', '2026-03-07T09:00:00Z', 'delivered'),
      resolved('SHOP-8', '2026-03-09T09:00:00Z', 'not-delivered'),
      resolved('SHOP-9', '2026-03-12T09:00:00Z', 'delivered'),
    ]);
    expect(folded().resolved[0]).toEqual({ key: 'SHOP-1', resolved: min('2026-03-02T09:00:00Z'), created: min('2026-02-28T09:00:00Z'), started: min('2026-03-01T09:00:00Z'), kind: 'delivered' });
  });

  it('keeps what every instant’s window reads: the report’s and the trend’s Mondays', () => {
    const input = exampleInput(team);
    const monday = new Date('2026-03-09T00:00:00Z');
    const facts = foldFacts(prepare(input), input.facts, [NOW], [monday]).facts;
    // The window before Monday 9 March is 23 February – 8 March: d0 (27 February) is in it.
    expect(facts.deliveries.map((d) => d.key)).toEqual(['SHOP-10', ...folded().deliveries.map((d) => d.key)]);
    expect(facts.resolved.map((r) => r.key)).toEqual(['SHOP-10', ...folded().resolved.map((r) => r.key)]);
    expect(facts.lateAt(windowBounds(monday, input.settings))).toEqual(['SHOP-6']);
  });
});

describe('folding facts: instants', () => {
  const input = exampleInput(team);
  const monday = new Date('2026-03-09T00:00:00Z');

  it('refuses the figures of a whole report at an instant folded for a trend point only', () => {
    const facts = foldFacts(prepare(input), input.facts, [NOW], [monday]).facts;
    expect(() => facts.at(windowBounds(monday, input.settings))).toThrow('KPI facts were not folded for a whole report at 2026-03-09T00:00:00.000Z.');
    expect(facts.at(windowBounds(NOW, input.settings)).late).toEqual(['SHOP-6']);
  });

  it('refuses an instant it was not folded for', () => {
    const facts = foldFacts(prepare(input), input.facts, [NOW]).facts;
    expect(() => facts.lateAt(windowBounds(monday, input.settings))).toThrow('KPI facts were folded for other instants than 2026-03-09T00:00:00.000Z.');
    expect(() => facts.at(windowBounds(monday, input.settings))).toThrow('KPI facts were not folded for a whole report at 2026-03-09T00:00:00.000Z.');
    expect([...facts.instants]).toEqual([NOW.getTime()]);
  });

  it('folds facts handed over one by one in any order to the same result', () => {
    const fold = new FactFold(prepare(input), [NOW]);
    for (const fact of [...input.facts].reverse()) fold.add(fact);
    const { facts } = fold.result();
    const inOrder = folded();
    expect({ deliveries: facts.deliveries, resolved: facts.resolved, incidents: facts.incidents }).toEqual({ deliveries: inOrder.deliveries, resolved: inOrder.resolved, incidents: inOrder.incidents });
  });
});
