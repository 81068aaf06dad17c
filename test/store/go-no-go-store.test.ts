import type { AuditEntry, DecisionSnapshot, GoNoGoDecision } from '../../src/contract-go-no-go';
import { AppError, ConflictError } from '../../src/errors';
import { type BoardDoc, type DecisionDoc, auditStamp, createDecision, emptyBoard, guardedUpdate, listAudit, pendingAudit, readBoardState } from '../../src/store/go-no-go-store';
import { keys } from '../../src/store/keys';
import { person } from '../support/go-no-go-builders';
import { InterferingStore, bump } from './interfering-store';

const PROJECT = '10000';
const VERSION = '10021';
const BOARD = keys.goNoGoBoard(PROJECT, VERSION);

function anEntry(id: string, at: string, action = 'tick'): AuditEntry {
  return { id, at, actor: person('712020:priya', 'Priya Shah'), versionId: VERSION, versionName: 'SHOP 2.4', action, summary: `${action} ${id}` };
}

/** A change that ticks one criterion and records it in the audit. */
const tick = (criterion: string, entry: AuditEntry) => (board: BoardDoc) => ({
  next: { ...board, ticks: { ...board.ticks, [criterion]: { ticked: true, evidence: '', by: entry.actor, at: entry.at } } },
  audit: [pendingAudit(PROJECT, entry)],
});

const auditKeys = async (store: InterferingStore) => (await store.query(keys.goNoGoAuditPrefix(PROJECT, VERSION))).results.map((r) => r.key);

describe('the Go/No-Go store: documents with their audit entries', () => {
  it('writes a change and its audit entry, copies the entry to its own key and keeps no outbox', async () => {
    const store = new InterferingStore();
    const entry = anEntry('a1', '2026-11-24T10:00:00.000Z');
    const result = await guardedUpdate(store, BOARD, { initial: emptyBoard, change: tick('docs', entry) });
    expect(result.written).toBe(true);
    expect(result.value.outbox).toBeUndefined();
    expect(await auditKeys(store)).toEqual([keys.goNoGoAudit(PROJECT, VERSION, '20261124T100000000Z', 'a1')]);
    expect((await store.getVersioned<BoardDoc>(BOARD))?.value).toMatchObject({ ticks: { docs: { ticked: true } }, outbox: [{ entry }] });
  });

  it('keeps an audit entry whose copy failed in the outbox, and the next writer copies it once', async () => {
    const store = new InterferingStore();
    jest.spyOn(store, 'setIfAbsent').mockRejectedValueOnce(new Error('KVS unavailable'));
    await guardedUpdate(store, BOARD, { initial: emptyBoard, change: tick('docs', anEntry('a1', '2026-11-24T10:00:00.000Z')) });
    expect(await auditKeys(store)).toEqual([]);

    await guardedUpdate(store, BOARD, { initial: emptyBoard, change: tick('tests', anEntry('a2', '2026-11-24T10:05:00.000Z')) });
    await guardedUpdate(store, BOARD, { initial: emptyBoard, change: tick('notes', anEntry('a3', '2026-11-24T10:06:00.000Z')) });
    const entries = (await listAudit(store, keys.goNoGoAuditPrefix(PROJECT, VERSION), 10)).entries.map((e) => e.id);
    expect(entries).toEqual(['a1', 'a2', 'a3']);
  });

  it('retries on a concurrent write and applies its change to what that writer stored', async () => {
    const store = new InterferingStore();
    await guardedUpdate(store, BOARD, { initial: emptyBoard, change: tick('docs', anEntry('a1', '2026-11-24T10:00:00.000Z')) });
    store.interfereTimes(1, (s) => bump(s, BOARD, { ...emptyBoard(), round: 2 }));
    const result = await guardedUpdate(store, BOARD, { initial: emptyBoard, change: tick('tests', anEntry('a2', '2026-11-24T10:05:00.000Z')) });
    expect(result.value).toMatchObject({ round: 2, ticks: { tests: { ticked: true } } });
    expect((await store.getVersioned(BOARD))?.rev).toBe(3);
  });

  it('holds the write to the guard’s revision checks: a decision taken meanwhile refuses the change', async () => {
    const store = new InterferingStore();
    const decisionKey = keys.goNoGoDecision(PROJECT, VERSION, 1);
    const noDecisionYet = async () => [{ kind: 'check' as const, key: decisionKey, expectRev: 0 }];
    const refuseIfDecided = async () => {
      if (await store.getVersioned(decisionKey)) throw new AppError('CONFLICT', 'This round is decided.');
      return noDecisionYet();
    };
    store.interfereTimes(1, (s) => bump(s, decisionKey, { decision: { round: 1 } }));
    await expect(guardedUpdate(store, BOARD, { initial: emptyBoard, guard: refuseIfDecided, change: tick('docs', anEntry('a1', '2026-11-24T10:00:00.000Z')) })).rejects.toThrow('This round is decided.');
    expect(await store.getVersioned(BOARD)).toBeUndefined();
    expect(await auditKeys(store)).toEqual([]);
  });

  it('gives up with a conflict after its attempts', async () => {
    const store = new InterferingStore();
    store.interfereTimes(2, (s) => bump(s, BOARD, emptyBoard()));
    await expect(guardedUpdate(store, BOARD, { initial: emptyBoard, attempts: 2, change: tick('docs', anEntry('a1', '2026-11-24T10:00:00.000Z')) })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('a round’s decision: created once, from the evidence it was taken on', () => {
  const decision = (round: number): DecisionDoc => ({
    decision: { id: `d${round}`, round, value: 'GO', decidedBy: person('712020:rm', 'Ravi Menon'), decidedAt: '2026-11-24T10:00:00.000Z', comment: '', markReleasedRequested: false, snapshot: {} as DecisionSnapshot } satisfies GoNoGoDecision,
  });

  it('is created once; a second attempt finds it exists', async () => {
    const store = new InterferingStore();
    expect(await createDecision(store, PROJECT, VERSION, decision(1), { boardRev: 0, votesRev: 0 })).toBe('created');
    expect(await createDecision(store, PROJECT, VERSION, decision(1), { boardRev: 0, votesRev: 0 })).toBe('exists');
    expect((await store.getVersioned(keys.goNoGoDecision(PROJECT, VERSION, 1)))?.rev).toBe(1);
  });

  it.each([
    ['the board', () => BOARD],
    ['the votes', () => keys.goNoGoVotes(PROJECT, VERSION, 1)],
  ])('is stale, and not stored, when %s changed after the evidence was read', async (_case, changed) => {
    const store = new InterferingStore();
    await bump(store, changed(), { round: 1 });
    expect(await createDecision(store, PROJECT, VERSION, decision(1), { boardRev: 0, votesRev: 0 })).toBe('stale');
    expect(await store.getVersioned(keys.goNoGoDecision(PROJECT, VERSION, 1))).toBeUndefined();
  });

  it('is read back with the board’s round and the earlier rounds’ decisions', async () => {
    const store = new InterferingStore();
    await createDecision(store, PROJECT, VERSION, decision(1), { boardRev: 0, votesRev: 0 });
    await bump(store, BOARD, { ...emptyBoard(), round: 2 });
    const state = await readBoardState(store, PROJECT, VERSION);
    expect(state).toMatchObject({ round: 2, decision: undefined, votes: undefined });
    expect(state.earlierDecisions.map((d) => d.id)).toEqual(['d1']);
  });
});

describe('the audit trail', () => {
  it('lists entries in time order across pages of 100, and says when it stopped at the maximum', async () => {
    const store = new InterferingStore();
    // Written out of order: keys sort by a compact UTC stamp, so the listing is in time order.
    const times = Array.from({ length: 130 }, (_, i) => new Date(Date.UTC(2026, 10, 24, 9, 0, 130 - i)).toISOString());
    for (const [i, at] of times.entries()) {
      const p = pendingAudit(PROJECT, anEntry(`e${i}`, at));
      await store.setIfAbsent(p.key, p.entry);
    }
    const all = await listAudit(store, keys.goNoGoAuditPrefix(PROJECT, VERSION), 500);
    expect(all.truncated).toBe(false);
    expect(all.entries.map((e) => e.at)).toEqual([...times].sort());
    const some = await listAudit(store, keys.goNoGoAuditPrefix(PROJECT, VERSION), 120);
    expect(some).toMatchObject({ truncated: true, entries: expect.any(Array) });
    expect(some.entries).toHaveLength(120);
  });

  it('stamps times so that keys sort like the times', () => {
    expect(auditStamp('2026-11-24T10:00:00.000Z')).toBe('20261124T100000000Z');
    expect(auditStamp('2026-11-24T09:59:59.999Z') < auditStamp('2026-11-24T10:00:00.000Z')).toBe(true);
  });
});
