import { compactFacts, dependentsSignature, isAtLeastAsRecent } from '../../../src/domain/readiness/facts';
import { SHOP_24, SHOP_30, aBlocker, aLinkedIssue, aReadyStory } from '../../support/readiness-builders';

const t = (iso: string) => Date.parse(iso);

describe('which of two reads of an issue is the more recent', () => {
  const stored = { updated: t('2026-11-21T09:00Z'), observed: t('2026-11-21T10:00Z') };
  it.each<[string, { updated: number; observed: number }, typeof stored | undefined, boolean]>([
    ['a first read (nothing stored)', stored, undefined, true],
    ['the issue changed since', { updated: t('2026-11-21T09:30Z'), observed: t('2026-11-21T09:31Z') }, stored, true],
    ['an older version of the issue, read later (a late event)', { updated: t('2026-11-20T09:00Z'), observed: t('2026-11-22T10:00Z') }, stored, false],
    ['the same version read later (a blocker may have changed)', { ...stored, observed: t('2026-11-21T11:00Z') }, stored, true],
    ['the same read again', stored, stored, true],
    ['the same version read earlier', { ...stored, observed: t('2026-11-21T09:59Z') }, stored, false],
  ])('%s: %s', (_case, incoming, before, expected) => {
    expect(isAtLeastAsRecent(incoming, before)).toBe(expected);
  });
});

describe('the facts a release shard keeps of an issue', () => {
  const links = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => aLinkedIssue({ key: `${prefix}-${i + 1}` }));

  it('leaves out the summaries of other issues and keeps everything else', () => {
    const facts = aReadyStory({
      subtasks: { total: 2, open: [aLinkedIssue({ key: 'SHOP-101' })] },
      blockers: [aBlocker({ key: 'PAY-3', fixVersions: [SHOP_30] })],
      linked: [aLinkedIssue({ key: 'SHOP-77', issueType: 'Bug', priority: 'High' })],
    });
    expect(compactFacts(facts)).toEqual({
      ...facts,
      subtasks: { total: 2, open: [{ key: 'SHOP-101', statusName: 'In Progress', category: 'indeterminate', issueType: 'Task', priority: 'Medium' }] },
      blockers: [{ key: 'PAY-3', statusName: 'In Progress', category: 'indeterminate', issueType: 'Task', priority: 'Medium', fixVersions: [SHOP_30] }],
      linked: [{ key: 'SHOP-77', statusName: 'In Progress', category: 'indeterminate', issueType: 'Bug', priority: 'High' }],
    });
    expect(facts.blockers[0]!.summary).toBe('Tokenise cards');
  });

  it.each([
    ['a summary of 80 characters, kept whole', 'x'.repeat(80), 'x'.repeat(80)],
    ['a summary of 81 characters, cut to 79 and an ellipsis', 'x'.repeat(81), `${'x'.repeat(79)}…`],
    ['a long summary', `Pay with saved cards ${'and more '.repeat(20)}`, `Pay with saved cards ${'and more '.repeat(6)}and …`],
  ])('%s', (_case, summary, kept) => {
    expect(compactFacts(aReadyStory({ summary })).summary).toBe(kept);
  });

  it('keeps at most 20 open sub-tasks, blockers and linked issues each, and the number of sub-tasks', () => {
    const compact = compactFacts(aReadyStory({ subtasks: { total: 30, open: links(21, 'SUB') }, blockers: links(21, 'BLK').map((l) => ({ ...l, fixVersions: [SHOP_24] })), linked: links(21, 'LNK') }));
    expect([compact.subtasks.total, compact.subtasks.open.at(-1)?.key, compact.blockers.at(-1)?.key, compact.linked.at(-1)?.key]).toEqual([30, 'SUB-20', 'BLK-20', 'LNK-20']);
    expect([compact.subtasks.open.length, compact.blockers.length, compact.linked.length]).toEqual([20, 20, 20]);
  });
});

describe('what other issues’ readiness depends on', () => {
  it.each([
    ['a done story in SHOP 2.4', aReadyStory(), 'done|Done|Medium|Story|10005@2026-12-03'],
    ['an unprioritised task in progress in two releases, one undated', aReadyStory({ category: 'indeterminate', statusName: 'In Progress', priority: undefined, issueType: 'Task', fixVersions: [SHOP_24, SHOP_30] }), 'indeterminate|In Progress||Task|10005@2026-12-03,10007@'],
    ['a bug in no release', aReadyStory({ issueType: 'Bug', priority: 'High', fixVersions: [] }), 'done|Done|High|Bug|'],
  ])('%s', (_case, facts, signature) => {
    expect(dependentsSignature(facts)).toBe(signature);
  });

  it('does not change with what dependents do not read (summary, fields, sign-offs, links)', () => {
    const facts = aReadyStory();
    expect(dependentsSignature({ ...facts, summary: 'Renamed', flagged: true, fields: {}, linked: [aLinkedIssue()], updated: facts.updated + 1 })).toBe(dependentsSignature(facts));
  });
});
