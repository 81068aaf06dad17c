import { type Criterion, type ReadinessPolicy, appliesTo, defaultPolicy, policyFieldIds, validatePolicy } from '../../../src/domain/readiness/policy';

const withCriteria = (...criteria: unknown[]): unknown => ({ ...defaultPolicy(), criteria });
const manual = (overrides: Record<string, unknown> = {}) => ({ id: 'qa-passed', kind: 'manual', label: 'QA passed', severity: 'blocking', issueTypes: [], groups: ['qa-team'], accountIds: [], ...overrides });
const simple = (kind: string, overrides: Record<string, unknown> = {}) => ({ id: kind, kind, label: kind, severity: 'blocking', issueTypes: [], ...overrides });

describe('the default readiness policy', () => {
  it('is valid, has every automatic criterion once and three manual checks', () => {
    const result = validatePolicy(defaultPolicy());
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.policy).toEqual(defaultPolicy());
    const kinds = defaultPolicy().criteria.map((c) => c.kind);
    expect(new Set(kinds.filter((k) => k !== 'manual')).size).toBe(9);
    expect(kinds.filter((k) => k === 'manual')).toHaveLength(3);
  });

  it('names the fields it needs read from Jira', () => {
    expect(policyFieldIds(defaultPolicy()).sort()).toEqual(['components', 'customfield_10016', 'customfield_10021']);
  });

  it.each([
    [[], 'Bug', true],
    [['Story', 'Bug'], 'bug', true],
    [['Story'], 'Sub-task', false],
  ])('a criterion for %j applies to a %s: %s', (issueTypes, type, expected) => {
    const criterion = { ...defaultPolicy().criteria[0], issueTypes } as Criterion;
    expect(appliesTo(criterion, type)).toBe(expected);
  });
});

describe('policy validation: errors (nothing can be saved)', () => {
  it.each<[string, unknown, string, RegExp]>([
    ['no criteria', withCriteria(), 'criteria', /at least one criterion/],
    ['two criteria with one id', withCriteria(manual(), manual({ label: 'QA again' })), 'criteria.1.id', /used twice/],
    ['an empty id', withCriteria(manual({ id: '' })), 'criteria.0.id', /Give the criterion an id/],
    ['an id with spaces', withCriteria(manual({ id: 'QA passed' })), 'criteria.0.id', /lower-case letters/],
    ['an empty label', withCriteria(manual({ label: '   ' })), 'criteria.0.label', /name people recognise/],
    ['an unknown kind', withCriteria(simple('telepathy')), 'criteria.0.kind', /kind must be one of/i],
    ['an unknown severity', withCriteria(simple('status-done', { severity: 'fatal' })), 'criteria.0.severity', /blocking or advisory/],
    ['a manual check nobody may sign', withCriteria(manual({ groups: [' '], accountIds: [] })), 'criteria.0.groups', /at least one group/],
    ['required fields without fields', withCriteria(simple('required-fields', { fields: [] })), 'criteria.0.fields', /at least one field/],
    ['a bug threshold not in the priority list', withCriteria(simple('no-open-bugs', { bugTypes: ['Bug'], minPriority: 'Urgent' })), 'criteria.0.minPriority', /not in the priority list/],
    ['bugs without bug types', withCriteria(simple('no-open-bugs', { bugTypes: [], minPriority: 'High' })), 'criteria.0.bugTypes', /count as bugs/],
    ['a flag criterion without field', withCriteria(simple('not-flagged', { fieldId: ' ' })), 'criteria.0.fieldId', /Flagged field/],
    ['an unknown setting (tampered payload)', { ...defaultPolicy(), owner: 'me' }, 'policy', /Unknown setting: owner/],
    ['an unknown setting on a criterion', withCriteria(manual({ approvedBy: 'me' })), 'criteria.0', /Unknown setting: approvedBy/],
    ['a negative amber window', { ...defaultPolicy(), closeDays: -1 }, 'closeDays', /0 or more/],
    ['a fractional amber window', { ...defaultPolicy(), closeDays: 2.5 }, 'closeDays', /whole number/],
    ['an empty priority list', { ...defaultPolicy(), priorityOrder: [] }, 'priorityOrder', /highest first/],
    ['more than 30 criteria', withCriteria(...Array.from({ length: 31 }, (_, i) => simple('status-done', { id: `c-${i}` }))), 'criteria', /at most 30/i],
    ['a label of 81 characters', withCriteria(manual({ label: 'x'.repeat(81) })), 'criteria.0.label', /at most 80/i],
    // The settings page runs this without zod's English messages (zod/mini): each check says its own.
    ['an amber window typed as text', { ...defaultPolicy(), closeDays: '5' }, 'closeDays', /^Must be a number\.$/],
    ['a label that is a number', withCriteria(manual({ label: 5 })), 'criteria.0.label', /^Must be text\.$/],
    ['groups that are not a list', withCriteria(manual({ groups: 'qa' })), 'criteria.0.groups', /^Must be a list\.$/],
  ])('%s', (_case, input, path, message) => {
    const result = validatePolicy(input);
    expect(result.policy).toBeUndefined();
    expect(result.errors).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });

  it.each([null, undefined, 'policy', 42, [], { criteria: 'all' }, { criteria: [null, 1, 'x'] }, { closeDays: '5' }])('never throws on %j', (input) => {
    expect(() => validatePolicy(input)).not.toThrow();
    expect(validatePolicy(input).errors.length).toBeGreaterThan(0);
  });

  it('names the criterion a problem belongs to', () => {
    const result = validatePolicy(withCriteria(simple('status-done'), manual({ groups: [] })));
    expect(result.errors).toEqual([expect.objectContaining({ criterionId: 'qa-passed', path: 'criteria.1.groups' })]);
  });
});

describe('policy validation: warnings (saved anyway)', () => {
  it.each<[string, unknown, { issueTypes?: string[]; fieldIds?: string[] }, string, RegExp]>([
    ['every criterion advisory', withCriteria(simple('status-done', { severity: 'advisory' })), {}, 'criteria', /no issue can ever be Red/],
    ['no status criterion', withCriteria(manual()), {}, 'criteria', /No criterion asks for the issue to be Done/],
    ['an issue type the project lacks', withCriteria(simple('status-done', { issueTypes: ['Epic'] })), { issueTypes: ['Story', 'Bug'] }, 'criteria.0.issueTypes', /Not an issue type of this project: Epic/],
    ['a field Jira does not know', withCriteria(simple('status-done'), simple('required-fields', { fields: [{ id: 'customfield_99', name: 'Acceptance criteria' }] })), { fieldIds: ['components'] }, 'criteria.1.fields', /Acceptance criteria/],
    ['two criteria with one name', withCriteria(simple('status-done', { label: 'Done' }), simple('resolution-set', { label: 'done' })), {}, 'criteria.1.label', /also called/],
    ['a zero-day amber window', { ...defaultPolicy(), closeDays: 0 }, {}, 'closeDays', /only on the release day/],
  ])('%s', (_case, input, catalog, path, message) => {
    const result = validatePolicy(input, catalog);
    expect(result.errors).toEqual([]);
    expect(result.policy).toBeDefined();
    expect(result.warnings).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });
});

describe('policy validation: normalising what people type', () => {
  it('trims names and drops empty and repeated entries', () => {
    const result = validatePolicy(
      withCriteria(
        simple('status-done'),
        manual({ label: '  QA passed ', groups: [' qa-team', 'QA-team', ''], issueTypes: ['Story', 'story', ' Bug '], description: '  ' }),
        simple('required-fields', { fields: [{ id: ' components ', name: '' }, { id: 'components', name: 'Components' }] }),
      ),
    );
    const policy = result.policy as ReadinessPolicy;
    expect(policy.criteria[1]).toEqual({ id: 'qa-passed', kind: 'manual', label: 'QA passed', severity: 'blocking', issueTypes: ['Story', 'Bug'], groups: ['qa-team'], accountIds: [] });
    expect(policy.criteria[2]).toMatchObject({ fields: [{ id: 'components', name: 'components' }] });
  });
});
