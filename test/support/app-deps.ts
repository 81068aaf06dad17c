import { type AppDeps, createAppDeps } from '../../src/app/deps';
import type { Clock, HttpTransport, KeyValueStore, ProductTransports, Timing } from '../../src/ports';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { LocalWorkQueue } from '../../local/memory-queue';
import { silentLog } from './fakes';

const unreachable: HttpTransport = async () => {
  throw new Error('This test does not expect calls to Atlassian.');
};

export function testDeps(options: { store?: KeyValueStore; transports?: Partial<ProductTransports>; clock?: Clock; timing?: Timing } = {}): AppDeps & { queue: LocalWorkQueue } {
  const queue = new LocalWorkQueue(silentLog, { retryDelayMs: 1 });
  const deps = createAppDeps({
    transports: {
      jiraAsUser: () => unreachable,
      jiraAsApp: () => unreachable,
      confluenceAsApp: () => unreachable,
      ...options.transports,
    },
    store: options.store ?? new InMemoryKvStore(),
    queue,
    clock: options.clock ?? { now: () => new Date('2026-11-24T10:00:00Z') },
    timing: options.timing ?? { sleep: async () => {}, random: () => 0.5 },
    log: silentLog,
  });
  return { ...deps, queue };
}
