import { jsonBytes } from '../../../src/domain/json-size';
import { SIGN_OFF_LOG_SPLIT_AT_BYTES, type SignOffLog, applySignOff, currentSignOffs, emptyLog, lastSeq, signedIds, splitLog } from '../../../src/domain/readiness/sign-offs';
import { aLongMultiByteText, aSignOff } from '../../support/readiness-builders';

function play(...steps: Array<Parameters<typeof aSignOff>[0]>): { log: SignOffLog; outcomes: string[] } {
  let log = emptyLog('10100', '10000');
  const outcomes: string[] = [];
  for (const step of steps) {
    const outcome = applySignOff(log, aSignOff(step));
    outcomes.push(outcome.kind);
    log = outcome.log;
  }
  return { log, outcomes };
}

describe('sign-offs of manual checks', () => {
  it.each<[string, Array<Parameters<typeof aSignOff>[0]>, string[], string[]]>([
    ['one sign-off', [{}], ['recorded'], ['qa-passed']],
    ['a double click', [{}, {}], ['recorded', 'unchanged'], ['qa-passed']],
    ['a sign-off by someone else on a signed check', [{}, { accountId: 'qa-2' }], ['recorded', 'unchanged'], ['qa-passed']],
    ['a revocation', [{}, { action: 'revoked' }], ['recorded', 'recorded'], []],
    ['revoking an unsigned check', [{ action: 'revoked' }], ['unchanged'], []],
    ['signing again after a revocation', [{}, { action: 'revoked' }, { accountId: 'qa-2' }], ['recorded', 'recorded', 'recorded'], ['qa-passed']],
    ['two different checks', [{}, { criterionId: 'code-reviewed', accountId: 'dev-1' }], ['recorded', 'recorded'], ['code-reviewed', 'qa-passed']],
  ])('%s', (_case, steps, outcomes, signed) => {
    const result = play(...steps);
    expect(result.outcomes).toEqual(outcomes);
    expect(signedIds(result.log)).toEqual(signed);
  });

  it('keeps the whole history, a revocation being a record of its own', () => {
    const { log } = play({ evidenceUrl: 'https://ci.example.com/1', comment: 'Passed on staging' }, { action: 'revoked', accountId: 'qa-2', comment: 'Regression found' }, {});
    expect(log.records.map((r) => [r.seq, r.action, r.accountId])).toEqual([
      [1, 'signed', 'qa-1'],
      [2, 'revoked', 'qa-2'],
      [3, 'signed', 'qa-1'],
    ]);
    expect(log.records[0]).toMatchObject({ evidenceUrl: 'https://ci.example.com/1', comment: 'Passed on staging' });
    expect(currentSignOffs(log).get('qa-passed')?.seq).toBe(3);
  });

  it.each([
    ['short comments', 'Passed on staging', 900],
    ['1,000-character multi-byte comments', aLongMultiByteText(1000), 300],
  ])('a log with %s grows past one document by moving its oldest records to pages, keeping the state', (_case, comment, count) => {
    let log = emptyLog('10100', '10000');
    const pages: number[] = [];
    let recorded = 0;
    for (let i = 0; i < count; i++) {
      const criterionId = i % 3 === 0 ? 'code-reviewed' : 'qa-passed';
      const action = Math.floor(i / 3) % 2 === 0 ? 'signed' : 'revoked';
      const outcome = applySignOff(log, aSignOff({ criterionId, action, comment }));
      if (outcome.kind === 'recorded') recorded++;
      const split = splitLog(outcome.log);
      if (split.page) pages.push(split.page.records.length);
      expect(jsonBytes(split.log)).toBeLessThanOrEqual(SIGN_OFF_LOG_SPLIT_AT_BYTES);
      // The state read from the split log is the state of the whole history.
      expect(signedIds(split.log)).toEqual(signedIds(outcome.log));
      log = split.log;
    }
    expect(pages.length).toBeGreaterThan(0);
    expect(lastSeq(log)).toBe(recorded);
  });
});
