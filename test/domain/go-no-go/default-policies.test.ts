import type { CriterionDefinition, ReleaseTypePolicy } from '../../../src/contract-go-no-go';
import { defaultPolicies, policyProblems } from '../../../src/domain/go-no-go/policies';
import { aRole } from '../../support/go-no-go-builders';

/** A criterion as a release manager reads the policy: automatic or manual, blocking or advisory. */
const listed = (c: CriterionDefinition) => `${c.kind} ${c.blocking ? 'blocking' : 'advisory'} ${c.id}: ${c.title}${c.kind === 'auto' ? ` (rule ${c.rule})` : ''}`;
const readable = (p: ReleaseTypePolicy) => ({ criteria: p.criteria.map(listed), roles: p.roles.map((r) => `${r.id} ${r.name} [${r.approverAccountIds.join(', ')}]`), quorum: p.quorum, pirDueDays: p.pirDueDays });

/** Major and minor releases check all seven automatic criteria, three of them advisory. */
const EVERY_AUTOMATIC_CRITERION = [
  'auto blocking issues-ready: 100% of issues ready (rule issues-ready)',
  'auto blocking no-open-blocker-bugs: No open Highest/High bugs (rule no-open-blocker-bugs)',
  'auto blocking no-open-blocking-links: No issue blocked by an open issue (rule no-open-blocking-links)',
  'auto advisory environment-slots-done: All required environment slots done (rule environment-slots-done)',
  'auto advisory no-calendar-conflicts: No conflicts on the release calendar (rule no-calendar-conflicts)',
  'auto advisory no-open-high-risks: No open high or critical risks (rule no-open-high-risks)',
  'auto blocking sign-off-quorum: Sign-off quorum reached (rule sign-off-quorum)',
];

describe('the policies a project starts from, whole', () => {
  it.each([
    [
      'major',
      {
        criteria: [
          ...EVERY_AUTOMATIC_CRITERION,
          'manual blocking m-change-approval: Change approved by the change advisory board',
          'manual blocking m-rollback-plan: Rollback plan tested',
          'manual advisory m-release-notes: Release notes published',
          'manual advisory m-runbook: Runbook and monitoring updated',
        ],
        roles: ['qa QA []', 'product Product []', 'operations Operations []', 'security Security []', 'business Business []'],
        quorum: { kind: 'all' },
        pirDueDays: null,
      },
    ],
    [
      'minor',
      {
        criteria: [
          ...EVERY_AUTOMATIC_CRITERION,
          'manual blocking m-rollback-plan: Rollback plan tested',
          'manual advisory m-release-notes: Release notes published',
        ],
        roles: ['qa QA []', 'product Product []', 'operations Operations []'],
        quorum: { kind: 'all' },
        pirDueDays: null,
      },
    ],
    [
      'patch',
      {
        criteria: [
          'auto blocking issues-ready: 100% of issues ready (rule issues-ready)',
          'auto blocking no-open-blocker-bugs: No open Highest/High bugs (rule no-open-blocker-bugs)',
          'auto blocking no-open-blocking-links: No issue blocked by an open issue (rule no-open-blocking-links)',
          'auto blocking sign-off-quorum: Sign-off quorum reached (rule sign-off-quorum)',
          'manual blocking m-rollback-plan: Rollback plan ready',
        ],
        roles: ['qa QA []', 'operations Operations []'],
        quorum: { kind: 'all' },
        pirDueDays: null,
      },
    ],
    [
      'hotfix',
      {
        criteria: [
          'auto blocking issues-ready: 100% of issues ready (rule issues-ready)',
          'auto blocking sign-off-quorum: Sign-off quorum reached (rule sign-off-quorum)',
          'manual blocking m-fix-verified: Fix verified in a production-like environment',
          'manual blocking m-rollback-plan: Rollback plan ready',
        ],
        roles: ['qa QA []', 'operations Operations []'],
        quorum: { kind: 'all' },
        pirDueDays: 5,
      },
    ],
    [
      'emergency',
      {
        criteria: [
          'auto blocking sign-off-quorum: Sign-off quorum reached (rule sign-off-quorum)',
          'manual blocking m-incident-reference: Incident reference recorded',
          'manual advisory m-rollback-plan: Rollback plan ready',
        ],
        roles: ['operations Operations []', 'product Product []'],
        quorum: { kind: 'at-least', count: 1 },
        pirDueDays: 2,
      },
    ],
  ] as const)('a %s release', (type, expected) => {
    expect(readable(defaultPolicies()[type])).toEqual(expected);
  });

  it('gives manual criteria no rule', () => {
    expect(Object.values(defaultPolicies()).flatMap((p) => p.criteria.filter((c) => c.kind === 'manual' && 'rule' in c))).toEqual([]);
  });
});

describe('what is wrong with a policy, in full', () => {
  const patch = () => defaultPolicies().patch;
  const criterion = (c: Partial<CriterionDefinition>): CriterionDefinition => ({ id: 'm-x', kind: 'manual', title: 'X', blocking: true, ...c });
  it.each<[string, Partial<ReleaseTypePolicy>, string[]]>([
    ['a criterion id twice', { criteria: [...patch().criteria, criterion({ id: 'm-rollback-plan', title: 'Rollback plan rehearsed' })] }, ['The criterion id "m-rollback-plan" appears twice.']],
    ['an automatic criterion under another id', { criteria: [...patch().criteria, { id: 'ready', kind: 'auto', rule: 'issues-ready', title: 'Ready', blocking: true }] }, ['The automatic criterion "Ready" must have its rule as id.']],
    ['a manual criterion with a rule', { criteria: [...patch().criteria, criterion({ id: 'm-ready', rule: 'issues-ready', title: 'Ready' })] }, ['The manual criterion "Ready" needs an id starting with "m-" and no rule.']],
    ['a criterion titled with blanks only', { criteria: [...patch().criteria, criterion({ title: '   ' })] }, ['Every criterion needs a title.']],
    ['a role named with blanks only', { roles: [...patch().roles, aRole('security', [])].map((r) => (r.id === 'security' ? { ...r, name: '  ' } : r)) }, ['Every role needs a name.']],
    ['a quorum of every role, counted', { quorum: { kind: 'at-least', count: 2 } }, []],
    ['a quorum of all roles with none set up', { roles: [], quorum: { kind: 'all' } }, []],
  ])('%s', (_case, change, problems) => {
    expect(policyProblems({ ...patch(), ...change })).toEqual(problems);
  });
});
