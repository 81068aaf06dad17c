import { defaultPolicy } from '../../src/domain/readiness/policy';
import { validatePolicy } from '../../src/domain/readiness/policy';
import {
  daysText,
  moveCriterion,
  newCriterion,
  parseList,
  problemField,
  problemsByPlace,
  ragWidths,
  readyShare,
  readyText,
  removeCriterion,
} from '../../static/releases/src/readiness/readiness-model';
import { KIND_ORDER } from '../../static/releases/src/readiness/readiness-model';

describe('readiness page wording', () => {
  it.each([
    [{ rag: { green: 0, amber: 0, red: 0 }, total: 0 }, null, 'No issues'],
    [{ rag: { green: 12, amber: 0, red: 28 }, total: 40 }, 30, '12 of 40 ready'],
    [{ rag: { green: 39, amber: 0, red: 1 }, total: 40 }, 97, '39 of 40 ready'],
    [{ rag: { green: 40, amber: 0, red: 0 }, total: 40 }, 100, '40 of 40 ready'],
    // At risk is never counted as ready, so the text and the RAG bar beside it add up.
    [{ rag: { green: 18, amber: 1, red: 1 }, total: 20 }, 90, '18 of 20 ready, 1 at risk'],
  ])('%j is %s%% ready: "%s"', (rollup, share, text) => {
    expect(readyShare(rollup)).toBe(share);
    expect(readyText(rollup)).toBe(text);
  });

  it.each([
    [9, 'in 9 days'],
    [1, 'in 1 day'],
    [0, 'due today'],
    [-4, '4 days late'],
    [null, 'no date'],
  ])('%s days left reads "%s"', (days, text) => expect(daysText(days)).toBe(text));

  it('splits the RAG bar by share of issues', () => {
    expect(ragWidths({ red: 1, amber: 1, green: 2 })).toEqual({ red: 25, amber: 25, green: 50 });
    expect(ragWidths({ red: 0, amber: 0, green: 0 })).toEqual({ red: 0, amber: 0, green: 0 });
  });
});

describe('the policy editor’s operations', () => {
  it.each(KIND_ORDER)('adds a valid "%s" criterion with a fresh id (once it is filled in)', (kind) => {
    const policy = defaultPolicy();
    const added = newCriterion(kind, policy.criteria);
    expect(policy.criteria.some((c) => c.id === added.id)).toBe(false);
    const filled =
      added.kind === 'manual' ? { ...added, groups: ['qa-team'] } : added.kind === 'required-fields' ? { ...added, fields: [{ id: 'components', name: 'Components' }] } : added;
    expect(validatePolicy({ ...policy, criteria: [...policy.criteria, filled] }).errors).toEqual([]);
  });

  it('moves and removes criteria, staying inside the list', () => {
    const policy = defaultPolicy();
    const ids = (p: typeof policy) => p.criteria.map((c) => c.id);
    expect(ids(moveCriterion(policy, 0, 1)).slice(0, 2)).toEqual(['resolution-set', 'status-done']);
    expect(moveCriterion(policy, 0, -1)).toBe(policy);
    expect(ids(removeCriterion(policy, 0))).not.toContain('status-done');
  });

  it('reads lists as people type them', () => {
    expect(parseList(' qa-team, ,release-managers\nsecurity ')).toEqual(['qa-team', 'release-managers', 'security']);
  });

  it('puts each problem next to its criterion and field', () => {
    const { policy, criteria } = problemsByPlace([
      { path: 'criteria', message: 'a' },
      { path: 'criteria.2.groups', message: 'b' },
      { path: 'criteria.2', message: 'c' },
      { path: 'closeDays', message: 'd' },
    ]);
    expect(policy.map((p) => p.message)).toEqual(['a', 'd']);
    expect(criteria.get(2)?.map((p) => [p.message, problemField(p)])).toEqual([
      ['b', 'groups'],
      ['c', undefined],
    ]);
  });
});
