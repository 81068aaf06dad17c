import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeDatasetKpis, DEPLOYMENTS_FILE_NAME, VERSION_HISTORY_FILE_NAME } from '../../local/kpi-cli';
import { demoDeployments } from '../../local/kpi-demo-deployments';
import { DATASET_FILE_NAME, generateDemoDataset, saveDatasetFile } from '../../local/fake-jira';
import { versionsFromHistory } from '../../src/app/kpi-data';
import { computeKpiReport } from '../../src/domain/kpis/report';
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
    const expected = computeKpiReport(
      {
        project: { id: shop.id, key: 'SHOP', name: shop.name },
        // The demo site reports UTC as its zone, so the project's days are UTC days.
        settings: withZone(DEFAULT_KPI_SETTINGS, 'UTC'),
        facts: datasetFacts(dataset, 'SHOP'),
        dictionaries: { issueTypes: Object.fromEntries(dataset.issueTypes.map((t) => [t.id, { name: t.name, subtask: t.subtask }])), resolutions: Object.fromEntries(dataset.resolutions.map((r) => [r.id, r.name])) },
        versions: versionsFromHistory(versionHistory),
        deployments: deployments.map((d) => ({ id: d.deploymentId, environment: d.environment, status: d.status, at: new Date(d.deployedAt).toISOString(), ...(d.version ? { version: d.version } : {}), ...(d.issueKeys ? { issueKeys: d.issueKeys } : {}), ...(d.isRollback ? { isRollback: true } : {}) })),
      },
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

  describe('refuses a data set that contradicts itself, naming the file and the item', () => {
    const broken = (change: (d: typeof dataset) => void, files: Record<string, unknown> = {}) => {
      const copy = structuredClone(dataset);
      change(copy);
      const where = mkdtempSync(join(tmpdir(), 'kpi-broken-'));
      saveDatasetFile(join(where, DATASET_FILE_NAME), copy);
      for (const [name, content] of Object.entries(files)) writeFileSync(join(where, name), typeof content === 'string' ? content : JSON.stringify(content));
      return where;
    };
    const first = () => dataset.issues[0]!;

    it.each<[string, () => string, RegExp]>([
      ['an unknown issue type', () => broken((d) => void (d.issues[0]!.issueTypeId = '99999')), new RegExp(`jira-dataset\\.json: .*issues\\[0\\] \\(${first().key}\\): issue type 99999 is not in issueTypes`)],
      ['an unknown project', () => broken((d) => void (d.issues[0]!.projectId = '77777')), /jira-dataset\.json: .*project 77777 is not in projects/],
      ['a duplicate issue key', () => broken((d) => void (d.issues[1]!.key = d.issues[0]!.key)), new RegExp(`jira-dataset\\.json: .*the key ${first().key} is used twice`)],
      [
        'a changelog that disagrees with the status',
        () =>
          broken((d) => {
            const issue = d.issues.find((i) => i.changelog.some((h) => h.items.some((x) => x.fieldId === 'status')))!;
            issue.statusId = d.statuses.find((s) => s.id !== issue.statusId)!.id;
          }),
        /the changelog last moves the status to .*, but the issue's status is/,
      ],
      ['a deployment naming a project the data set lacks', () => broken(() => undefined, { [DEPLOYMENTS_FILE_NAME]: [{ ...deployments[0], projectKey: 'NOPE', issueKeys: [] }] }), /deployments\.json: \[0\] \(.*\): project NOPE is not in jira-dataset\.json/],
      ['a deployment file that is not JSON', () => broken(() => undefined, { [DEPLOYMENTS_FILE_NAME]: '{oops' }), /deployments\.json: is not valid JSON/],
      ['a malformed deployment', () => broken(() => undefined, { [DEPLOYMENTS_FILE_NAME]: [{ ...deployments[0], status: 'done' }] }), /deployments\.json: \[0\]\.status: /],
      ['history of an unknown version', () => broken(() => undefined, { [VERSION_HISTORY_FILE_NAME]: [{ versionId: '424242', released: false, observedAt: '2026-10-26T09:00:00Z' }] }), /version-history\.json: \[0\]: version 424242 is not in jira-dataset\.json/],
    ])('%s', async (_case, make, message) => {
      const where = make();
      try {
        await expect(computeDatasetKpis({ dataset: where, now: DEMO_NOW, project: 'SHOP' })).rejects.toThrow(message);
      } finally {
        rmSync(where, { recursive: true, force: true });
      }
    });

    it('refuses --now without a zone: it would be read in this machine’s zone', () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/kpi-cli.ts', '--dataset', dir, '--now', '2026-11-24T10:00:00'], { encoding: 'utf8', cwd: join(__dirname, '../..') });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('--now must be an ISO date and time with a zone');
    }, 30_000);

    it('prints the method and the figures beside each one, with counts in agreeing words', () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/kpi-cli.ts', '--dataset', dir, '--now', DEMO_NOW.toISOString(), '--project', 'SHOP'], { encoding: 'utf8', cwd: join(__dirname, '../..') });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/median, linear interpolation.* · 85th percentile .* · Mean /);
      expect(run.stdout).toContain('Median slip of late versions');
      expect(run.stdout).not.toMatch(/\b1 (versions|bugs|issues|deployments|incidents)\b/);
    }, 30_000);
  });
});
