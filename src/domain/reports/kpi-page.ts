/**
 * The weekly KPI pages in Confluence storage format: one per project and a portfolio page. Tables of
 * figures with what they were computed from, status macros for bands and RAG, chart macros for the
 * trends, and links back to Jira for what is behind each figure. The body carries no timestamp:
 * a week without changes renders the same page, and the publisher leaves it alone.
 */
import type { KpiFigure, KpiFigureId, KpiRag, KpiSettingsValues, KpiUnit } from '../../contract-kpis';
import { countWithLabel, formatDays, formatHours, formatNumber, formatShare } from '../kpis/format';
import { judge } from '../kpis/rag';
import type { KpiReport, KpiSnapshot } from '../kpis/report';
import { TRENDED } from '../kpis/report';
import { PERCENTILE_METHOD_LABELS } from '../kpis/stats';
import { readVersionCell } from '../kpis/version-cell';
import { type StatusColour, escapeXml, link, statusMacro, table } from './storage-format';

export function kpiPageTitle(project: { key: string; name: string }): string {
  return `Delivery KPIs: ${project.name} (${project.key})`;
}

export const KPI_PORTFOLIO_TITLE = 'Delivery KPIs: portfolio';

const COLOURS: Record<KpiRag, StatusColour> = { green: 'Green', amber: 'Yellow', red: 'Red', neutral: 'Grey' };

function figureStatus(figure: Pick<KpiFigure, 'band' | 'rag'>): string {
  const label = figure.band ? figure.band.label.toUpperCase() : figure.rag === 'neutral' ? 'INFO' : figure.rag === 'green' ? 'GOOD' : figure.rag === 'amber' ? 'WATCH' : 'ACT';
  return statusMacro(COLOURS[figure.rag], label);
}

/** At most this many issue keys go into one Jira search link (URLs must stay short). */
const MAX_LINK_KEYS = 100;

function issuesLink(jiraBaseUrl: string, keys: string[], text: string): string {
  if (!keys.length) return escapeXml(text);
  const unique = [...new Set(keys)];
  const shown = unique.slice(0, MAX_LINK_KEYS);
  const jql = `key in (${shown.join(', ')}) ORDER BY key`;
  const more = unique.length > shown.length ? ` (the link shows the first ${shown.length})` : '';
  return `${link(`${jiraBaseUrl}/issues/?jql=${encodeURIComponent(jql)}`, text)}${escapeXml(more)}`;
}

function counts(figure: KpiFigure): string {
  const numerator = countWithLabel(figure.numerator.value, figure.numerator.label);
  return escapeXml(figure.denominator ? `${numerator} / ${countWithLabel(figure.denominator.value, figure.denominator.label)}` : numerator);
}

function secondary(figure: KpiFigure): string {
  return escapeXml(figure.secondary.map((s) => `${s.label}: ${s.display}`).join('; ') || '–');
}

/** Figures that are shares (0–1): their trend points are drawn as percentages. */
const SHARES: ReadonlySet<KpiFigureId> = new Set(['change-failure-rate', 'on-time-delivery', 'readiness', 'scope-change', 'carry-over']);

function displayOf(id: KpiFigureId, value: number | null): string {
  if (value === null) return '';
  return formatNumber(SHARES.has(id) ? value * 100 : value, 2);
}

/** A chart's unit in its title; counts and figures the report lacks go without one. */
const UNIT_WORDS: Partial<Record<KpiUnit, string>> = { 'per-week': 'per week', hours: 'hours', days: 'days', percent: '%', 'per-release': 'per release' };

function chart(title: string, weekEnds: string[], series: string, values: Array<string>): string {
  const head = `<tr><th>Week ending</th>${weekEnds.map((w) => `<th>${escapeXml(w)}</th>`).join('')}</tr>`;
  const row = `<tr><td>${escapeXml(series)}</td>${values.map((v) => `<td>${escapeXml(v)}</td>`).join('')}</tr>`;
  return (
    '<ac:structured-macro ac:name="chart">' +
    '<ac:parameter ac:name="type">line</ac:parameter>' +
    `<ac:parameter ac:name="title">${escapeXml(title)}</ac:parameter>` +
    '<ac:parameter ac:name="width">600</ac:parameter>' +
    '<ac:parameter ac:name="height">250</ac:parameter>' +
    '<ac:parameter ac:name="showShapes">true</ac:parameter>' +
    `<ac:rich-text-body><table><tbody>${head}${row}</tbody></table></ac:rich-text-body>` +
    '</ac:structured-macro>'
  );
}

function definitions(settings: KpiSettingsValues): string {
  const items = [
    `Window: ${settings.windowDays} whole days ending at the start of the week's Monday, days in ${settings.timeZone}.`,
    `Medians and 85th percentiles: ${PERCENTILE_METHOD_LABELS[settings.percentileMethod]}.`,
    `DORA bands: the ${settings.doraTable} State of DevOps table; deployment frequency counts ${settings.frequencyCounts === 'deployments' ? 'deployments' : 'days with a deployment'}.`,
    `Change failure rate: ${settings.cfrNumerator === 'failed-deployments' ? 'failed deployments' : 'incidents'} per production deployment; signals ${settings.failureSignals.join(', ')}; attributed within ${settings.failureWindowHours} h.`,
    `Recovery: from ${settings.recoveryStart === 'detected' ? 'detection' : 'the deployment'} to ${settings.recoveryEnd === 'incident-resolved' ? 'the incident resolved' : 'the first deployment after the incident was resolved'}; an open incident is not recovered.`,
    `Production environments: ${settings.productionEnvironments.join(', ')} (and inventory environments of the production tier).`,
  ];
  return `<ul>${items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</ul>`;
}

/**
 * One project's page: `report` is the week's report (window ending this week's Monday) and
 * `trend` one snapshot per week, oldest first.
 */
export function renderKpiPage(report: KpiReport, trend: KpiSnapshot[], settings: KpiSettingsValues, jiraBaseUrl: string): string {
  const { project, window } = report;
  const figureRow = (f: KpiFigure) => [
    `<strong>${escapeXml(f.title)}</strong>`,
    escapeXml(f.display),
    figureStatus(f),
    counts(f),
    secondary(f),
    escapeXml([`${f.method ? `${f.statistic} (${settings.percentileMethod})` : f.statistic}.`, ...f.notes].join(' ')),
  ];
  const head = ['Figure', 'Value', 'Band / RAG', 'Computed from', 'Also', 'Notes'];
  const dora = report.figures.filter((f) => f.group === 'dora');
  const release = report.figures.filter((f) => f.group === 'release');
  const drill = (id: KpiFigureId) => report.drilldowns[id];

  const behind: string[] = [];
  const lt = drill('lead-time');
  behind.push(`<li>Lead time: ${issuesLink(jiraBaseUrl, lt.issueKeys, countWithLabel(lt.issueKeys.length, 'issues deployed in the window'))}</li>`);
  const cfr = drill('change-failure-rate');
  const failed = cfr.rows.filter((r) => r.failed === true);
  behind.push(
    `<li>Change failure rate: ${failed.length} failed of ${countWithLabel(cfr.rows.filter((r) => r.deployment !== null).length, 'deployments')}${failed.length ? `: ${escapeXml(failed.map((r) => `${String(r.deployment)} (${String(r.signals)})`).join('; '))}` : ''}; ${issuesLink(jiraBaseUrl, cfr.issueKeys, countWithLabel(cfr.issueKeys.length, 'incidents'))}</li>`,
  );
  const escaped = drill('escaped-defects');
  behind.push(`<li>Escaped defects: ${issuesLink(jiraBaseUrl, escaped.issueKeys, countWithLabel(escaped.issueKeys.length, 'bugs'))}</li>`);
  const carried = drill('carry-over');
  behind.push(`<li>Carry-over: ${issuesLink(jiraBaseUrl, carried.issueKeys, countWithLabel(carried.issueKeys.length, 'issues'))}</li>`);
  const scope = drill('scope-change');
  behind.push(`<li>Scope change: ${issuesLink(jiraBaseUrl, scope.issueKeys, countWithLabel(new Set(scope.issueKeys).size, 'issues added or removed'))}</li>`);
  const onTime = drill('on-time-delivery');
  const versionLinks = onTime.rows.map((r) => {
    const { id, name } = readVersionCell(String(r.version));
    const state = r.onTime === true ? 'on time' : r.onTime === false ? `late by ${countWithLabel(Number(r.slip), 'days')}` : 'not measurable';
    return `${link(`${jiraBaseUrl}/projects/${project.key}/versions/${id}`, name)} (${escapeXml(state)})`;
  });
  behind.push(`<li>On-time delivery: ${versionLinks.join(', ') || 'no versions planned for the window'}</li>`);

  const weekEnds = trend.map((s) => s.weekEnd);
  const charts = TRENDED.map((id) => {
    const figure = report.figures.find((f) => f.id === id);
    const unit = figure && UNIT_WORDS[figure.unit];
    return chart(`${figure?.title ?? id}${unit ? ` (${unit})` : ''}`, weekEnds, figure?.title ?? id, trend.map((s) => displayOf(id, s.figures[id]?.value ?? null)));
  }).join('');
  const recomputed = trend.filter((s) => s.source === 'recomputed').length;

  return [
    `<p>${link(`${jiraBaseUrl}/projects/${project.key}`, `${project.name} (${project.key})`)}: the ${window.days} days from ${escapeXml(window.from)} to ${escapeXml(window.to)} (exclusive), ${escapeXml(window.timeZone)}.</p>`,
    `<p>${escapeXml(report.deploymentSourceReason)}</p>`,
    ...report.notes.map((n) => `<p>${escapeXml(n)}</p>`),
    '<h2>DORA</h2>',
    table(head, dora.map(figureRow)),
    '<h2>Releases</h2>',
    table(head, release.map(figureRow)),
    '<h2>Trends</h2>',
    `<p>${escapeXml(`One point per week: the figure for the ${window.days} days ending that Monday.${recomputed ? ` ${recomputed} of ${trend.length} points were recomputed from the synced history (no snapshot was kept that week).` : ''}`)}</p>`,
    charts,
    '<h2>Behind the figures</h2>',
    `<ul>${behind.join('')}</ul>`,
    '<h2>How these are computed</h2>',
    definitions(settings),
  ].join('');
}

export interface PortfolioRow {
  project: { key: string; name: string };
  snapshot?: KpiSnapshot;
}

const PORTFOLIO_FIGURES: Array<{ id: KpiFigureId; label: string; show: (v: number) => string }> = [
  { id: 'deployment-frequency', label: 'Deployments / week', show: (v) => formatNumber(v, 2) },
  { id: 'lead-time', label: 'Lead time (median)', show: (v) => formatHours(v) },
  { id: 'change-failure-rate', label: 'Change failure rate', show: (v) => formatShare(v) },
  { id: 'recovery-time', label: 'Recovery (median)', show: (v) => formatHours(v) },
  { id: 'on-time-delivery', label: 'On time', show: (v) => formatShare(v) },
  { id: 'escaped-defects', label: 'Escaped defects / release', show: (v) => formatNumber(v, 1) },
  { id: 'cycle-time', label: 'Cycle time (median)', show: (v) => formatDays(v) },
  { id: 'throughput', label: 'Throughput / week', show: (v) => formatNumber(v, 1) },
];

/** The portfolio page: every project's figures of the week, side by side, each with its colour. */
export function renderPortfolioPage(rows: PortfolioRow[], settings: KpiSettingsValues, weekEnd: string, jiraBaseUrl: string): string {
  const head = ['Project', ...PORTFOLIO_FIGURES.map((f) => f.label)];
  const body = rows.map(({ project, snapshot }) => [
    link(`${jiraBaseUrl}/projects/${project.key}`, `${project.name} (${project.key})`),
    ...PORTFOLIO_FIGURES.map(({ id, show }) => {
      const value = snapshot?.figures[id]?.value ?? null;
      if (value === null) return '–';
      return `${escapeXml(show(value))} ${figureStatus(judge(id, value, settings))}`;
    }),
  ]);
  return [
    `<p>${escapeXml(`Week ending ${weekEnd}: each project's figures for the ${settings.windowDays} days before that Monday (${settings.timeZone}). Each project has its own page with the definitions, trends and the issues behind the figures.`)}</p>`,
    table(head, body),
    '<h2>How these are computed</h2>',
    definitions(settings),
  ].join('');
}
