/**
 * Release notes at two sizes: the demo's current version (96 issues) previewed with 100 ms Jira
 * latency, and one version of 2,000+ issues from the 50,000-issue synthetic site, published to the
 * fake Confluence and then published again unchanged (the duplicate-event path).
 * Run by `npm run bench` (bench/run.ts) or alone: `npx tsx bench/release-notes.ts`.
 */
import { performance } from 'node:perf_hooks';
import { createAppDeps } from '../src/app/deps';
import { generateReleaseNotes, publishReleaseNotes, readNotesSource } from '../src/app/release-notes';
import { defaultTemplate } from '../src/domain/release-notes/template';
import { renderNotesPreview } from '../src/domain/release-notes/release-notes';
import { dispatchResolver } from '../src/app/resolvers';
import { keys } from '../src/store/keys';
import { createLocalTransports } from '../local/compose';
import { startFakeConfluence } from '../local/fake-confluence';
import { DEMO_ACCOUNT, generateSyntheticDataset, startFakeJira } from '../local/fake-jira';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';
import { LocalWorkQueue } from '../local/memory-queue';
import { demoFacts, startDemoSite } from '../test/support/demo-site';
import { silentLog } from '../test/support/fakes';
import { recordRowsInBaseline } from './support/baseline';

export type Record = (name: string, value: number, unit: string, note?: string) => void;

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await task();
  return { ms: performance.now() - start, result };
}

async function preview(record: Record): Promise<void> {
  const site = await startDemoSite();
  const facts = demoFacts(site.jira.dataset);
  const version = site.jira.dataset.versions.find((v) => v.name === 'SHOP 2.4')!;
  const context = { accountId: DEMO_ACCOUNT.releaseManager, extension: { project: { id: facts.project('SHOP').id, key: 'SHOP' } } };
  site.jira.faults.latencyMs = 100;
  site.jira.resetStats();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { ms, result } = await timed(() => dispatchResolver(site.deps, 'previewReleaseNotes', { versionId: version.id }, context));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const stats = site.jira.stats();
  record('release notes preview (96 issues), 100 ms Jira latency', times[1]!, 'ms', 'median of 3');
  record('release notes preview: Jira requests / points', stats.requests / 3, 'requests', `${stats.points / 3} points`);

  // An editing session: open the page, then 20 template edits. Before (the page asked the server
  // for a preview on opening and after each edit): settings + 21 previews. Now: one open call,
  // and per edit a template check that reads nothing (rendered in the browser).
  const edits = Array.from({ length: 20 }, (_, i) => ({ ...defaultTemplate(), intro: `Edit ${i + 1}: {version}` }));
  const session = async (calls: Array<[string, unknown]>) => {
    site.jira.resetStats();
    for (const [name, payload] of calls) {
      const result = await dispatchResolver(site.deps, name, payload, context);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    }
    return site.jira.stats();
  };
  const before = await session([
    ['getReleaseNotesSettings', {}],
    ['previewReleaseNotes', { versionId: version.id }],
    ...edits.map((template): [string, unknown] => ['previewReleaseNotes', { versionId: version.id, template }]),
  ]);
  const after = await session([['openReleaseNotes', { versionId: version.id }], ...edits.map((template): [string, unknown] => ['checkReleaseNotesTemplate', { template }])]);
  record(
    'release notes editing session (open + 20 edits, 96 issues): Jira points',
    after.points,
    'points',
    `${after.requests} requests; before (a server preview per edit): ${before.points} points, ${before.requests} requests`,
  );
  await site.close();
}

async function bigVersion(record: Record): Promise<void> {
  const now = new Date('2026-11-24T10:00:00Z');
  const dataset = generateSyntheticDataset(now, { issueCount: 50_000 });
  const jira = await startFakeJira({ dataset, anchor: now });
  const confluence = await startFakeConfluence({ port: 0 });
  const store = new InMemoryKvStore();
  const deps = createAppDeps({
    transports: createLocalTransports({ mode: 'demo', jiraBaseUrl: jira.url, confluenceBaseUrl: confluence.url }),
    store,
    queue: new LocalWorkQueue(silentLog),
    clock: { now: () => now },
    timing: { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  await store.set(keys.reportSettings(), { spaceKey: 'REL' });
  const counts = new Map<string, number>();
  for (const issue of dataset.issues) for (const id of issue.fixVersionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const [versionId, issues] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const request = { projectId: dataset.projects[0]!.id, versionId, trigger: 'manual' as const, force: false };
  jira.resetStats();
  const first = await timed(() => publishReleaseNotes(deps, request));
  const stats = jira.stats();
  record(`release notes publish, one version of ${issues} issues (cap 2,000)`, first.ms, 'ms', `${stats.requests} Jira requests, ${stats.points} points`);
  const again = await timed(() => publishReleaseNotes(deps, request));
  const outcome = again.result as { action?: string };
  record('release notes publish again, unchanged', again.ms, 'ms', `action: ${outcome.action ?? 'none'}`);

  // The editing session at this size: one read of the version, then 20 edits rendered from it.
  // Before, each of the 21 previews was one generateReleaseNotes (measured once here, times 21).
  const project = { id: dataset.projects[0]!.id, key: dataset.projects[0]!.key };
  jira.resetStats();
  await generateReleaseNotes(deps.jiraAsApp(), project, versionId, defaultTemplate());
  const perPreview = jira.stats().points;
  jira.resetStats();
  const source = await readNotesSource(deps.jiraAsApp(), project, versionId, []);
  const read = jira.stats();
  const renders = await timed(async () => {
    for (let i = 0; i < 20; i++) renderNotesPreview(source, { ...defaultTemplate(), intro: `Edit ${i + 1}` });
  });
  record(
    `release notes editing session (open + 20 edits, ${issues} issues): Jira points`,
    read.points,
    'points',
    `before: ${21 * perPreview} points (21 previews of ${perPreview}); 20 renders in the browser's code: ${Math.round(renders.ms)} ms`,
  );
  await jira.close();
  await confluence.close();
}

export async function releaseNotesBench(record: Record): Promise<void> {
  await preview(record);
  await bigVersion(record);
}

if (require.main === module) {
  const rows: Array<[string, number, string, string?]> = [];
  releaseNotesBench((name, value, unit, note) => rows.push([name, Math.round(value * 100) / 100, unit, note]))
    .then(() => {
      rows.forEach(([name, value, unit, note]) => console.log(`${name}: ${value} ${unit}${note ? ` (${note})` : ''}`));
      // `npx tsx bench/release-notes.ts --record`: these rows into bench/baseline.json.
      if (process.argv.includes('--record')) recordRowsInBaseline(rows.map(([name, value, unit, note]) => ({ name, value, unit, ...(note ? { note } : {}) })));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
