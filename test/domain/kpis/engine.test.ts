import { computeKpiReport, trendWeekEnds, weekEndOf } from '../../../src/domain/kpis/report';
import { exampleInput, type KpiExample } from './kpi-example';

const base: KpiExample = {
  name: 'engine',
  now: '2026-03-15T12:00:00Z',
  settings: { windowDays: 14 },
  issues: [{ key: 'P-9', type: 'Incident', created: '2026-03-12T10:00:00Z', resolved: '2026-03-12T12:00:00Z', resolution: 'Done' }],
  versions: [{ id: '1', name: '1.0', startDate: '2026-03-01', releaseDate: '2026-03-11', released: true }],
  deployments: [{ id: 'd1', environment: 'prod', status: 'successful', at: '2026-03-11T10:00:00Z' }],
  expect: {},
};

const figure = (report: ReturnType<typeof computeKpiReport>, id: string) => report.figures.find((f) => f.id === id)!;

describe('the KPI engine', () => {
  it('knows nothing after its "now": a past week does not see a later incident or recovery', () => {
    const input = exampleInput(base);
    expect(figure(computeKpiReport(input, new Date('2026-03-15T12:00:00Z')), 'change-failure-rate').value).toBe(1);
    const before = computeKpiReport(input, new Date('2026-03-12T09:00:00Z'));
    expect(figure(before, 'change-failure-rate').value).toBe(0);
  });

  it.each([
    ['auto, with a CI production deployment', 'auto', 'ci'],
    ['auto, with only a staging deployment', 'auto', 'versions'],
    ['forced to versions', 'versions', 'versions'],
  ] as const)('takes deployments from the source the settings say: %s', (_case, source, expected) => {
    const deployments = _case.includes('staging') ? [{ ...base.deployments![0]!, environment: 'staging' }] : base.deployments!;
    const report = computeKpiReport(exampleInput({ ...base, deployments, settings: { windowDays: 14, deploymentSource: source } }), new Date(base.now));
    expect(report.deploymentSource).toBe(expected);
    expect(report.deploymentSourceReason.length).toBeGreaterThan(20);
  });

  it('counts environments of the inventory’s production tier as production', () => {
    const input = { ...exampleInput({ ...base, deployments: [{ ...base.deployments![0]!, environment: 'EU-Live-1' }] }), inventoryProductionEnvironments: ['eu-live-1'] };
    expect(figure(computeKpiReport(input, new Date(base.now)), 'deployment-frequency').numerator.value).toBe(1);
  });

  it('says when the window reaches back before the synced history', () => {
    const input = { ...exampleInput(base), horizon: '2026-03-05' };
    expect(computeKpiReport(input, new Date(base.now)).notes.join(' ')).toContain('2026-03-05');
  });

  it.each([
    ['2026-03-15T12:00:00Z', 'UTC', '2026-03-09'],
    ['2026-03-16T00:30:00Z', 'UTC', '2026-03-16'],
    ['2026-03-15T23:30:00Z', 'Europe/Berlin', '2026-03-16'],
  ])('takes the week end of %s in %s as the Monday %s', (now, zone, monday) => {
    expect(weekEndOf(new Date(now), zone)).toBe(monday);
    expect(trendWeekEnds(new Date(now), zone, 3)).toEqual([addDays(monday, -14), addDays(monday, -7), monday]);
  });
});

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
