import { RELEASE_TYPES } from '../../../src/contract-go-no-go';
import { defaultPolicies, inferReleaseType, policyProblems } from '../../../src/domain/go-no-go/policies';
import { aRole } from '../../support/go-no-go-builders';

describe('release types', () => {
  it.each([
    ['SHOP 3.0', undefined, 'major'],
    ['SHOP 2.4', 'One-page checkout', 'minor'],
    ['SHOP 2.3.1', undefined, 'patch'],
    ['SHOP 2.3.1', 'Hotfix bundle: checkout rounding', 'hotfix'],
    ['PAY 3.1.2 hot fix', undefined, 'hotfix'],
    ['Emergency change 14', undefined, 'emergency'],
    ['Spring release', undefined, 'minor'],
    ['SHOP 2.0.0', undefined, 'major'],
  ])('infers %s (%s) as %s until someone chooses', (name, description, type) => {
    expect(inferReleaseType({ name, ...(description ? { description } : {}) })).toBe(type);
  });

  it.each(RELEASE_TYPES)('the default %s policy is consistent', (type) => {
    expect(policyProblems(defaultPolicies()[type])).toEqual([]);
  });

  it('has a major release signed off by QA, Product, Operations, Security and Business, every one of them', () => {
    const { roles, quorum } = defaultPolicies().major;
    expect(roles.map((r) => [r.id, r.name])).toEqual([
      ['qa', 'QA'],
      ['product', 'Product'],
      ['operations', 'Operations'],
      ['security', 'Security'],
      ['business', 'Business'],
    ]);
    expect(quorum).toEqual({ kind: 'all' });
  });

  it('gives emergency and hotfix releases a reduced criteria set and a review deadline', () => {
    const p = defaultPolicies();
    expect(p.emergency.criteria.length).toBeLessThan(p.patch.criteria.length);
    expect(p.hotfix.criteria.length).toBeLessThan(p.minor.criteria.length);
    expect(p.emergency.pirDueDays).not.toBeNull();
    expect(p.hotfix.pirDueDays).not.toBeNull();
    expect(p.major.pirDueDays).toBeNull();
  });

  it.each([
    ['a quorum larger than the roles', { quorum: { kind: 'at-least' as const, count: 3 } }, 'quorum asks for 3'],
    ['two roles with one id', { roles: [aRole('qa', []), aRole('qa', [])] }, 'appears twice'],
    ['an approver named twice', { roles: [aRole('qa', ['a', 'a'])] }, 'same approver twice'],
    ['a manual criterion without the m- prefix', { criteria: [{ id: 'rollback', kind: 'manual' as const, title: 'Rollback', blocking: true }] }, 'starting with "m-"'],
  ])('finds %s', (_case, change, problem) => {
    const policy = { ...defaultPolicies().patch, ...change };
    expect(policyProblems(policy).join(' ')).toContain(problem);
  });

  it.each([
    ['a quorum of 3 with one role', { roles: [aRole('qa', [])], quorum: { kind: 'at-least' as const, count: 3 } }, 'The quorum asks for 3 approving roles, but there is 1 role.'],
    ['a quorum of 0 with two roles', { roles: [aRole('qa', []), aRole('ops', [])], quorum: { kind: 'at-least' as const, count: 0 } }, 'The quorum asks for 0 approving roles, but there are 2 roles.'],
    [
      'roles without the quorum criterion',
      { roles: [aRole('qa', [])], criteria: defaultPolicies().patch.criteria.filter((c) => c.rule !== 'sign-off-quorum') },
      'Roles are set up but no criterion asks for their sign-off quorum.',
    ],
  ])('says in full what is wrong with %s', (_case, change, problem) => {
    expect(policyProblems({ ...defaultPolicies().patch, ...change })).toEqual([problem]);
  });

  it('accepts a release type with neither roles nor a quorum criterion', () => {
    const criteria = defaultPolicies().patch.criteria.filter((c) => c.rule !== 'sign-off-quorum');
    expect(policyProblems({ ...defaultPolicies().patch, roles: [], criteria })).toEqual([]);
  });
});
