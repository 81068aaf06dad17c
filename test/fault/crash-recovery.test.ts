/**
 * Fault injection: the local runtime, a real child process on one data dir, is killed with SIGKILL
 * in the middle of a KPI sync, a Go/No-Go decision, a readiness sign-off and a full KPI re-sync
 * (right after a chosen write reached disk, before anything acknowledged it), then started again.
 * After each crash the store on disk must be consistent, and after the restart the work must
 * complete: the sync finishes with every fact once, the decision and the sign-off are recorded
 * once (or not at all), and no document is left that nothing refers to.
 *
 * The steps run in order on the same files; each restart is also the next step's victim.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditLogView, GoNoGoBoardView, KpiReportView, SignOffResult } from '../../src/contract';
import type { KpiSyncDoc } from '../../src/app/kpi-sync';
import type { FactPart } from '../../src/app/kpi-fact-store';
import { memberKeyOf } from '../../src/app/readiness/rollup-store';
import type { MemberShard } from '../../src/domain/readiness/rollup';
import { type SignOffLog, signedIds } from '../../src/domain/readiness/sign-offs';
import { decodeFact, type IssueFact } from '../../src/domain/kpis/facts';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT, generateDemoDataset } from '../../local/fake-jira/demo-data';
import type { KvSnapshot } from '../../local/kv/in-memory-kv-store';
import { datasetFacts } from '../support/kpi';
import { type RuntimeProcess, bundleRuntime, eventually, invoke, startRuntime, storeOnDisk } from './support/runtime-process';

jest.setTimeout(60_000);

const T0 = Date.parse('2026-11-24T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const dataset = generateDemoDataset(new Date(T0), 1);
const shop = dataset.projects.find((p) => p.key === 'SHOP')!;
const version = dataset.versions.find((v) => v.name === 'SHOP 2.4')!;
const storyTypeId = dataset.issueTypes.find((t) => t.name === 'Story')!.id;
const story = dataset.issues.find((i) => i.fixVersionIds.includes(version.id) && i.issueTypeId === storyTypeId)!;
const expectedFacts = new Map(datasetFacts(dataset, 'SHOP').map((f) => [f.id, f]));

const pageContext = { moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: shop.id, key: 'SHOP', type: 'software' } } };
const panelContext = {
  moduleKey: 'release-readiness-panel',
  extension: { type: 'jira:issuePanel', issue: { id: story.id, key: story.key, type: 'Story' }, project: { id: shop.id, key: 'SHOP', type: 'software' } },
};
const decision = { versionId: version.id, value: 'NO_GO', comment: 'Payment provider outage: hold the release.', decisionId: 'fault-suite-decision-1' };
const signOff = { criterionId: 'qa-passed', action: 'sign', comment: 'Regression suite green.' };

let bundle: ReturnType<typeof bundleRuntime>;
let dataDir: string;
let runtime: RuntimeProcess | undefined;

beforeAll(() => {
  bundle = bundleRuntime();
  dataDir = mkdtempSync(join(tmpdir(), 'rr-fault-data-'));
});
afterAll(async () => {
  await runtime?.kill();
  bundle.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(minutes: number, killAfterWrite?: string): Promise<RuntimeProcess> {
  await runtime?.kill();
  runtime = await startRuntime({ entry: bundle.entry, dataDir, now: at(minutes), ...(killAfterWrite ? { killAfterWrite } : {}) });
  return runtime;
}

async function expectKilled(victim: RuntimeProcess): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([victim.exited, new Promise<'alive'>((done) => (timer = setTimeout(() => done('alive'), 30_000)))]);
  clearTimeout(timer);
  expect(ended).toEqual({ code: null, signal: 'SIGKILL' });
}

const versioned = <T>(store: KvSnapshot, key: string) => store.versioned[key]?.value as T | undefined;
const keysWith = (store: KvSnapshot, prefix: string) => [...Object.keys(store.versioned), ...Object.keys(store.plain)].filter((k) => k.startsWith(prefix));

/** The facts reports read, and every fact document that no generation of the sync accounts for. */
function kpiFactsOnDisk(store: KvSnapshot): { readable: Map<string, IssueFact>; duplicates: number; orphans: string[]; sync: KpiSyncDoc } {
  const sync = versioned<KpiSyncDoc>(store, keys.kpiSyncState(shop.id))!;
  const live = sync.live ?? { generation: sync.generation ?? 0, months: sync.months };
  const readable = new Map<string, IssueFact>();
  let duplicates = 0;
  const accounted = new Set<string>();
  const generations = [live, ...(sync.live ? [{ generation: sync.generation ?? 0, months: sync.months }] : []), ...(sync.retired ?? [])];
  for (const generation of generations) {
    for (const month of generation.months) {
      const parts = versioned<FactPart>(store, keys.kpiFacts(shop.id, month, 0, generation.generation))?.parts ?? 1;
      for (let p = 0; p < parts; p++) {
        const key = keys.kpiFacts(shop.id, month, p, generation.generation);
        accounted.add(key);
        if (generation !== live) continue;
        for (const tuple of versioned<FactPart>(store, key)?.facts ?? []) {
          if (readable.has(tuple[0])) duplicates++;
          readable.set(tuple[0], decodeFact(tuple));
        }
      }
    }
  }
  // A chunk that died after writing facts but before listing their month: the month is in a chunk still to run.
  const inFlight = sync.chunks.some((c) => c.state !== 'done');
  const orphans = keysWith(store, `kpifacts:${shop.id}:`).filter((k) => !accounted.has(k) && !inFlight);
  return { readable, duplicates, orphans, sync };
}

async function syncState(hostUrl: string): Promise<KpiReportView['sync']> {
  const report = await invoke<KpiReportView>(hostUrl, { accountId: DEMO_ACCOUNT.admin, ...pageContext, functionKey: 'getKpiReport', payload: {} });
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  return report.data.sync;
}

describe('the local runtime killed at injected points', () => {
  it('a KPI sync killed after its third fact write leaves a consistent store, and "Sync now" after the restart completes it with every fact once', async () => {
    const victim = await start(0, 'kpifacts:#3');
    expect(await invoke(victim.hostUrl, { accountId: DEMO_ACCOUNT.admin, ...pageContext, functionKey: 'startKpiSync', payload: {} })).toMatchObject({ ok: true });
    await expectKilled(victim);

    const crashed = kpiFactsOnDisk(storeOnDisk(dataDir));
    expect(crashed.sync.chunks.some((c) => c.state === 'running')).toBe(true);
    expect(crashed.duplicates).toBe(0);
    for (const [id, fact] of crashed.readable) expect(fact).toEqual(expectedFacts.get(id));

    // Ten minutes later every lease has run out: the status says so and "Sync now" is not blocked.
    const restarted = await start(10, 'gng:decision:#1');
    expect((await syncState(restarted.hostUrl)).stalled).toBeDefined();
    expect(await invoke(restarted.hostUrl, { accountId: DEMO_ACCOUNT.admin, ...pageContext, functionKey: 'startKpiSync', payload: {} })).toMatchObject({ ok: true });
    await eventually(async () => ((await syncState(restarted.hostUrl)).state === 'idle' ? true : undefined));

    await restarted.kill();
    const synced = kpiFactsOnDisk(storeOnDisk(dataDir));
    expect(synced.readable).toEqual(expectedFacts);
    expect(synced.duplicates).toBe(0);
    expect(synced.orphans).toEqual([]);
  });

  it('a Go/No-Go decision killed right after it was written is recorded once: the retried request completes it (index, audit)', async () => {
    const victim = await start(12, 'gng:decision:#1');
    await invoke(victim.hostUrl, { accountId: DEMO_ACCOUNT.releaseManager, ...pageContext, functionKey: 'recordDecision', payload: decision }).catch(() => undefined);
    await expectKilled(victim);

    const crashed = storeOnDisk(dataDir);
    expect(keysWith(crashed, `gng:decision:${shop.id}:${version.id}:`)).toEqual([keys.goNoGoDecision(shop.id, version.id, 1)]);

    const restarted = await start(13, 'readiness:signoffs:#1');
    const retried = await invoke<GoNoGoBoardView>(restarted.hostUrl, { accountId: DEMO_ACCOUNT.releaseManager, ...pageContext, functionKey: 'recordDecision', payload: decision });
    expect(retried).toMatchObject({ ok: true, data: { decision: { id: decision.decisionId, value: 'NO_GO' } } });
    const audit = await invoke<AuditLogView>(restarted.hostUrl, { accountId: DEMO_ACCOUNT.releaseManager, ...pageContext, functionKey: 'getAuditLog', payload: { versionId: version.id } });
    expect(audit.ok && audit.data.entries.filter((e) => e.action === 'decision.recorded')).toHaveLength(1);

    const again = await invoke(restarted.hostUrl, { accountId: DEMO_ACCOUNT.releaseManager, ...pageContext, functionKey: 'recordDecision', payload: { ...decision, decisionId: 'fault-suite-decision-2' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const store = storeOnDisk(dataDir);
    expect(keysWith(store, `gng:decision:${shop.id}:${version.id}:`)).toHaveLength(1);
    const index = versioned<{ releases: Record<string, { value: string }> }>(store, keys.goNoGoIndex(shop.id));
    expect(index?.releases[version.id]).toMatchObject({ value: 'NO_GO' });
  });

  it('a sign-off killed right after it was written is recorded once: the retry answers "unchanged", log and roll-up agree', async () => {
    const victim = runtime!;
    await invoke(victim.hostUrl, { accountId: DEMO_ACCOUNT.qa, ...panelContext, functionKey: 'signOffCheck', payload: signOff }).catch(() => undefined);
    await expectKilled(victim);

    // The log and the roll-up's member entry were written in one transaction: both have it, or neither.
    const crashed = storeOnDisk(dataDir);
    const log = versioned<SignOffLog>(crashed, keys.readinessSignOffs(story.id));
    expect(log?.records.filter((r) => r.criterionId === 'qa-passed' && r.action === 'signed')).toHaveLength(1);
    expect(versioned<MemberShard>(crashed, memberKeyOf(shop.id, story.id))?.entries[story.id]).toMatchObject({ s: signedIds(log), sr: log!.records.length });

    const restarted = await start(15, `kpifacts:${shop.id}:g1:#2`);
    const retried = await invoke<SignOffResult>(restarted.hostUrl, { accountId: DEMO_ACCOUNT.qa, ...panelContext, functionKey: 'signOffCheck', payload: signOff });
    expect(retried).toMatchObject({ ok: true, data: { outcome: 'unchanged' } });
    const view = retried.ok ? retried.data.view : undefined;
    expect(view?.checks.find((c) => c.criterionId === 'qa-passed')).toMatchObject({ current: expect.objectContaining({ accountId: DEMO_ACCOUNT.qa, action: 'signed' }) });
    const after = versioned<SignOffLog>(storeOnDisk(dataDir), keys.readinessSignOffs(story.id));
    expect(after?.records).toHaveLength(log!.records.length);
  });

  it('a full KPI re-sync killed half-way keeps the facts reports read; after the restart it completes and switches', async () => {
    const victim = runtime!;
    expect(await invoke(victim.hostUrl, { accountId: DEMO_ACCOUNT.admin, ...pageContext, functionKey: 'startKpiSync', payload: { full: true } })).toMatchObject({ ok: true });
    await expectKilled(victim);

    const crashed = kpiFactsOnDisk(storeOnDisk(dataDir));
    expect(crashed.sync.live?.generation).toBe(0);
    expect(crashed.readable).toEqual(expectedFacts);

    const restarted = await start(30);
    expect(await invoke(restarted.hostUrl, { accountId: DEMO_ACCOUNT.admin, ...pageContext, functionKey: 'startKpiSync', payload: {} })).toMatchObject({ ok: true });
    await eventually(async () => ((await syncState(restarted.hostUrl)).state === 'idle' ? true : undefined));
    await restarted.kill();

    const synced = kpiFactsOnDisk(storeOnDisk(dataDir));
    expect(synced.sync.generation).toBe(1);
    expect(synced.sync.live).toBeUndefined();
    expect(synced.readable).toEqual(expectedFacts);
    expect(synced.duplicates).toBe(0);
    expect(synced.orphans).toEqual([]);
  });
});
