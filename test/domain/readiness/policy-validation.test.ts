import { type Criterion, type PolicyCatalog, defaultPolicy, maySign, policyFieldIds, validatePolicy } from '../../../src/domain/readiness/policy';

/**
 * What an admin sees when saving a readiness policy: every error and warning in full, with its
 * place and the criterion it belongs to. A small policy (Done in Jira, and one more criterion)
 * keeps each expected answer short.
 */
const done = { id: 'status-done', kind: 'status-done', label: 'Done in Jira', severity: 'blocking', issueTypes: [] };
const qa = { id: 'qa-passed', kind: 'manual', label: 'QA passed', severity: 'blocking', issueTypes: ['Story'], groups: ['qa-team'], accountIds: [] };
const policyOf = (...criteria: unknown[]) => ({ schemaVersion: 1, closeDays: 5, priorityOrder: ['Highest', 'High', 'Medium', 'Low'], criteria });
const withSettings = (settings: Record<string, unknown>) => ({ ...policyOf(done), ...settings });
const KINDS = 'status-done, resolution-set, fix-version-set, required-fields, subtasks-done, no-open-blockers, blockers-scheduled, no-open-bugs, not-flagged, manual';
const NOT_DONE = { path: 'criteria', message: 'No criterion asks for the issue to be Done.' };

describe('saving a readiness policy that cannot be saved: every problem, where it is', () => {
  it.each<[string, unknown, ReturnType<typeof validatePolicy>]>([
    // The settings as a whole.
    ['nothing at all', null, { errors: [{ path: 'policy', message: 'Must be a policy.' }], warnings: [] }],
    ['a list instead of settings', [], { errors: [{ path: 'policy', message: 'Must be a policy.' }], warnings: [] }],
    [
      'empty settings',
      {},
      {
        errors: [
          { path: 'closeDays', message: 'Required.' },
          { path: 'priorityOrder', message: 'Required.' },
          { path: 'criteria', message: 'Required.' },
        ],
        warnings: [],
      },
    ],
    ['one unknown setting', withSettings({ owner: 'me' }), { errors: [{ path: 'policy', message: 'Unknown setting: owner.' }], warnings: [] }],
    ['two unknown settings', withSettings({ owner: 'me', team: 'payments' }), { errors: [{ path: 'policy', message: 'Unknown settings: owner, team.' }], warnings: [] }],
    ['a later schema version', withSettings({ schemaVersion: 2 }), { errors: [{ path: 'schemaVersion', message: 'Must be 1.' }], warnings: [] }],
    ['an amber window typed as text', withSettings({ closeDays: '5' }), { errors: [{ path: 'closeDays', message: 'Must be a number.' }], warnings: [] }],
    ['an amber window of two and a half days', withSettings({ closeDays: 2.5 }), { errors: [{ path: 'closeDays', message: 'Must be a whole number.' }], warnings: [] }],
    ['an amber window of -1 days', withSettings({ closeDays: -1 }), { errors: [{ path: 'closeDays', message: 'Must be 0 or more.' }], warnings: [] }],
    ['an amber window of 91 days', withSettings({ closeDays: 91 }), { errors: [{ path: 'closeDays', message: 'Must be 90 or less.' }], warnings: [] }],
    ['criteria that are not a list', withSettings({ criteria: 'all' }), { errors: [{ path: 'criteria', message: 'Must be a list.' }], warnings: [] }],
    ['31 criteria', withSettings({ criteria: Array.from({ length: 31 }, (_, i) => ({ ...done, id: `c-${i}` })) }), { errors: [{ path: 'criteria', message: 'At most 30 criteria.' }], warnings: [] }],
    // The priority list.
    [
      'a priority list of blanks (the bug threshold is then in no list either)',
      { ...policyOf(done, { id: 'bugs', kind: 'no-open-bugs', label: 'No open bugs', severity: 'blocking', bugTypes: ['Bug'], minPriority: 'High' }), priorityOrder: [' ', ''] },
      {
        errors: [
          { path: 'priorityOrder', message: 'List the priorities, highest first.' },
          { path: 'criteria.1.minPriority', criterionId: 'bugs', message: '"High" is not in the priority list.' },
        ],
        warnings: [{ path: 'priorityOrder', message: 'Empty or repeated priorities were dropped.' }],
      },
    ],
    ['no criteria', policyOf(), { errors: [{ path: 'criteria', message: 'The policy needs at least one criterion.' }], warnings: [NOT_DONE] }],
    ['only a criterion that cannot be read', policyOf(null), { errors: [{ path: 'criteria.0', message: 'Must be a criterion.' }], warnings: [NOT_DONE] }],
    // One criterion's shape: the message names the criterion when it has a text id.
    ['a criterion that is not an object', policyOf(done, null), { errors: [{ path: 'criteria.1', message: 'Must be a criterion.' }], warnings: [] }],
    ['a criterion without kind', policyOf(done, { id: 'x', label: 'X', severity: 'blocking' }), { errors: [{ path: 'criteria.1.kind', criterionId: 'x', message: `Kind must be one of ${KINDS}.` }], warnings: [] }],
    ['a criterion of an unknown kind', policyOf(done, { ...done, id: 'mind', kind: 'telepathy' }), { errors: [{ path: 'criteria.1.kind', criterionId: 'mind', message: `Kind must be one of ${KINDS}.` }], warnings: [] }],
    ['a criterion without label', policyOf(done, { id: 'x', kind: 'resolution-set', severity: 'blocking' }), { errors: [{ path: 'criteria.1.label', criterionId: 'x', message: 'Required.' }], warnings: [] }],
    ['a criterion whose id is a number', policyOf(done, { ...done, id: 5 }), { errors: [{ path: 'criteria.1.id', message: 'Must be text.' }], warnings: [] }],
    ['a criterion with an unknown setting', policyOf(done, { ...qa, approvedBy: 'me' }), { errors: [{ path: 'criteria.1', criterionId: 'qa-passed', message: 'Unknown setting: approvedBy.' }], warnings: [] }],
    ['a label of 81 characters', policyOf(done, { ...qa, label: 'x'.repeat(81) }), { errors: [{ path: 'criteria.1.label', criterionId: 'qa-passed', message: 'At most 80 characters.' }], warnings: [] }],
    ['an unknown severity', policyOf(done, { ...qa, severity: 'fatal' }), { errors: [{ path: 'criteria.1.severity', criterionId: 'qa-passed', message: 'Must be blocking or advisory.' }], warnings: [] }],
    ['no severity', policyOf(done, { ...qa, severity: undefined }), { errors: [{ path: 'criteria.1.severity', criterionId: 'qa-passed', message: 'Must be blocking or advisory.' }], warnings: [] }],
    ['groups that are not a list', policyOf(done, { ...qa, groups: 'qa' }), { errors: [{ path: 'criteria.1.groups', criterionId: 'qa-passed', message: 'Must be a list.' }], warnings: [] }],
  ])('%s', (_case, input, expected) => {
    expect(validatePolicy(input)).toEqual(expected);
  });

  it.each<[string, unknown[], ReturnType<typeof validatePolicy>['errors']]>([
    ['no criteria', [], [{ path: 'criteria', message: 'The policy needs at least one criterion.' }]],
    ['an empty id', [{ ...done, id: '  ' }], [{ path: 'criteria.0.id', message: 'Give the criterion an id.' }]],
    ['an id with capitals and spaces', [{ ...done, id: 'Done in Jira' }], [{ path: 'criteria.0.id', criterionId: 'Done in Jira', message: 'Use lower-case letters, digits and dashes (at most 40), starting with a letter or digit.' }]],
    ['an id starting with a dash', [{ ...done, id: '-done' }], [{ path: 'criteria.0.id', criterionId: '-done', message: 'Use lower-case letters, digits and dashes (at most 40), starting with a letter or digit.' }]],
    ['an id with a dot at its end', [{ ...done, id: 'done.' }], [{ path: 'criteria.0.id', criterionId: 'done.', message: 'Use lower-case letters, digits and dashes (at most 40), starting with a letter or digit.' }]],
    ['one id twice', [done, { ...done, label: 'Done again' }], [{ path: 'criteria.1.id', criterionId: 'status-done', message: 'The id "status-done" is used twice: ids must be unique.' }]],
    ['a label of blanks', [{ ...done, label: '   ' }], [{ path: 'criteria.0.label', criterionId: 'status-done', message: 'Give the criterion a name people recognise.' }]],
    ['required fields without fields', [done, { ...done, id: 'filled', kind: 'required-fields', label: 'Filled', fields: [{ id: ' ', name: 'Nothing' }] }], [{ path: 'criteria.1.fields', criterionId: 'filled', message: 'Pick at least one field that must be filled.' }]],
    [
      'linked bugs without bug types or threshold',
      [done, { ...done, id: 'bugs', kind: 'no-open-bugs', label: 'No open bugs', bugTypes: [' '], minPriority: ' ' }],
      [
        { path: 'criteria.1.bugTypes', criterionId: 'bugs', message: 'Name the issue types that count as bugs.' },
        { path: 'criteria.1.minPriority', criterionId: 'bugs', message: 'Choose the priority from which an open bug blocks.' },
      ],
    ],
    ['a bug threshold not in the priority list', [done, { ...done, id: 'bugs', kind: 'no-open-bugs', label: 'No open bugs', bugTypes: ['Bug'], minPriority: 'Urgent' }], [{ path: 'criteria.1.minPriority', criterionId: 'bugs', message: '"Urgent" is not in the priority list.' }]],
    ['a flag criterion without field', [done, { ...done, id: 'flag', kind: 'not-flagged', label: 'Not flagged', fieldId: ' ' }], [{ path: 'criteria.1.fieldId', criterionId: 'flag', message: 'Name the Flagged field.' }]],
    ['a manual check nobody may sign', [done, { ...qa, groups: [' '], accountIds: [''] }], [{ path: 'criteria.1.groups', criterionId: 'qa-passed', message: 'Name at least one group (or person) who may sign this check off.' }]],
  ])('%s', (_case, criteria, errors) => {
    const result = validatePolicy(policyOf(...criteria));
    expect(result.policy).toBeUndefined();
    expect(result.errors).toEqual(errors);
  });

  it('takes a bug threshold in any case, and a manual check only named people may sign', () => {
    const bugs = { ...done, id: 'bugs', kind: 'no-open-bugs', label: 'No open bugs', bugTypes: ['Bug'], minPriority: 'high' };
    const security = { ...qa, id: 'security', label: 'Security review', groups: [], accountIds: ['acc-sec'] };
    expect(validatePolicy(policyOf(done, bugs, security))).toMatchObject({ errors: [], warnings: [] });
  });
});

describe('saving a readiness policy with warnings: saved, with what is worth a look', () => {
  it.each<[string, unknown, PolicyCatalog, ReturnType<typeof validatePolicy>['warnings']]>([
    ['nothing to warn about', policyOf(done, qa, { ...done, id: 'filled', kind: 'required-fields', label: 'Filled', fields: [{ id: 'components', name: 'Components' }] }), { issueTypes: ['story', 'Bug'], fieldIds: ['components'] }, []],
    ['every criterion advisory', policyOf({ ...done, severity: 'advisory' }, { ...qa, severity: 'advisory' }), {}, [{ path: 'criteria', message: 'Every criterion is advisory: no issue can ever be Red.' }]],
    ['no criterion asks for Done', policyOf(qa), {}, [NOT_DONE]],
    ['a zero-day amber window', { ...policyOf(done), closeDays: 0 }, {}, [{ path: 'closeDays', message: 'With 0 days, open work turns Amber only on the release day.' }]],
    ['repeated priorities', { ...policyOf(done), priorityOrder: ['High', 'high', ' ', 'Low'] }, {}, [{ path: 'priorityOrder', message: 'Empty or repeated priorities were dropped.' }]],
    ['two criteria with one name (any case)', policyOf(done, { ...qa, label: 'done in jira' }), {}, [{ path: 'criteria.1.label', criterionId: 'qa-passed', message: 'Another criterion is also called "done in jira".' }]],
    [
      'issue types the project lacks',
      policyOf(done, { ...qa, issueTypes: ['Story', 'Epic', 'Spike'] }),
      { issueTypes: ['STORY', 'Bug'] },
      [{ path: 'criteria.1.issueTypes', criterionId: 'qa-passed', message: 'Not an issue type of this project: Epic, Spike.' }],
    ],
    [
      'fields Jira does not know',
      policyOf(done, { ...done, id: 'filled', kind: 'required-fields', label: 'Filled', fields: [{ id: 'components', name: 'Components' }, { id: 'customfield_99', name: 'Acceptance criteria' }, { id: 'customfield_98', name: 'Risk' }] }),
      { fieldIds: ['components'] },
      [{ path: 'criteria.1.fields', criterionId: 'filled', message: 'Jira does not know these fields: Acceptance criteria, Risk.' }],
    ],
  ])('%s', (_case, input, catalog, warnings) => {
    const result = validatePolicy(input, catalog);
    expect(result.errors).toEqual([]);
    expect(result.policy).toBeDefined();
    expect(result.warnings).toEqual(warnings);
  });
});

describe('normalising a policy as an admin typed it', () => {
  it('keeps the amber window, the priorities without blanks or repeats, and each criterion trimmed', () => {
    const typed = {
      closeDays: 3,
      priorityOrder: [' Highest', 'High', 'high', ''],
      criteria: [
        { ...done, id: ' status-done ', label: ' Done in Jira ', issueTypes: [' Story', 'story', '', 'Bug '] },
        { id: 'filled', kind: 'required-fields', label: 'Filled', severity: 'advisory', fields: [{ id: ' components ', name: ' ' }, { id: 'components', name: 'Components' }, { id: 'customfield_10016', name: ' Story points ' }] },
        { id: 'bugs', kind: 'no-open-bugs', label: 'No open bugs', severity: 'blocking', bugTypes: ['Bug', ' bug', 'Defect '], minPriority: ' High ' },
        { id: 'flag', kind: 'not-flagged', label: 'Not flagged', severity: 'advisory', fieldId: ' customfield_10021 ' },
        { id: 'qa', kind: 'manual', label: 'QA passed', severity: 'blocking', groups: [' qa-team', 'QA-Team'], accountIds: [' acc-1 ', 'acc-1'], description: ' Tested on staging. ' },
        { id: 'docs', kind: 'manual', label: 'Docs written', severity: 'advisory', groups: ['tech-writers'], description: '   ' },
      ],
    };
    expect(validatePolicy(typed)).toEqual({
      policy: {
        schemaVersion: 1,
        closeDays: 3,
        priorityOrder: ['Highest', 'High'],
        criteria: [
          { id: 'status-done', kind: 'status-done', label: 'Done in Jira', severity: 'blocking', issueTypes: ['Story', 'Bug'] },
          { id: 'filled', kind: 'required-fields', label: 'Filled', severity: 'advisory', issueTypes: [], fields: [{ id: 'components', name: 'components' }, { id: 'customfield_10016', name: 'Story points' }] },
          { id: 'bugs', kind: 'no-open-bugs', label: 'No open bugs', severity: 'blocking', issueTypes: [], bugTypes: ['Bug', 'Defect'], minPriority: 'High' },
          { id: 'flag', kind: 'not-flagged', label: 'Not flagged', severity: 'advisory', issueTypes: [], fieldId: 'customfield_10021' },
          { id: 'qa', kind: 'manual', label: 'QA passed', severity: 'blocking', issueTypes: [], groups: ['qa-team'], accountIds: ['acc-1'], description: 'Tested on staging.' },
          { id: 'docs', kind: 'manual', label: 'Docs written', severity: 'advisory', issueTypes: [], groups: ['tech-writers'], accountIds: [] },
        ],
      },
      errors: [],
      warnings: [{ path: 'priorityOrder', message: 'Empty or repeated priorities were dropped.' }],
    });
  });
});

// Each test reads defaultPolicy() itself: what a describe block computes is computed once, before any test runs.
describe('the default policy a project starts with', () => {
  const row = (c: Criterion) => [c.id, c.kind, c.severity, c.issueTypes.join('/') || 'every type', c.kind === 'manual' ? [...c.groups, ...c.accountIds].join(' or ') : ''];

  it('turns open work Amber 5 days before the release, with Jira’s priorities', () => {
    const policy = defaultPolicy();
    expect([policy.closeDays, policy.priorityOrder]).toEqual([5, ['Highest', 'High', 'Medium', 'Low', 'Lowest']]);
  });

  it('asks for every automatic criterion and three sign-offs, each for the issue types it suits', () => {
    expect(defaultPolicy().criteria.map(row)).toEqual([
      ['status-done', 'status-done', 'blocking', 'every type', ''],
      ['resolution-set', 'resolution-set', 'blocking', 'every type', ''],
      ['fix-version-set', 'fix-version-set', 'blocking', 'every type', ''],
      ['required-fields', 'required-fields', 'advisory', 'Story', ''],
      ['subtasks-done', 'subtasks-done', 'blocking', 'every type', ''],
      ['no-open-blockers', 'no-open-blockers', 'blocking', 'every type', ''],
      ['blockers-scheduled', 'blockers-scheduled', 'blocking', 'every type', ''],
      ['no-open-bugs', 'no-open-bugs', 'blocking', 'every type', ''],
      ['not-flagged', 'not-flagged', 'advisory', 'every type', ''],
      ['qa-passed', 'manual', 'blocking', 'Story/Task/Bug', 'qa-team'],
      ['code-reviewed', 'manual', 'blocking', 'Story/Task/Bug', 'developers'],
      ['release-note', 'manual', 'advisory', 'Story/Bug', 'tech-writers or release-managers'],
    ]);
  });

  it('counts open Bugs of High or above, reads Jira Cloud’s usual fields, and says what each sign-off confirms', () => {
    const policy = defaultPolicy();
    expect(policy.criteria.filter((c) => c.kind === 'no-open-bugs')).toEqual([expect.objectContaining({ bugTypes: ['Bug'], minPriority: 'High' })]);
    expect(policyFieldIds(policy)).toEqual(['components', 'customfield_10016', 'customfield_10021']);
    expect(policy.criteria.flatMap((c) => (c.kind === 'manual' ? [[c.label, c.description]] : []))).toEqual([
      ['QA passed', 'Tested on staging against the acceptance criteria.'],
      ['Code reviewed', 'Every change was reviewed and merged.'],
      ['Docs and release note written', 'User docs updated and a release note drafted.'],
    ]);
  });

  it('is a new object each time, so one project’s edits do not reach another’s', () => {
    const mine = defaultPolicy();
    mine.priorityOrder.push('Blocker');
    (mine.criteria[3] as Extract<Criterion, { kind: 'required-fields' }>).fields[0]!.name = 'Teams';
    expect(defaultPolicy().priorityOrder).toHaveLength(5);
    expect(defaultPolicy().criteria[3]).toMatchObject({ fields: [{ id: 'components', name: 'Components' }, { id: 'customfield_10016', name: 'Story point estimate' }] });
  });
});

describe('who may sign a check off', () => {
  const check = { ...(qa as object), groups: ['QA-Team', 'release-managers'], accountIds: ['acc-lead'] } as Extract<Criterion, { kind: 'manual' }>;
  it.each<[string, Parameters<typeof maySign>[1], boolean]>([
    ['a person the check names, in no group', { accountId: 'acc-lead' }, true],
    ['a member of one of its groups (Jira group names ignore case)', { accountId: 'acc-1', groups: new Set(['qa-team']) }, true],
    ['a member of its second group', { accountId: 'acc-2', groups: new Set(['developers', 'release-managers']) }, true],
    ['a member of other groups only', { accountId: 'acc-3', groups: new Set(['developers']) }, false],
    ['someone whose groups were not read', { accountId: 'acc-4' }, false],
  ])('%s: %s', (_case, signer, expected) => {
    expect(maySign(check, signer)).toBe(expected);
  });
});
