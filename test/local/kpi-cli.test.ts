import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeDatasetKpis, DEPLOYMENTS_FILE_NAME, VERSION_HISTORY_FILE_NAME } from '../../local/kpi-cli';
import { demoDeployments } from '../../local/kpi-demo-deployments';
import { DATASET_FILE_NAME, generateDemoDataset, saveDatasetFile } from '../../local/fake-jira';
import { versionsFromHistory } from '../../src/app/kpi-data';
import { prepare } from '../../src/domain/kpis/model';
import { reportFrom } from '../../src/domain/kpis/report';
import { DEFAULT_KPI_SETTINGS, withZone } from '../../src/domain/kpis/settings';
import { recordObservation, type ProjectVersionHistory } from '../../src/domain/versions/version-history';
import { DEMO_NOW } from '../support/demo-site';
import { datasetFacts } from '../support/kpi';

let dir: string;
const dataset = generateDemoDataset(DEMO_NOW, 1);
const deployments = demoDeployments(dataset, { projectKey: 'SHOP' });
const overdue = dataset.versions.find((v) => v.name === 'SHOP 2.3.1')!;
const history = [{ versionId: overdue.id, releaseDate: '2026-11-13', released: false, observedAt: '2026-10-26T09:00:00Z', source: 'event' }];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-dataset-'));
  saveDatasetFile(join(dir, DATASET_FILE_NAME), dataset);
  writeFileSync(join(dir, DEPLOYMENTS_FILE_NAME), JSON.stringify(deployments));
  writeFileSync(join(dir, VERSION_HISTORY_FILE_NAME), JSON.stringify(history));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run kpi', () => {
  it('computes, through the app’s sync and engine, exactly the report the dataset’s own facts give', async () => {
    const result = await computeDatasetKpis({ dataset: dir, now: DEMO_NOW, project: 'SHOP' });
    const shop = dataset.projects.find((p) => p.key === 'SHOP')!;
    const [computed] = result.projects;
    expect(result.deploymentEvents).toBe(deployments.length);
    expect(computed!.deploymentSource).toBe('ci');

    // The same figures, computed without the fake Jira, the sync or the store.
    let versionHistory: ProjectVersionHistory = { projectId: shop.id, versions: {} };
    const observe = (v: (typeof dataset.versions)[number], at: string, releaseDate = v.releaseDate ?? null, source: 'event' | 'reconciliation' = 'reconciliation') =>
      (versionHistory = recordObservation(versionHistory, { versionId: v.id, name: v.name, startDate: v.startDate ?? null, releaseDate, released: v.released, observedAt: at, source }).history);
    observe(overdue, history[0]!.observedAt, '2026-11-13', 'event');
    for (const v of dataset.versions.filter((x) => x.projectId === shop.id)) observe(v, DEMO_NOW.toISOString());
    const expected = reportFrom(
      prepare({
        project: { id: shop.id, key: 'SHOP', name: shop.name },
        // The demo site reports UTC as its zone, so the project's days are UTC days.
        settings: withZone(DEFAULT_KPI_SETTINGS, 'UTC'),
        facts: datasetFacts(dataset, 'SHOP'),
        dictionaries: { issueTypes: Object.fromEntries(dataset.issueTypes.map((t) => [t.id, { name: t.name, subtask: t.subtask }])), resolutions: Object.fromEntries(dataset.resolutions.map((r) => [r.id, r.name])) },
        versions: versionsFromHistory(versionHistory),
        deployments: deployments.map((d) => ({ id: d.deploymentId, environment: d.environment, status: d.status, at: new Date(d.deployedAt).toISOString(), ...(d.version ? { version: d.version } : {}), ...(d.issueKeys ? { issueKeys: d.issueKeys } : {}), ...(d.isRollback ? { isRollback: true } : {}) })),
      }),
      DEMO_NOW,
    );
    expect(computed!.figures).toEqual(expected.figures);
    // The recorded plan makes the overdue hotfix measurable: due 13 Nov, not released: late.
    expect(computed!.figures.find((f) => f.id === 'on-time-delivery')).toMatchObject({ numerator: { value: 0 }, denominator: { value: 1 } });
  }, 30_000);

  it('prints the same figures as JSON from the command line', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/kpi-cli.ts', '--dataset', dir, '--now', DEMO_NOW.toISOString(), '--json', '--project', 'PAY'], { encoding: 'utf8', cwd: join(__dirname, '../..') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as { projects: Array<{ project: { key: string }; figures: Array<{ id: string; numerator: { value: number } }>; sync: { issuesStored: number } }> };
    expect(json.projects.map((p) => p.project.key)).toEqual(['PAY']);
    expect(json.projects[0]!.sync.issuesStored).toBe(dataset.issues.filter((i) => i.projectId === dataset.projects.find((p) => p.key === 'PAY')!.id).length);
    expect(json.projects[0]!.figures).toHaveLength(11);
  }, 30_000);

  it('explains its usage when the data set is missing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/kpi-cli.ts', '--now', DEMO_NOW.toISOString()], { encoding: 'utf8', cwd: join(__dirname, '../..') });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Usage: npm run kpi -- --dataset <dir>');
  }, 30_000);
});
