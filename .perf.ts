import { generateSyntheticDataset } from './local/fake-jira';
import { demoDeployments } from './local/kpi-demo-deployments';
import { datasetFacts } from './test/support/kpi';
import { prepare } from './src/domain/kpis/model';
import { completeSnapshots, reportFrom, trendWeekEnds } from './src/domain/kpis/report';
import { DEFAULT_KPI_SETTINGS } from './src/domain/kpis/settings';
const now = new Date('2026-11-25T10:00:00Z');
const ds = generateSyntheticDataset(new Date('2026-11-24T10:00:00Z'), { issueCount: 50000, versionCount: 300, projectKey: 'BIG' });
const facts = datasetFacts(ds, 'BIG');
const deps = demoDeployments(ds, { projectKey: 'BIG', days: 365, perDay: 4, max: 2000 });
console.log('deployments', deps.length, deps.filter(d=>d.environment==='production').length);
const input = { project: { id: '10000', key: 'BIG', name: 'Big' }, settings: { ...DEFAULT_KPI_SETTINGS, timeZone: process.argv[2] ?? 'UTC' }, facts, dictionaries: { issueTypes: Object.fromEntries(ds.issueTypes.map((t) => [t.id, { name: t.name, subtask: t.subtask }])), resolutions: Object.fromEntries(ds.resolutions.map((r) => [r.id, r.name])) }, versions: ds.versions.map((v) => ({ id: v.id, name: v.name, startDate: v.startDate, releaseDate: v.releaseDate, released: v.released, history: [] })), deployments: deps.map((d) => ({ id: d.deploymentId, environment: d.environment, status: d.status, at: d.deployedAt, version: d.version, issueKeys: d.issueKeys, isRollback: d.isRollback })) };
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const p = prepare(input as never);
  const tp = performance.now() - t; t = performance.now();
  const r = reportFrom(p, now);
  const tr = performance.now() - t; t = performance.now();
  completeSnapshots(p, trendWeekEnds(now, p.tz, 12), [], now);
  const tt = performance.now() - t;
  console.log({ prepare: tp.toFixed(0), report: tr.toFixed(0), trend: tt.toFixed(0) }, r.figures.map(f => `${f.id}=${f.display}`).join(' '));
}
import * as dora from './src/domain/kpis/dora';
import * as rel from './src/domain/kpis/release';
import { windowBounds } from './src/domain/kpis/model';
{
  const p = prepare(input as never);
  const w = windowBounds(now, p.settings);
  for (const [name, fn] of Object.entries({ df: dora.deploymentFrequency, lt: dora.leadTime, cfr: dora.changeFailureRate, rec: dora.recoveryTime, ot: rel.onTimeDelivery, rd: rel.readiness, sc: rel.scopeChange, co: rel.carryOver, ed: rel.escapedDefects, ct: rel.cycleTime, tp: rel.throughput })) {
    const t = performance.now();
    for (let i = 0; i < 3; i++) (fn as (a: unknown, b: unknown) => unknown)(p, w);
    console.log(name, ((performance.now() - t) / 3).toFixed(1), 'ms');
  }
}
