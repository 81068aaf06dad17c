/**
 * The KPI page section by section, from a hand-made week's report: every figure, link and sentence
 * a release manager reads is compared with the exact storage format Confluence stores.
 */
import type { KpiDrilldown, KpiFigure, KpiFigureId, KpiSettingsValues } from '../../../src/contract-kpis';
import { KPI_FIGURE_IDS } from '../../../src/contract-kpis';
import type { KpiReport, KpiSnapshot } from '../../../src/domain/kpis/report';
import { DEFAULT_KPI_SETTINGS } from '../../../src/domain/kpis/settings';
import { renderKpiPage, renderPortfolioPage } from '../../../src/domain/reports/kpi-page';
import { storageFormatProblem } from '../../../local/fake-confluence/storage-format';
import { lozenge } from './report-builders';

const JIRA = 'https://acme.atlassian.net';
const WINDOW = { from: '2026-02-23', to: '2026-03-09', days: 14, timeZone: 'Europe/Berlin' };
const SETTINGS: KpiSettingsValues = { ...DEFAULT_KPI_SETTINGS, timeZone: 'Europe/Berlin', windowDays: 14 };


const HEAD = '<tr><th>Figure</th><th>Value</th><th>Band / RAG</th><th>Computed from</th><th>Also</th><th>Notes</th></tr>';

function aFigure(overrides: Partial<KpiFigure> = {}): KpiFigure {
  return {
    id: 'lead-time',
    group: 'dora',
    title: 'Lead time for changes',
    value: 31.5,
    unit: 'hours',
    display: '31.5 h',
    statistic: 'median',
    numerator: { value: 12, label: 'issues deployed' },
    denominator: null,
    secondary: [],
    rag: 'green',
    window: WINDOW,
    definition: 'From work started to its production deployment.',
    notes: [],
    drilldownRows: 12,
    ...overrides,
  };
}

function aDrilldown(figureId: KpiFigureId, overrides: Partial<KpiDrilldown> = {}): KpiDrilldown {
  return { figureId, title: figureId, columns: [], rows: [], issueKeys: [], ...overrides };
}

function aReport(overrides: Partial<KpiReport> = {}, drilldowns: Partial<Record<KpiFigureId, Partial<KpiDrilldown>>> = {}): KpiReport {
  return {
    project: { id: '10000', key: 'SHOP', name: 'Web Shop' },
    asOf: '2026-03-08T23:00:00.000Z',
    window: WINDOW,
    deploymentSource: 'ci',
    deploymentSourceReason: 'Deployments come from the CI feed: it reported production deployments.',
    figures: [],
    drilldowns: Object.fromEntries(KPI_FIGURE_IDS.map((id) => [id, aDrilldown(id, drilldowns[id])])) as Record<KpiFigureId, KpiDrilldown>,
    notes: [],
    ...overrides,
  };
}

function aSnapshot(weekEnd: string, figures: KpiSnapshot['figures'], source: KpiSnapshot['source'] = 'weekly-run'): KpiSnapshot {
  return { weekEnd, source, computedAt: `${weekEnd}T00:00:00.000Z`, windowDays: 14, timeZone: 'Europe/Berlin', deploymentSource: 'ci', figures };
}

/** The page cut at its headings: the text before the first heading under '', each section under its heading. */
function sections(page: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of page.split(/(?=<h2>)/)) {
    const heading = /^<h2>(.*?)<\/h2>/.exec(part);
    out[heading ? (heading[1] as string) : ''] = heading ? part.slice(heading[0].length) : part;
  }
  return out;
}

const render = (report: KpiReport, trend: KpiSnapshot[] = [], settings = SETTINGS) => renderKpiPage(report, trend, settings, JIRA);

describe('the KPI page: the heading paragraphs', () => {
  it('links the project, states the window in its zone, why the deployments come from where they do, and every note', () => {
    const page = render(aReport({ notes: ['2 deployments without an environment were left out.', 'Versions <archived> are not counted.'] }));
    expect(sections(page)['']).toBe(
      '<p><a href="https://acme.atlassian.net/projects/SHOP">Web Shop (SHOP)</a>: the 14 days from 2026-02-23 to 2026-03-09 (exclusive), Europe/Berlin.</p>' +
        '<p>Deployments come from the CI feed: it reported production deployments.</p>' +
        '<p>2 deployments without an environment were left out.</p>' +
        '<p>Versions &lt;archived&gt; are not counted.</p>',
    );
  });
});

describe('the KPI page: a figure row', () => {
  it.each([
    ['a DORA band names the band', { band: { table: '2023' as const, level: 'high' as const, label: 'High', wording: '', rule: '' }, rag: 'green' as const }, lozenge('Green', 'HIGH')],
    ['a low band is red', { band: { table: '2023' as const, level: 'low' as const, label: 'Low', wording: '', rule: '' }, rag: 'red' as const }, lozenge('Red', 'LOW')],
    ['green without a band is good', { rag: 'green' as const }, lozenge('Green', 'GOOD')],
    ['amber without a band asks to watch', { rag: 'amber' as const }, lozenge('Yellow', 'WATCH')],
    ['red without a band asks to act', { rag: 'red' as const }, lozenge('Red', 'ACT')],
    ['a figure with nothing to judge is for information', { rag: 'neutral' as const }, lozenge('Grey', 'INFO')],
  ])('%s', (_case, judged, status) => {
    const page = render(aReport({ figures: [aFigure(judged)] }));
    expect(sections(page)['DORA']).toBe(
      `<table><tbody>${HEAD}<tr><td><strong>Lead time for changes</strong></td><td>31.5 h</td><td>${status}</td><td>12 issues deployed</td><td>–</td><td>median.</td></tr></tbody></table>`,
    );
  });

  it('shows what a figure was computed from, the other statistics, the percentile method and the notes', () => {
    const figure = aFigure({
      id: 'change-failure-rate',
      title: 'Change failure rate',
      value: 0.25,
      unit: 'percent',
      display: '25%',
      statistic: 'share',
      numerator: { value: 1, label: 'failed deployments' },
      denominator: { value: 4, label: 'production deployments' },
      secondary: [
        { label: 'p85', value: 40, display: '40 h' },
        { label: 'incidents <open>', value: 2, display: '2' },
      ],
      method: 'linear interpolation',
      notes: ['1 deployment had no environment.', 'Rollbacks count as failures.'],
      rag: 'amber',
    });
    const page = render(aReport({ figures: [figure] }));
    expect(sections(page)['DORA']).toBe(
      `<table><tbody>${HEAD}<tr><td><strong>Change failure rate</strong></td><td>25%</td><td>${lozenge('Yellow', 'WATCH')}</td>` +
        '<td>1 failed deployment / 4 production deployments</td>' +
        '<td>p85: 40 h; incidents &lt;open&gt;: 2</td>' +
        '<td>share (interpolated). 1 deployment had no environment. Rollbacks count as failures.</td></tr></tbody></table>',
    );
  });

  it('puts DORA figures under DORA and release figures under Releases, each in report order', () => {
    const page = render(
      aReport({
        figures: [
          aFigure({ id: 'on-time-delivery', group: 'release', title: 'On-time delivery', display: '50%', statistic: 'share' }),
          aFigure({ id: 'lead-time', title: 'Lead time' }),
          aFigure({ id: 'throughput', group: 'release', title: 'Throughput', display: '3 per week', statistic: 'rate' }),
        ],
      }),
    );
    const titles = (section: string | undefined) => [...(section ?? '').matchAll(/<strong>(.*?)<\/strong>/g)].map((m) => m[1]);
    expect(titles(sections(page)['DORA'])).toEqual(['Lead time']);
    expect(titles(sections(page)['Releases'])).toEqual(['On-time delivery', 'Throughput']);
  });

  it('shows empty tables, headed, when a group has no figures', () => {
    const page = sections(render(aReport()));
    expect(page['DORA']).toBe(`<table><tbody>${HEAD}</tbody></table>`);
    expect(page['Releases']).toBe(`<table><tbody>${HEAD}</tbody></table>`);
  });
});

describe('the KPI page: behind the figures', () => {
  const search = (keys: string) => `${JIRA}/issues/?jql=key%20in%20(${keys})%20ORDER%20BY%20key`;

  it('says in words that there is nothing behind a figure, with no link, when the window had nothing', () => {
    expect(sections(render(aReport()))['Behind the figures']).toBe(
      '<ul>' +
        '<li>Lead time: 0 issues deployed in the window</li>' +
        '<li>Change failure rate: 0 failed of 0 deployments; 0 incidents</li>' +
        '<li>Escaped defects: 0 bugs</li>' +
        '<li>Carry-over: 0 issues</li>' +
        '<li>Scope change: 0 issues added or removed</li>' +
        '<li>On-time delivery: no versions planned for the window</li>' +
        '</ul>',
    );
  });

  it('counts one of a kind in the singular', () => {
    const report = aReport(
      {},
      {
        'lead-time': { issueKeys: ['SHOP-1'] },
        'change-failure-rate': { rows: [{ deployment: 'deploy-42', failed: true, signals: 'incident SHOP-9' }], issueKeys: ['SHOP-9'] },
        'escaped-defects': { issueKeys: ['SHOP-20'] },
        'carry-over': { issueKeys: ['SHOP-30'] },
        'scope-change': { issueKeys: ['SHOP-40', 'SHOP-40'] },
        'on-time-delivery': { rows: [{ version: '10002|2.5', onTime: false, slip: 1 }] },
      },
    );
    expect(sections(render(report))['Behind the figures']).toBe(
      '<ul>' +
        `<li>Lead time: <a href="${search('SHOP-1')}">1 issue deployed in the window</a></li>` +
        `<li>Change failure rate: 1 failed of 1 deployment: deploy-42 (incident SHOP-9); <a href="${search('SHOP-9')}">1 incident</a></li>` +
        `<li>Escaped defects: <a href="${search('SHOP-20')}">1 bug</a></li>` +
        `<li>Carry-over: <a href="${search('SHOP-30')}">1 issue</a></li>` +
        `<li>Scope change: <a href="${search('SHOP-40')}">1 issue added or removed</a></li>` +
        `<li>On-time delivery: <a href="${JIRA}/projects/SHOP/versions/10002">2.5</a> (late by 1 day)</li>` +
        '</ul>',
    );
  });

  it('links each figure to a Jira search of its issues, the failed deployments with their signals and each version with how late it was', () => {
    const report = aReport(
      {},
      {
        'lead-time': { issueKeys: ['SHOP-1', 'SHOP-2'] },
        'change-failure-rate': {
          rows: [
            { deployment: 'deploy-41', failed: false, signals: '' },
            { deployment: 'deploy-42', failed: true, signals: 'rollback' },
            { deployment: 'deploy-43', failed: true, signals: 'incident SHOP-9' },
            { deployment: null, failed: null, signals: 'incident SHOP-10' },
          ],
          issueKeys: ['SHOP-9', 'SHOP-10'],
        },
        'escaped-defects': { issueKeys: ['SHOP-20'] },
        'carry-over': { issueKeys: ['SHOP-30', 'SHOP-31', 'SHOP-32'] },
        'scope-change': { issueKeys: ['SHOP-40', 'SHOP-40', 'SHOP-41'] },
        'on-time-delivery': {
          rows: [
            { version: '10001|2.4 <Spring>', onTime: true, slip: 0 },
            { version: '10002|2.5', onTime: false, slip: 3 },
            { version: '10003|2.6', onTime: null, slip: null },
          ],
        },
      },
    );
    expect(sections(render(report))['Behind the figures']).toBe(
      '<ul>' +
        `<li>Lead time: <a href="${search('SHOP-1%2C%20SHOP-2')}">2 issues deployed in the window</a></li>` +
        `<li>Change failure rate: 2 failed of 3 deployments: deploy-42 (rollback); deploy-43 (incident SHOP-9); <a href="${search('SHOP-9%2C%20SHOP-10')}">2 incidents</a></li>` +
        `<li>Escaped defects: <a href="${search('SHOP-20')}">1 bug</a></li>` +
        `<li>Carry-over: <a href="${search('SHOP-30%2C%20SHOP-31%2C%20SHOP-32')}">3 issues</a></li>` +
        `<li>Scope change: <a href="${search('SHOP-40%2C%20SHOP-41')}">2 issues added or removed</a></li>` +
        '<li>On-time delivery: ' +
        `<a href="${JIRA}/projects/SHOP/versions/10001">2.4 &lt;Spring&gt;</a> (on time), ` +
        `<a href="${JIRA}/projects/SHOP/versions/10002">2.5</a> (late by 3 days), ` +
        `<a href="${JIRA}/projects/SHOP/versions/10003">2.6</a> (not measurable)</li>` +
        '</ul>',
    );
  });

  it('keeps a search link short: the first 100 distinct issues, and says so', () => {
    const keys = Array.from({ length: 120 }, (_, i) => `SHOP-${i + 1}`);
    const behind = sections(render(aReport({}, { 'lead-time': { issueKeys: [...keys, 'SHOP-1'] } })))['Behind the figures'] ?? '';
    const first = /<li>Lead time: (.*?)<\/li>/.exec(behind)?.[1];
    expect(first).toBe(`<a href="${search(keys.slice(0, 100).join('%2C%20'))}">121 issues deployed in the window</a> (the link shows the first 100)`);
  });

  it('does not say so when every issue fits in the link', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `SHOP-${i + 1}`);
    const behind = sections(render(aReport({}, { 'lead-time': { issueKeys: keys } })))['Behind the figures'] ?? '';
    expect(/<li>Lead time: (.*?)<\/li>/.exec(behind)?.[1]).toBe(`<a href="${search(keys.join('%2C%20'))}">100 issues deployed in the window</a>`);
  });

  it('keeps a version name that holds a bar whole', () => {
    const behind = sections(render(aReport({}, { 'on-time-delivery': { rows: [{ version: '10004|Web | Mobile 1.0', onTime: true, slip: 0 }] } })))['Behind the figures'] ?? '';
    expect(behind).toContain(`<li>On-time delivery: <a href="${JIRA}/projects/SHOP/versions/10004">Web | Mobile 1.0</a> (on time)</li>`);
  });
});

describe('the KPI page: trends', () => {
  const chart = (title: string, weekEnds: string[], series: string, values: string[]) =>
    '<ac:structured-macro ac:name="chart">' +
    '<ac:parameter ac:name="type">line</ac:parameter>' +
    `<ac:parameter ac:name="title">${title}</ac:parameter>` +
    '<ac:parameter ac:name="width">600</ac:parameter>' +
    '<ac:parameter ac:name="height">250</ac:parameter>' +
    '<ac:parameter ac:name="showShapes">true</ac:parameter>' +
    `<ac:rich-text-body><table><tbody><tr><th>Week ending</th>${weekEnds.map((w) => `<th>${w}</th>`).join('')}</tr>` +
    `<tr><td>${series}</td>${values.map((v) => `<td>${v}</td>`).join('')}</tr></tbody></table></ac:rich-text-body>` +
    '</ac:structured-macro>';

  const charts = (page: string) => (sections(page)['Trends'] ?? '').match(/<ac:structured-macro ac:name="chart">.*?<\/ac:structured-macro>/g) ?? [];

  it('draws one line chart per trended figure, one point per week, shares as percentages and weeks without a value as gaps', () => {
    const figures: KpiFigure[] = [
      aFigure({ id: 'deployment-frequency', title: 'Deployment frequency', unit: 'per-week' }),
      aFigure({ id: 'lead-time', title: 'Lead time', unit: 'hours' }),
      aFigure({ id: 'change-failure-rate', title: 'Change failure rate', unit: 'percent' }),
      aFigure({ id: 'recovery-time', title: 'Recovery <time>', unit: 'hours' }),
      aFigure({ id: 'on-time-delivery', group: 'release', title: 'On-time delivery', unit: 'percent' }),
      aFigure({ id: 'cycle-time', group: 'release', title: 'Cycle time', unit: 'days' }),
      aFigure({ id: 'throughput', group: 'release', title: 'Throughput', unit: 'count' }),
      aFigure({ id: 'escaped-defects', group: 'release', title: 'Escaped defects', unit: 'per-release' }),
    ];
    const v = (value: number | null) => ({ value, numerator: 0, denominator: null });
    const trend = [
      aSnapshot('2026-03-02', { 'deployment-frequency': v(3.456), 'lead-time': v(30), 'change-failure-rate': v(0.125), 'recovery-time': v(null), 'on-time-delivery': v(0.5), 'cycle-time': v(4.25), throughput: v(7), 'escaped-defects': v(0.333) }),
      aSnapshot('2026-03-09', { 'deployment-frequency': v(4), 'change-failure-rate': v(0), 'on-time-delivery': v(1) }),
    ];
    const weeks = ['2026-03-02', '2026-03-09'];
    const section = sections(render(aReport({ figures }), trend))['Trends'];
    expect(section).toBe(
      '<p>One point per week: the figure for the 14 days ending that Monday.</p>' +
        [
      chart('Deployment frequency (per week)', weeks, 'Deployment frequency', ['3.46', '4']),
      chart('Lead time (hours)', weeks, 'Lead time', ['30', '']),
      chart('Change failure rate (%)', weeks, 'Change failure rate', ['12.50', '0']),
      chart('Recovery &lt;time&gt; (hours)', weeks, 'Recovery &lt;time&gt;', ['', '']),
      chart('On-time delivery (%)', weeks, 'On-time delivery', ['50', '100']),
      chart('Cycle time (days)', weeks, 'Cycle time', ['4.25', '']),
      chart('Throughput', weeks, 'Throughput', ['7', '']),
      chart('Escaped defects (per release)', weeks, 'Escaped defects', ['0.33', '']),
        ].join(''),
    );
  });

  it('names a trended figure the report lacks by its id, without a unit', () => {
    expect(charts(render(aReport(), [aSnapshot('2026-03-09', {})]))[0]).toBe(chart('deployment-frequency', ['2026-03-09'], 'deployment-frequency', ['']));
  });

  it.each([
    ['every point a weekly run', ['weekly-run', 'weekly-run', 'weekly-run'] as const, 'One point per week: the figure for the 14 days ending that Monday.'],
    [
      'points recomputed for weeks without a snapshot',
      ['recomputed', 'weekly-run', 'recomputed'] as const,
      'One point per week: the figure for the 14 days ending that Monday. 2 of 3 points were recomputed from the synced history (no snapshot was kept that week).',
    ],
  ])('explains the points: %s', (_case, sources, sentence) => {
    const trend = sources.map((source, i) => aSnapshot(`2026-02-${String(16 + i * 7).padStart(2, '0')}`, {}, source));
    expect(sections(render(aReport(), trend))['Trends']?.startsWith(`<p>${sentence}</p><ac:structured-macro`)).toBe(true);
  });
});

describe('the KPI page: how these are computed', () => {
  const items = (settings: KpiSettingsValues) => {
    const list = sections(render(aReport(), [], settings))['How these are computed'] ?? '';
    expect(list.startsWith('<ul><li>') && list.endsWith('</li></ul>')).toBe(true);
    return list.slice('<ul><li>'.length, -'</li></ul>'.length).split('</li><li>');
  };

  it('states the default settings in words', () => {
    expect(items(SETTINGS)).toEqual([
      "Window: 14 whole days ending at the start of the week&#39;s Monday, days in Europe/Berlin.",
      'Medians and 85th percentiles: linear interpolation between the closest ranks (Excel PERCENTILE.INC, numpy default).',
      'DORA bands: the 2023 State of DevOps table; deployment frequency counts deployments.',
      'Change failure rate: failed deployments per production deployment; signals failed-status, rollback, hotfix, incident; attributed within 168 h.',
      'Recovery: from detection to the incident resolved; an open incident is not recovered.',
      'Production environments: production, prod, prd, live (and inventory environments of the production tier).',
    ]);
  });

  it('states the other choices in words', () => {
    const settings: KpiSettingsValues = {
      ...SETTINGS,
      timeZone: 'America/New_York',
      windowDays: 28,
      percentileMethod: 'nearest-rank',
      doraTable: '2021',
      frequencyCounts: 'deployment-days',
      cfrNumerator: 'incidents',
      failureSignals: ['incident'],
      failureWindowHours: 48,
      recoveryStart: 'deployment',
      recoveryEnd: 'fix-deployed',
      productionEnvironments: ['prod-eu'],
    };
    expect(items(settings)).toEqual([
      "Window: 28 whole days ending at the start of the week&#39;s Monday, days in America/New_York.",
      'Medians and 85th percentiles: nearest rank: the ⌈p·n⌉-th smallest value (for the median of an even count: the lower middle value).',
      'DORA bands: the 2021 State of DevOps table; deployment frequency counts days with a deployment.',
      'Change failure rate: incidents per production deployment; signals incident; attributed within 48 h.',
      'Recovery: from the deployment to the first deployment after the incident was resolved; an open incident is not recovered.',
      'Production environments: prod-eu (and inventory environments of the production tier).',
    ]);
  });
});

describe('the KPI page as Confluence parses it', () => {
  it('is well-formed storage format with every section filled', () => {
    const report = aReport(
      { figures: [aFigure({ title: 'Lead <time> & "more"', secondary: [{ label: 'p85', value: 1, display: '1 h' }], notes: ['x < y'] })], notes: ['A & B'] },
      { 'lead-time': { issueKeys: ['SHOP-1'] }, 'on-time-delivery': { rows: [{ version: '1|v<1>', onTime: false, slip: 2 }] } },
    );
    expect(storageFormatProblem(render(report, [aSnapshot('2026-03-09', { 'lead-time': { value: 2, numerator: 1, denominator: null } })]))).toBeUndefined();
  });
});

describe('the KPI portfolio page', () => {
  const v = (value: number | null) => ({ value, numerator: 0, denominator: null });

  it('shows each project’s week side by side with its band or RAG, a dash where a project has no figure', () => {
    const shop = aSnapshot('2026-03-09', {
      'deployment-frequency': v(10.5),
      'lead-time': v(30),
      'change-failure-rate': v(0.125),
      'recovery-time': v(400),
      'on-time-delivery': v(0.5),
      'escaped-defects': v(0.25),
      'cycle-time': v(4.25),
      throughput: v(null),
    });
    const page = renderPortfolioPage(
      [
        { project: { key: 'SHOP', name: 'Web <Shop>' }, snapshot: shop },
        { project: { key: 'PAY', name: 'Payments' }, snapshot: aSnapshot('2026-03-09', { 'on-time-delivery': v(0.1) }) },
        { project: { key: 'OPS', name: 'Operations' } },
      ],
      SETTINGS,
      '2026-03-09',
      JIRA,
    );
    const [intro, rest] = page.split('<h2>How these are computed</h2>');
    const head =
      '<tr><th>Project</th><th>Deployments / week</th><th>Lead time (median)</th><th>Change failure rate</th><th>Recovery (median)</th><th>On time</th><th>Escaped defects / release</th><th>Cycle time (median)</th><th>Throughput / week</th></tr>';
    expect(intro).toBe(
      '<p>Week ending 2026-03-09: each project&#39;s figures for the 14 days before that Monday (Europe/Berlin). Each project has its own page with the definitions, trends and the issues behind the figures.</p>' +
        `<table><tbody>${head}` +
        `<tr><td><a href="${JIRA}/projects/SHOP">Web &lt;Shop&gt; (SHOP)</a></td>` +
        `<td>10.50 ${lozenge('Green', 'ELITE')}</td>` +
        `<td>30 h ${lozenge('Green', 'HIGH')}</td>` +
        `<td>12.5% ${lozenge('Yellow', 'MEDIUM')}</td>` +
        `<td>16.7 days ${lozenge('Red', 'LOW')}</td>` +
        `<td>50% ${lozenge('Yellow', 'WATCH')}</td>` +
        `<td>0.3 ${lozenge('Green', 'GOOD')}</td>` +
        `<td>4.3 days ${lozenge('Grey', 'INFO')}</td>` +
        '<td>–</td></tr>' +
        `<tr><td><a href="${JIRA}/projects/PAY">Payments (PAY)</a></td><td>–</td><td>–</td><td>–</td><td>–</td><td>10% ${lozenge('Red', 'ACT')}</td><td>–</td><td>–</td><td>–</td></tr>` +
        `<tr><td><a href="${JIRA}/projects/OPS">Operations (OPS)</a></td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td><td>–</td></tr>` +
        '</tbody></table>',
    );
    expect(rest).toMatch(/^<ul><li>Window: 14 whole days .*<\/li><\/ul>$/);
  });
});
