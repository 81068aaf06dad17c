import { jsonBytes } from '../../../src/domain/json-size';
import {
  SIGN_OFF_LOG_SPLIT_AT_BYTES,
  type SignOffLog,
  type SignOffRecord,
  applySignOff,
  currentSignOffs,
  emptyLog,
  lastSeq,
  signedChecks,
  signedIds,
  splitLog,
} from '../../../src/domain/readiness/sign-offs';
import { aSignOff } from '../../support/readiness-builders';

const AT = '2026-11-24T10:00:00.000Z';
/** A record of the log, `bytes` long in JSON when given (the comment pads it). */
function aRecord(seq: number, over: Partial<SignOffRecord> = {}, bytes?: number): SignOffRecord {
  const record: SignOffRecord = { seq, criterionId: 'qa-passed', action: 'signed', accountId: 'qa-1', displayName: 'Priya Shah', at: AT, comment: '', ...over };
  return bytes === undefined ? record : { ...record, comment: 'x'.repeat(bytes - jsonBytes(record)) };
}

describe('recording a sign-off', () => {
  const signed = aRecord(1, { evidenceUrl: 'https://ci.example.com/builds/812', comment: 'Passed on staging' });
  const log: SignOffLog = { ...emptyLog('10100', '10000'), records: [signed] };

  it.each<[string, SignOffLog, Parameters<typeof aSignOff>[0], ReturnType<typeof applySignOff>]>([
    [
      'the first sign-off, with evidence and a comment',
      emptyLog('10100', '10000'),
      { evidenceUrl: 'https://ci.example.com/builds/812', comment: 'Passed on staging' },
      { kind: 'recorded', log: { issueId: '10100', projectId: '10000', records: [signed] }, record: signed },
    ],
    [
      'a revocation, without evidence or comment',
      log,
      { action: 'revoked', accountId: 'qa-2', displayName: 'Sam Lee', evidenceUrl: '', comment: '' },
      {
        kind: 'recorded',
        log: { ...log, records: [signed, { seq: 2, criterionId: 'qa-passed', action: 'revoked', accountId: 'qa-2', displayName: 'Sam Lee', at: AT }] },
        record: { seq: 2, criterionId: 'qa-passed', action: 'revoked', accountId: 'qa-2', displayName: 'Sam Lee', at: AT },
      },
    ],
    ['a second sign-off of a signed check', log, { accountId: 'qa-2' }, { kind: 'unchanged', log, current: signed }],
    ['revoking a check nobody signed', log, { criterionId: 'code-reviewed', action: 'revoked' }, { kind: 'unchanged', log }],
  ])('%s', (_case, before, request, outcome) => {
    expect(applySignOff(before, aSignOff(request))).toEqual(outcome);
  });

  it('numbers a record after those moved out of the log', () => {
    const moved: SignOffLog = { ...emptyLog('10100', '10000'), records: [], pages: 2, carried: [aRecord(7), aRecord(4, { criterionId: 'code-reviewed' })] };
    expect(applySignOff(moved, aSignOff({ criterionId: 'release-note' }))).toMatchObject({ kind: 'recorded', record: { seq: 8 } });
  });
});

describe('the current sign-offs of an issue', () => {
  const log = {
    carried: [aRecord(3), aRecord(5, { criterionId: 'code-reviewed', displayName: 'Dana Kowalski' })],
    records: [aRecord(9, { action: 'revoked', accountId: 'qa-2' }), aRecord(10, { criterionId: 'release-note', displayName: 'Ravi Menon', at: '2026-11-25T08:30:00.000Z' })],
  };

  it('are the signed checks not revoked since, moved out of the log or not, with who signed and when', () => {
    expect([...signedChecks(log)]).toEqual([
      ['code-reviewed', { by: 'Dana Kowalski', at: AT }],
      ['release-note', { by: 'Ravi Menon', at: '2026-11-25T08:30:00.000Z' }],
    ]);
    expect(signedIds(log)).toEqual(['code-reviewed', 'release-note']);
  });

  it.each<[string, Parameters<typeof lastSeq>[0], number]>([
    ['a log with records', log, 10],
    ['a log whose records all moved out', { records: [], carried: log.carried }, 5],
    ['a log whose records moved out with nothing current', { records: [], carried: [] }, 0],
    ['a new log', emptyLog('10100', '10000'), 0],
  ])('the position of the newest record of %s is %i', (_case, l, seq) => {
    expect(lastSeq(l)).toBe(seq);
  });

  it('are none without a log', () => {
    expect([currentSignOffs(undefined).size, signedIds(undefined)]).toEqual([0, []]);
  });
});

describe('splitting a sign-off log that outgrew its document', () => {
  /** A log of `count` records of 1 KiB each (a sign-off of QA, then of code review, alternately revoked), `firstBytes` for the oldest. */
  function aLog(count: number, firstBytes = 1024, over: Partial<SignOffLog> = {}): SignOffLog {
    const records = Array.from({ length: count }, (_, i) => {
      const criterionId = i % 2 === 0 ? 'qa-passed' : 'code-reviewed';
      const action = Math.floor(i / 2) % 2 === 0 ? 'signed' : 'revoked';
      return aRecord(i + 1, { criterionId, action }, i === 0 ? firstBytes : 1024);
    });
    return { ...emptyLog('10100', '10000'), records, ...over };
  }
  /** The oldest record's size that makes the log exactly `bytes` long. */
  const sizedTo = (count: number, bytes: number) => 1024 + bytes - jsonBytes(aLog(count));

  it('keeps a log of exactly the limit whole', () => {
    const log = aLog(95, sizedTo(95, SIGN_OFF_LOG_SPLIT_AT_BYTES));
    expect(jsonBytes(log)).toBe(SIGN_OFF_LOG_SPLIT_AT_BYTES);
    expect(splitLog(log)).toEqual({ log });
  });

  it('moves all but the newest 32 KiB of records of a log a byte over it to page 1, carrying the checks still signed', () => {
    const log = aLog(95, sizedTo(95, SIGN_OFF_LOG_SPLIT_AT_BYTES + 1));
    const split = splitLog(log);
    // 32 records of 1 KiB are exactly 32 KiB: all stay.
    const stays = log.records.slice(-32);
    const moved = log.records.slice(0, -32);
    expect(split).toEqual({
      log: { ...log, records: stays, pages: 1, carried: [...currentSignOffs({ records: moved }).values()] },
      page: { issueId: '10100', page: 1, records: moved },
    });
    // The last moved: code review signed at 62, QA revoked at 63.
    expect(split.log.carried!.map((r) => [r.seq, r.criterionId, r.action])).toEqual([[62, 'code-reviewed', 'signed']]);
  });

  it('moves older records to the next page, carrying what was carried if still current', () => {
    const carried = [aRecord(1, { criterionId: 'release-note' }), aRecord(2, { criterionId: 'security' })];
    const log = aLog(120, 1024, { pages: 3, carried });
    const records = log.records.map((r) => ({ ...r, seq: r.seq + 2 }));
    // The first of these revokes nothing of the carried; a record revoking "security" does.
    records[0] = { ...records[0]!, criterionId: 'security', action: 'revoked' };
    const split = splitLog({ ...log, records });
    expect(split.page).toMatchObject({ page: 4 });
    expect(split.log.pages).toBe(4);
    expect(split.log.carried!.map((r) => r.criterionId).sort()).toEqual(['qa-passed', 'release-note']);
  });

  it('writes no empty page when the checks carried from earlier pages outgrow it by themselves', () => {
    // 30 checks signed with 1,000-character multi-byte comments: over 96 KiB carried, and the new
    // records all fit in the newest 32 KiB, so there is nothing to move.
    const carried = Array.from({ length: 30 }, (_, i) => aRecord(i + 1, { criterionId: `check-${i}`, comment: 'ü'.repeat(1700) }));
    const log = { ...aLog(4), pages: 2, carried, records: aLog(4).records.map((r) => ({ ...r, seq: r.seq + 30 })) };
    expect(jsonBytes(log)).toBeGreaterThan(SIGN_OFF_LOG_SPLIT_AT_BYTES);
    expect(splitLog(log)).toEqual({ log });
  });

  it('always keeps the newest record, however big', () => {
    const log = aLog(3);
    log.records[2] = aRecord(3, { criterionId: 'release-note' }, 100 * 1024);
    expect(splitLog(log)).toEqual({
      log: { ...log, records: [log.records[2]], pages: 1, carried: log.records.slice(0, 2) },
      page: { issueId: '10100', page: 1, records: log.records.slice(0, 2) },
    });
  });
});
