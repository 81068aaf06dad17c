/**
 * Documents users grow are split by bytes, not capped by a count that ignores how long the text
 * is (issue 14, point 7). Each case fills one list, through the real resolvers on a store that
 * refuses what Forge refuses, with the longest text the schemas allow in 3-byte characters (the
 * most bytes a character of that length can take in JSON), past the count where one document of
 * 240 KiB was full, and reads every item back.
 */
import type { GoNoGoBoardView, ReleaseCalendarView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { jsonBytes } from '../../src/domain/json-size';
import { defaultPolicies } from '../../src/domain/go-no-go/policies';
import type { TransactOperation } from '../../src/ports';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { createSmallRelease } from '../support/go-no-go-release';

/** Records the largest value and transaction written, to show the split kept both within Forge's limits. */
class WatchingStore extends InMemoryKvStore {
  largestValue = 0;
  largestTransaction = 0;
  override async transact(operations: TransactOperation[]): Promise<void> {
    this.largestTransaction = Math.max(this.largestTransaction, operations.length);
    for (const op of operations) if (op.kind === 'put') this.largestValue = Math.max(this.largestValue, jsonBytes({ rev: op.expectRev + 1, value: op.value }));
    return super.transact(operations);
  }
}

const { releaseManager: RAVI, qa: PRIYA } = DEMO_ACCOUNT;
let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
let store: WatchingStore;

/** `length` characters of 3 UTF-8 bytes each (JSON keeps them as they are). */
const wide = (length: number, salt: number) => `${salt}`.padEnd(length, '決済確認');

const context = (accountId: string) => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } },
});

async function ok<T>(name: string, accountId: string, payload: unknown): Promise<T> {
  const result = (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

beforeAll(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterAll(() => site.close());
beforeEach(() => {
  store = new WatchingStore();
  site.deps.store = store;
});

// Filling four lists through the resolvers, a view answered after each change, takes a while.
jest.setTimeout(120_000);

/** The weeks the bookings and freezes fall in: a narrow view keeps each answer cheap. */
const VIEW = { from: '2026-11-25', to: '2026-12-31' };
const shop24 = () => site.jira.dataset.versions.find((v) => v.name === 'SHOP 2.4')!.id;
let releases = 0;

async function aBoard(): Promise<string> {
  const policy = defaultPolicies().patch;
  const roles = policy.roles.map((r) => ({ ...r, approverAccountIds: r.id === 'qa' ? [PRIYA] : [RAVI] }));
  await ok('saveGoNoGoSettings', RAVI, { releaseType: 'patch', policy: { ...policy, roles } });
  return (await createSmallRelease(site.jira.url, { name: `SHOP 2.9.${++releases}`, startDate: '2026-11-20', releaseDate: '2026-11-28' })).versionId;
}

async function anEnvironment(): Promise<string> {
  const settings = await ok<{ environments: Array<{ id: string }> }>('saveEnvironment', RAVI, { environment: { name: 'UAT-1', tier: 'UAT', components: [], status: 'available', capacity: 1 } });
  return settings.environments[0]!.id;
}

interface Case {
  /** Where the list is kept, and the count at which the one document was full before. */
  list: string;
  count: number;
  setUp: () => Promise<string>;
  add: (target: string, i: number) => Promise<unknown>;
  readBack: (target: string) => Promise<string[]>;
}

const CASES: Case[] = [
  {
    list: 'votes of a Go/No-Go round (1,000-character comments; full at the 74th)',
    count: 75,
    setUp: aBoard,
    add: (versionId, i) => ok('castVote', PRIYA, { versionId, roleId: 'qa', value: i % 2 ? 'NO_GO' : 'GO_WITH_CONDITIONS', comment: wide(1000, i), voteId: `vote-${String(i).padStart(6, '0')}` }),
    readBack: async (versionId) => (await ok<GoNoGoBoardView>('getGoNoGoBoard', RAVI, { versionId })).signOffs.flatMap((s) => s.history.map((v) => v.comment)),
  },
  {
    list: 'risks of a release (120-character titles, 1,000-character description and mitigation; full at the 36th)',
    count: 37,
    setUp: aBoard,
    add: (versionId, i) =>
      ok('addOrUpdateRisk', RAVI, {
        versionId,
        risk: { id: `risk-${String(i).padStart(6, '0')}`, title: wide(120, i), description: wide(1000, i), likelihood: 2, impact: 3, mitigation: wide(1000, i), status: 'open' },
      }),
    readBack: async (versionId) => (await ok<GoNoGoBoardView>('getGoNoGoBoard', RAVI, { versionId })).risks.map((r) => r.description),
  },
  {
    list: 'bookings of one environment in one quarter, all projects together (500-character notes; full at the 140th)',
    count: 141,
    setUp: anEnvironment,
    add: (environmentId, i) =>
      ok('saveEnvironmentSlot', RAVI, { slot: { versionId: shop24(), environmentId, from: '2026-11-25T09:00:00Z', to: '2026-11-27T17:00:00Z', required: true, note: wide(500, i) }, view: VIEW }),
    readBack: async () => (await ok<ReleaseCalendarView>('getReleaseCalendar', RAVI, VIEW)).slots.map((s) => ('note' in s ? (s.note ?? '') : '')),
  },
  {
    list: 'freezes of a project (300-character reasons; full at the 214th)',
    count: 215,
    setUp: async () => 'SHOP',
    add: (projectKey, i) =>
      ok('savePlanWindow', RAVI, { window: { kind: 'freeze', scope: { type: 'project', projectKey }, from: '2026-12-20T00:00:00Z', to: '2026-12-28T00:00:00Z', reason: wide(300, i) }, view: VIEW }),
    readBack: async () => (await ok<ReleaseCalendarView>('getReleaseCalendar', RAVI, VIEW)).windows.map((w) => w.reason),
  },
];

describe('lists split by bytes: long multi-byte text does not fill a document', () => {
  it.each(CASES.map((c) => [c.list, c]))('keeps every one of the %s', async (_list, c) => {
    const target = await c.setUp();
    for (let i = 1; i <= c.count; i++) {
      await c.add(target, i).catch((error: Error) => {
        throw new Error(`item ${i}: ${error.message}`);
      });
    }

    const texts = await c.readBack(target);
    expect(texts.filter((t) => t.length >= 300)).toHaveLength(c.count);
    expect(new Set(texts).size).toBe(texts.length);
    expect(store.largestValue).toBeLessThanOrEqual(240 * 1024);
    expect(store.largestTransaction).toBeLessThanOrEqual(25);
  });
});
