/**
 * A fake Jira Cloud REST v3 server for the local runtime, tests and benchmarks.
 * See docs/fake-jira.md for the endpoints, the JQL subset, the fault switches and the data.
 */
import type { AddressInfo } from 'node:net';
import type { JiraDataset } from './dataset';
import { generateDemoDataset } from './demo-data';
import type { EventListener, JiraProductEvent } from './events';
import { FakeJiraServer, type FakeJiraStats, type FaultSwitches } from './server';
import { DAY, parseDay } from './time';
import { anchoredClock, systemClock } from '../../src/app/clock';

export interface StartFakeJiraOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** "Today" of the demo data; default now. */
  anchor?: Date;
  seed?: number;
  /** Serve this dataset (live: changes are written into it) instead of generating the demo. */
  dataset?: JiraDataset;
  latencyMs?: number;
  /** How the fake waits out `latencyMs`; a timer by default. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The fake site's clock (transition times, JQL `-7d`, `now()`, overdue versions, quota reset).
   * Default: the anchor plus the time elapsed since start when an anchor is given (with a
   * `dataset` and no anchor: the dataset's anchor day at the current time of day), else real time.
   */
  now?: () => Date;
}

export interface FakeJira {
  url: string;
  dataset: JiraDataset;
  faults: FaultSwitches;
  stats(): FakeJiraStats;
  resetStats(): void;
  onEvent(listener: (event: JiraProductEvent) => void): () => void;
  /** Rebuilds the indexes after records in `dataset` were edited in place (additions are noticed). */
  reindex(): void;
  close(): Promise<void>;
}

export async function startFakeJira(options: StartFakeJiraOptions = {}): Promise<FakeJira> {
  // A given dataset brings its own "today": the fake clock runs on that day unless told otherwise.
  const anchor = options.anchor ?? (options.dataset ? new Date(parseDay(options.dataset.anchor) + (systemClock.now().getTime() % DAY)) : undefined);
  const clock = options.now ? { now: options.now } : anchor ? anchoredClock(anchor) : systemClock;
  const now = () => clock.now().getTime();
  const dataset = options.dataset ?? generateDemoDataset(anchor ?? clock.now(), options.seed ?? 1);
  const fake = new FakeJiraServer({ dataset, now, ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}), ...(options.sleep ? { sleep: options.sleep } : {}) });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    fake.server.once('error', reject);
    fake.server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = fake.server.address() as AddressInfo;
  fake.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: fake.baseUrl,
    dataset,
    faults: fake.faults,
    stats: () => fake.getStats(),
    resetStats: () => fake.resetStats(),
    onEvent: (listener: EventListener) => fake.events.on(listener),
    reindex: () => fake.store.reindex(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        fake.server.close((error) => (error ? reject(error) : resolve()));
        fake.server.closeAllConnections();
      }),
  };
}

export { generateDemoDataset, generateSyntheticDataset, demoUsers, DEMO_ACCOUNT, type SyntheticOptions } from './demo-data';
export {
  CUSTOM_FIELDS,
  DATASET_FILE_NAME,
  datasetCatalog,
  loadDatasetFile,
  parseDataset,
  saveDatasetFile,
  type DatasetChangeHistory,
  type DatasetChangeItem,
  type DatasetIssue,
  type DatasetIssueLink,
  type DatasetProject,
  type DatasetUser,
  type DatasetVersion,
  type JiraDataset,
  type PermissionKey,
} from './dataset';
export type { IssueLinkProductEvent, IssueProductEvent, JiraProductEvent, VersionProductEvent } from './events';
export { POINTS, type FakeJiraStats, type FaultSwitches } from './server';
