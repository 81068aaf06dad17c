import { type ReadinessPolicy, type ManualCheck, defaultPolicy } from '../../../src/domain/readiness/policy';
import { SIGN_OFF_ISSUES_LISTED, signOffsWaitingFor } from '../../../src/domain/readiness/pending-sign-offs';
import type { ShardEntry } from '../../../src/domain/readiness/rollup';
import { summarizeRelease } from '../../../src/domain/readiness/summary';
import { anEntry } from '../../support/readiness-builders';

const check = (id: string, over: Partial<ManualCheck>): ManualCheck => ({ id, kind: 'manual', label: id, severity: 'blocking', issueTypes: [], groups: [], accountIds: [], ...over });
const policy: ReadinessPolicy = {
  ...defaultPolicy(),
  criteria: [check('qa-passed', { groups: ['QA-Team'], issueTypes: ['Story', 'Bug'] }), check('security', { accountIds: ['acc-sec'], issueTypes: ['Story'] })],
};
const issue = (key: string, issueType = 'Story', s: string[] = []) => anEntry({ id: key, key, summary: `Summary of ${key}`, issueType, s });
/** The release as its summary holds it: the sets of outstanding checks. */
const release = (issues: ShardEntry[]) => [
  { versionId: '1', versionName: 'SHOP 2.4', releaseDate: '2026-12-03', pending: summarizeRelease(policy, { versionId: '1', policyRev: 1, rollupRev: 1, updatedAt: '' }, issues).pending },
];
const listed = (signer: { accountId: string; groups?: Set<string> }, issues: ReturnType<typeof issue>[]) =>
  signOffsWaitingFor(signer, policy, release(issues)).flatMap((r) => r.issues.map((i) => `${i.issueKey}: ${i.checks.map((c) => c.criterionId).join(', ')}`));

describe('the readiness sign-offs waiting for me', () => {
  it.each([
    ['a member of the check’s group (any case) owes it on the types it applies to', { accountId: 'acc-qa', groups: new Set(['qa-team']) }, [issue('SHOP-1'), issue('SHOP-2', 'Task')], ['SHOP-1: qa-passed']],
    ['a named person owes their check', { accountId: 'acc-sec' }, [issue('SHOP-1'), issue('SHOP-2', 'Bug')], ['SHOP-1: security']],
    ['a check signed already is not owed', { accountId: 'acc-qa', groups: new Set(['qa-team']) }, [issue('SHOP-1', 'Story', ['qa-passed'])], []],
    ['someone else’s signed check leaves mine owed', { accountId: 'acc-sec', groups: new Set(['qa-team']) }, [issue('SHOP-1', 'Story', ['qa-passed'])], ['SHOP-1: security']],
    ['someone in none of the groups and not named owes nothing', { accountId: 'acc-dev', groups: new Set(['developers']) }, [issue('SHOP-1')], []],
    ['issues come in key order', { accountId: 'acc-sec' }, [issue('SHOP-10'), issue('SHOP-9')], ['SHOP-9: security', 'SHOP-10: security']],
    ['issues owing different checks merge in key order', { accountId: 'acc-sec', groups: new Set(['qa-team']) }, [issue('SHOP-3', 'Story', ['qa-passed']), issue('SHOP-2'), issue('SHOP-1', 'Bug')], ['SHOP-1: qa-passed', 'SHOP-2: qa-passed, security', 'SHOP-3: security']],
  ])('%s', (_case, signer, issues, expected) => {
    expect(listed(signer, issues)).toEqual(expected);
  });

  it('lists the first few issues of a release and counts them all', () => {
    const many = Array.from({ length: SIGN_OFF_ISSUES_LISTED + 3 }, (_, i) => issue(`SHOP-${i + 1}`));
    const [waiting] = signOffsWaitingFor({ accountId: 'acc-sec' }, policy, release(many));
    expect(waiting).toMatchObject({ versionName: 'SHOP 2.4', releaseDate: '2026-12-03', issueCount: SIGN_OFF_ISSUES_LISTED + 3 });
    expect(waiting?.issues).toHaveLength(SIGN_OFF_ISSUES_LISTED);
  });
});

describe('the readiness sign-offs waiting for me, as the Go/No-Go board shows them', () => {
  const set = (checks: string[], keys: string[], count = keys.length) => ({ checks, count, first: keys.map((key) => ({ key, summary: `Summary of ${key}` })) });
  const releases = [
    { versionId: '10005', versionName: 'SHOP 2.4', releaseDate: '2026-12-03', pending: [set(['qa-passed'], ['SHOP-3', 'SHOP-12'], 9), set(['qa-passed', 'security'], ['SHOP-1'])] },
    { versionId: '10006', versionName: 'SHOP 2.5', pending: [set(['security'], ['SHOP-40'])] },
    { versionId: '10007', versionName: 'SHOP 3.0', pending: [set(['qa-passed'], ['SHOP-50'])] },
  ];
  const qa = { criterionId: 'qa-passed', label: 'qa-passed' };
  const security = { criterionId: 'security', label: 'security' };

  it.each<[string, Parameters<typeof signOffsWaitingFor>[0], ReturnType<typeof signOffsWaitingFor>]>([
    [
      'a QA member who is also the named security reviewer',
      { accountId: 'acc-sec', groups: new Set(['qa-team']) },
      [
        {
          versionId: '10005',
          versionName: 'SHOP 2.4',
          releaseDate: '2026-12-03',
          issueCount: 10,
          issues: [
            { issueKey: 'SHOP-1', summary: 'Summary of SHOP-1', checks: [qa, security] },
            { issueKey: 'SHOP-3', summary: 'Summary of SHOP-3', checks: [qa] },
            { issueKey: 'SHOP-12', summary: 'Summary of SHOP-12', checks: [qa] },
          ],
        },
        { versionId: '10006', versionName: 'SHOP 2.5', issueCount: 1, issues: [{ issueKey: 'SHOP-40', summary: 'Summary of SHOP-40', checks: [security] }] },
        { versionId: '10007', versionName: 'SHOP 3.0', issueCount: 1, issues: [{ issueKey: 'SHOP-50', summary: 'Summary of SHOP-50', checks: [qa] }] },
      ],
    ],
    [
      'the security reviewer only: releases without their check are left out',
      { accountId: 'acc-sec' },
      [
        { versionId: '10005', versionName: 'SHOP 2.4', releaseDate: '2026-12-03', issueCount: 1, issues: [{ issueKey: 'SHOP-1', summary: 'Summary of SHOP-1', checks: [security] }] },
        { versionId: '10006', versionName: 'SHOP 2.5', issueCount: 1, issues: [{ issueKey: 'SHOP-40', summary: 'Summary of SHOP-40', checks: [security] }] },
      ],
    ],
    ['someone who may sign no check', { accountId: 'acc-dev', groups: new Set(['developers']) }, []],
  ])('%s', (_case, signer, expected) => {
    expect(signOffsWaitingFor(signer, policy, releases)).toEqual(expected);
  });
});
