/**
 * How far the lists users grow with free text go now that they are split by bytes (issue 14,
 * point 7; docs/limits.md): votes of a round, risks of a release, bookings of an environment in a
 * quarter, a project's freezes. Each item is as large as the schemas allow (every character 3
 * UTF-8 bytes, the longest ids), written through the same split documents the use cases write, on
 * the local store that refuses what Forge refuses. Sizes are exact; no timing.
 * Run: `npx tsx bench/storage-ceilings.ts`.
 */
import type { PlanSlot, PlanWindow } from '../src/contract-release-plan';
import type { SignOffVote } from '../src/contract-go-no-go';
import type { RiskRecord } from '../src/domain/go-no-go/board';
import { jsonBytes } from '../src/domain/json-size';
import { AppError } from '../src/errors';
import type { TransactOperation } from '../src/ports';
import { MAX_RISKS } from '../src/app/go-no-go/board-edits';
import { MAX_VOTES_PER_ROUND } from '../src/app/go-no-go/votes';
import { MAX_SLOTS_PER_SHARD, MAX_WINDOWS_PER_DOCUMENT, bookingsDoc, projectPlanDoc } from '../src/app/release-plan/documents';
import { boardDoc, votesDoc } from '../src/store/go-no-go-store';
import { type SplitDoc, updateSplitDoc } from '../src/store/sharded-list';
import { InMemoryKvStore } from '../local/kv/in-memory-kv-store';

const AT = '2026-11-24T10:00:00.000Z';
const ACCOUNT = '712020:0c4a5d6e-1b2f-4a3c-9d8e-7f6a5b4c3d2e';
const person = { accountId: ACCOUNT, displayName: '決済確認'.repeat(10) };
const wide = (length: number, i: number) => `${i}`.padEnd(length, '決済確認');
const id64 = (prefix: string, i: number) => `${prefix}-${String(i).padStart(63 - prefix.length, '0')}`;

const vote = (i: number): SignOffVote => ({ id: id64('vote', i), roleId: 'qa'.padEnd(40, 'x'), voter: person, value: 'GO_WITH_CONDITIONS', comment: wide(1000, i), at: AT, round: 1 });
const risk = (i: number): RiskRecord => ({
  id: id64('risk', i),
  title: wide(120, i),
  description: wide(1000, i),
  likelihood: 5,
  impact: 5,
  owner: person,
  mitigation: wide(1000, i),
  dueDate: '2026-12-01',
  status: 'mitigating',
  createdAt: AT,
  createdBy: person,
  updatedAt: AT,
  updatedBy: person,
});
const slot = (i: number): PlanSlot => ({
  id: `slot-${String(i).padStart(14, '0')}`,
  projectKey: 'SHOPPINGCART',
  versionId: '1000000001',
  environmentId: 'env-00000000000001',
  from: '2026-11-25T09:00:00.000Z',
  to: '2026-11-27T17:00:00.000Z',
  required: true,
  note: wide(500, i),
  updatedAt: AT,
  updatedBy: ACCOUNT,
});
const freeze = (i: number): PlanWindow => ({
  id: `freeze-${String(i).padStart(14, '0')}`,
  kind: 'freeze',
  scope: { type: 'project', projectKey: 'SHOPPINGCART' },
  tiers: ['SIT', 'UAT', 'NFT', 'PROD'],
  from: '2026-12-20T00:00:00.000Z',
  to: '2026-12-28T00:00:00.000Z',
  reason: wide(300, i),
  updatedAt: AT,
  updatedBy: ACCOUNT,
});

class CountingStore extends InMemoryKvStore {
  largestTransaction = 0;
  override async transact(operations: TransactOperation[]): Promise<void> {
    this.largestTransaction = Math.max(this.largestTransaction, operations.length);
    return super.transact(operations);
  }
}

interface List {
  name: string;
  doc: SplitDoc;
  item: (i: number) => { id: string };
  cap: number;
  capRule: string;
  /** What was full before (one 240 KiB document). */
  before: string;
}

const LISTS: List[] = [
  { name: 'votes of a round', doc: votesDoc('10000', '10021', 1), item: vote, cap: MAX_VOTES_PER_ROUND, capRule: 'MAX_VOTES_PER_ROUND', before: '74' },
  { name: 'risks of a release', doc: boardDoc('10000', '10021'), item: risk, cap: MAX_RISKS, capRule: 'MAX_RISKS', before: '36' },
  { name: 'bookings of an environment in a quarter', doc: bookingsDoc('env-00000000000001', '2026q4'), item: slot, cap: MAX_SLOTS_PER_SHARD, capRule: 'MAX_SLOTS_PER_SHARD', before: '140' },
  { name: "a project's freezes", doc: projectPlanDoc('SHOPPINGCART'), item: freeze, cap: MAX_WINDOWS_PER_DOCUMENT, capRule: 'MAX_WINDOWS_PER_DOCUMENT', before: '214' },
];

/** Every value of the list: its head and parts. */
function valuesOf(store: InMemoryKvStore, key: string): number[] {
  const snapshot = store.snapshot() as { versioned: Record<string, { rev: number; value: unknown }> };
  return Object.entries(snapshot.versioned)
    .filter(([k]) => k === key || k.startsWith(`${key}:`))
    .map(([, v]) => jsonBytes(v));
}

async function measure(list: List): Promise<string> {
  const store = new CountingStore();
  const add = (items: Array<{ id: string }>) =>
    updateSplitDoc<Record<string, unknown>>(store, list.doc, () => ({ [list.doc.list]: [] }), (current) => ({ ...current, [list.doc.list]: [...(current[list.doc.list] as unknown[]), ...items] }));
  let count = 0;
  let atCap = '';
  for (;;) {
    // One item a write up to the product cap (as users add them), then batches to find the storage ceiling.
    const batch = count < list.cap ? 1 : 20;
    try {
      await add(Array.from({ length: batch }, (_, k) => list.item(count + k)));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'STORE_LIMIT') throw error;
      break;
    }
    count += batch;
    if (count === list.cap) {
      const values = valuesOf(store, list.doc.key);
      const bytes = values.reduce((a, b) => a + b, 0);
      atCap = `${values.length - 1} parts, ${Math.round(bytes / 1024)} KiB, largest value ${Math.round(Math.max(...values) / 1024)} KiB, ${values.reduce((a, b) => a + Math.ceil(b / 10240), 0)} read units, largest transaction ${store.largestTransaction} operations`;
    }
  }
  const itemBytes = jsonBytes({ [list.item(0).id]: list.item(0) });
  return `| ${list.name} | ${itemBytes} | ${list.before} | ${list.cap} (${list.capRule}) | ${atCap} | about ${count} (20 parts) |`;
}

async function main(): Promise<void> {
  console.log('| list | bytes of the largest item | full before at | cap now (product rule) | at the cap | storage ceiling |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const list of LISTS) console.log(await measure(list));
}

void main();
