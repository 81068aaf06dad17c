import { KPI_PORTFOLIO_TITLE, kpiPageTitle, renderKpiPage, renderPortfolioPage } from '../../../src/domain/reports/kpi-page';
import { completeSnapshots, computeKpiReport, snapshotInstant, snapshotOf, trendWeekEnds } from '../../../src/domain/kpis/report';
import { foldFacts } from '../../../src/domain/kpis/fact-digest';
import { prepare } from '../../../src/domain/kpis/model';
import { exampleInput, type KpiExample } from '../kpis/kpi-example';

const NOW = new Date('2026-03-16T12:00:00Z');
const example: KpiExample = {
  name: 'page',
  now: NOW.toISOString(),
  settings: { windowDays: 14 },
  issues: [
    { key: 'P-1', type: 'Story', created: '2026-03-01T00:00:00Z', started: '2026-03-02T00:00:00Z', resolved: '2026-03-03T00:00:00Z', resolution: 'Done' },
    { key: 'P-2', type: 'Incident', created: '2026-03-04T12:00:00Z', resolved: '2026-03-04T14:00:00Z', resolution: 'Done' },
  ],
  versions: [{ id: '7', name: 'Shop <2.0> & more', startDate: '2026-03-01', releaseDate: '2026-03-05', released: true }],
  deployments: [{ id: 'd1', environment: 'production', status: 'successful', at: '2026-03-04T10:00:00Z', issueKeys: ['P-1'] }],
  expect: {},
};

describe('the KPI page in storage format', () => {
  const input = { ...exampleInput(example), project: { id: '1', key: 'SHOP', name: 'Web <Shop>' } };
  const report = computeKpiReport(input, new Date('2026-03-16T00:00:00Z'));
  const weekEnds = trendWeekEnds(NOW, 'UTC', 4);
  const trend = completeSnapshots(foldFacts(prepare(input), input.facts, [], weekEnds.map((w) => snapshotInstant(w, 'UTC'))), weekEnds, [], NOW);

  it('shows each figure with its band as a status macro, trends as chart macros, and links to the issues in Jira', () => {
    const page = renderKpiPage(report, trend, input.settings, 'https://acme.atlassian.net');
    expect(page).toContain('<ac:parameter ac:name="title">HIGH</ac:parameter>');
    expect(page.match(/ac:name="chart"/g)).toHaveLength(8);
    expect(page).toContain('https://acme.atlassian.net/issues/?jql=key%20in%20(P-1)%20ORDER%20BY%20key');
    expect(page).toContain('Web &lt;Shop&gt; (SHOP)');
    expect(page).toContain('1 production deployment / 14 days in the window');
    expect(page).not.toMatch(/<Shop>/);
  });

  it('renders the same bytes for the same data (no timestamps), so an unchanged week is not rewritten', () => {
    expect(renderKpiPage(report, trend, input.settings, 'x')).toBe(renderKpiPage(report, trend, input.settings, 'x'));
  });

  it('titles pages by project, and lists every project on the portfolio page', () => {
    expect(kpiPageTitle({ key: 'SHOP', name: 'Web Shop' })).toBe('Delivery KPIs: Web Shop (SHOP)');
    const snapshot = snapshotOf(report, '2026-03-16', 'weekly-run', NOW, 14);
    const page = renderPortfolioPage([{ project: { key: 'SHOP', name: 'Web Shop' }, snapshot }, { project: { key: 'PAY', name: 'Payments' } }], input.settings, '2026-03-16', 'https://x');
    expect(KPI_PORTFOLIO_TITLE).toBe('Delivery KPIs: portfolio');
    expect(page).toContain('Web Shop (SHOP)');
    expect(page).toContain('Payments (PAY)');
    expect(page).toContain('ac:name="status"');
  });
});
