/**
 * The Forge platform as the app's entry points (src/forge/*, src/index.ts) meet it, for tests that
 * drive them with Forge-shaped events and requests. Only the @forge/* modules are replaced, each
 * at its own boundary, and each is wired to the fakes the rest of the tests use:
 *
 * - @forge/kvs: the package's real `KvsImpl` (its query, entity and transaction builders), over a
 *   storage API that keeps everything in an `InMemoryKvStore` instead of calling Forge's storage
 *   service. Failed transaction conditions and taken keys answer 409 as that service does.
 * - @forge/api: product fetch (`asUser`, `asApp`) sent to the fake Jira and Confluence over HTTP,
 *   as the invoking user (the principal the runtime bound) or as the app; `webTrigger.getUrl`.
 * - @forge/events: a `Queue` whose pushes are kept, to be delivered to the consumer function as
 *   Forge's async events (`deliverQueuedEvents`).
 *
 * Use from a test file (the factories run lazily, after this module is loaded):
 *   jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-forge').forgeKvsModule());
 *   jest.mock('@forge/api', () => jest.requireActual('../support/fake-forge').forgeApiModule());
 *   jest.mock('@forge/events', () => jest.requireActual('../support/fake-forge').forgeEventsModule());
 */
import { KvsImpl } from '@forge/kvs/out/kvs';
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import { ConflictError } from '../../src/errors';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';

interface PushedEvent {
  body: unknown;
  delayInSeconds?: number;
}

/** What the fake platform holds: one site's storage, the queue's pending events, where the products are. */
export const forgeSite = {
  store: new InMemoryKvStore(),
  queued: [] as PushedEvent[],
  jiraUrl: '',
  confluenceUrl: '',
  /** The account the runtime bound to the current invocation (`asUser()` acts for it); none in triggers. */
  principal: undefined as string | undefined,
  reset(): void {
    this.store = new InMemoryKvStore();
    this.queued = [];
    this.principal = undefined;
  },
};

type Condition = { property: string; condition: string; values: unknown[] };
type Conditions = { and?: Condition[]; or?: Condition[] } | undefined;

function conflict(message: string): ForgeKvsAPIError {
  return new ForgeKvsAPIError({ status: 409, statusText: 'Conflict', traceId: 'fake' }, { code: 'CONDITIONAL_CHECK_FAILED', message });
}

/** The revision a `rev` condition (as ForgeKvStore writes them) expects: NOT_EXISTS is 0. */
function expectedRev(key: string, conditions: Conditions): number {
  const rev = conditions?.and?.find((c) => c.property === 'rev');
  if (!rev) throw new Error(`The fake storage only knows revision conditions; ${key} has ${JSON.stringify(conditions)}.`);
  if (rev.condition === 'NOT_EXISTS') return 0;
  if (rev.condition === 'EQUAL_TO') return Number(rev.values[0]);
  throw new Error(`Unexpected condition ${rev.condition} on ${key}.`);
}

/** Forge's storage service, in memory: the requests KvsImpl sends, answered from `forgeSite.store`. */
const storageApi = {
  get: async ({ key }: { key: string }) => forgeSite.store.get(key),
  set: async ({ key, value, options }: { key: string; value: unknown; options?: { keyPolicy?: string } }) => {
    if (options?.keyPolicy !== 'FAIL_IF_EXISTS') return void (await forgeSite.store.set(key, value));
    if (!(await forgeSite.store.setIfAbsent(key, value))) throw new ForgeKvsAPIError({ status: 409, statusText: 'Conflict', traceId: 'fake' }, { code: 'KEY_ALREADY_EXISTS', message: `${key} exists` });
    return undefined;
  },
  delete: async ({ key }: { key: string }) => forgeSite.store.delete(key),
  batchGet: async (items: Array<{ key: string }>) => {
    const found = await forgeSite.store.batchGet(items.map((i) => i.key));
    return { successfulKeys: [...found].map(([key, value]) => ({ key, value })), failedKeys: [] };
  },
  batchSet: async (items: Array<{ key: string; value: unknown }>) => {
    await forgeSite.store.batchSet(items.map((i) => ({ key: i.key, value: i.value })));
    return { successfulKeys: items.map((i) => ({ key: i.key })), failedKeys: [] };
  },
  query: async ({ limit, after, where }: { limit?: number; after?: string; where?: Condition[] }) => {
    const prefix = where?.find((w) => w.property === 'key' && w.condition === 'BEGINS_WITH')?.values[0];
    const page = await forgeSite.store.query(typeof prefix === 'string' ? prefix : '', { ...(limit ? { limit } : {}), ...(after ? { cursor: after } : {}) });
    return page.nextCursor ? { results: page.results, nextCursor: page.nextCursor } : { results: page.results };
  },
  getEntity: async ({ key }: { entityName: string; key: string }) => {
    const doc = await forgeSite.store.getVersioned(key);
    return doc ? { rev: doc.rev, value: doc.value } : undefined;
  },
  transact: async (request: {
    set?: Array<{ key: string; value: { rev: number; value: unknown }; conditions?: Conditions }>;
    delete?: Array<{ key: string; conditions?: Conditions }>;
    check?: Array<{ key: string; conditions?: Conditions }>;
  }) => {
    const operations = [
      ...(request.set ?? []).map((op) => {
        const expectRev = expectedRev(op.key, op.conditions);
        if (op.value.rev !== expectRev + 1) throw new Error(`${op.key} written at rev ${op.value.rev} over ${expectRev}`);
        return { kind: 'put' as const, key: op.key, value: op.value.value, expectRev };
      }),
      ...(request.delete ?? []).map((op) => ({ kind: 'delete' as const, key: op.key, expectRev: expectedRev(op.key, op.conditions) })),
      ...(request.check ?? []).map((op) => ({ kind: 'check' as const, key: op.key, expectRev: expectedRev(op.key, op.conditions) })),
    ];
    try {
      await forgeSite.store.transact(operations);
    } catch (error) {
      if (error instanceof ConflictError) throw conflict('A transaction condition failed.');
      throw error;
    }
  },
  getSecret: async ({ key }: { key: string }) => forgeSite.store.getSecret(key),
  setSecret: async ({ key, value }: { key: string; value: string }) => forgeSite.store.setSecret(key, value),
  deleteSecret: async ({ key }: { key: string }) => forgeSite.store.deleteSecret(key),
};

export function forgeKvsModule() {
  const actual = jest.requireActual('@forge/kvs');
  return { ...actual, kvs: new KvsImpl(storageApi as never) };
}

type Route = { value: string };
type RequestInit = { method?: string; headers?: Record<string, string>; body?: string };

function productFetch(baseUrl: () => string, authorization: string) {
  return (route: Route, init: RequestInit = {}) => fetch(`${baseUrl()}${route.value}`, { ...init, headers: { ...init.headers, Authorization: authorization } });
}

export function forgeApiModule() {
  const jira = () => forgeSite.jiraUrl;
  const confluence = () => forgeSite.confluenceUrl;
  const api = {
    asUser: () => {
      // Forge binds asUser() to the invocation's principal; a trigger has none.
      if (!forgeSite.principal) throw new Error('asUser() needs a user invocation: there is no principal.');
      const as = `Bearer user:${forgeSite.principal}`;
      return { requestJira: productFetch(jira, as), requestConfluence: productFetch(confluence, as) };
    },
    asApp: () => ({ requestJira: productFetch(jira, 'Bearer app'), requestConfluence: productFetch(confluence, 'Bearer app') }),
  };
  return {
    __esModule: true,
    default: api,
    assumeTrustedRoute: (path: string): Route => ({ value: path }),
    webTrigger: { getUrl: async (key: string) => `https://4f2c.hello.atlassian-dev.net/x1/${key}` },
  };
}

export function forgeEventsModule() {
  class Queue {
    constructor(readonly params: { key: string }) {}
    async push(events: PushedEvent | PushedEvent[]) {
      const list = Array.isArray(events) ? events : [events];
      if (list.length > 50) throw new Error(`Forge accepts at most 50 events per push; got ${list.length}.`);
      forgeSite.queued.push(...list);
      return { jobId: `job-${forgeSite.queued.length}` };
    }
  }
  return { __esModule: true, Queue };
}

/**
 * Delivers pushed events to the consumer function as Forge does (an async event whose `body` is
 * what was pushed), until the queue is empty; a delivery that throws is delivered again (at most
 * `maxAttempts` times), as Forge retries a failed event.
 */
export async function deliverQueuedEvents(consumer: (event: { body: unknown; queueName: string; jobId: string; eventId: string; retryContext: { retryCount: number } }) => Promise<void>, maxAttempts = 3): Promise<number> {
  let delivered = 0;
  while (forgeSite.queued.length) {
    const event = forgeSite.queued.shift()!;
    for (let attempt = 0; ; attempt++) {
      try {
        await consumer({ body: event.body, queueName: 'work-queue', jobId: `job-${delivered}`, eventId: `event-${delivered}`, retryContext: { retryCount: attempt } });
        break;
      } catch (error) {
        if (attempt + 1 >= maxAttempts) throw error;
      }
    }
    delivered++;
  }
  return delivered;
}
