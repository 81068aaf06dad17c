import { MAX_SIGN_OFF_RECORDS, type SignOffLog, applySignOff, currentSignOffs, emptyLog, signedIds } from '../../../src/domain/readiness/sign-offs';
import { aSignOff } from '../../support/readiness-builders';

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

  it('refuses to grow a log past its limit', () => {
    let log = emptyLog('10100', '10000');
    for (let i = 0; i < MAX_SIGN_OFF_RECORDS; i++) log = applySignOff(log, aSignOff({ action: i % 2 === 0 ? 'signed' : 'revoked' })).log;
    expect(applySignOff(log, aSignOff({ action: 'signed' })).kind).toBe('history-full');
  });
});
