import { type TemplateCatalog, defaultTemplate, fillIntro, templateFieldIds, validateTemplate } from '../../../src/domain/release-notes/template';
import { template } from './fixtures';

/** Shaped like GET /rest/api/3/field and GET /rest/api/3/project/SHOP (issueTypes, components). */
const CATALOG: TemplateCatalog = {
  fields: [
    { id: 'summary', name: 'Summary', custom: false, schemaType: 'string' },
    { id: 'customfield_10016', name: 'Story point estimate', custom: true, schemaType: 'number' },
    { id: 'customfield_10050', name: 'Release notes', custom: true, schemaType: 'string' },
    { id: 'customfield_10051', name: 'Upgrade notes', custom: true, schemaType: 'string' },
  ],
  issueTypes: ['Story', 'Task', 'Bug', 'Incident'],
  components: ['Checkout', 'Search'],
};

describe('validating a template against the site', () => {
  it('accepts the default template and the fixture template', () => {
    expect(validateTemplate(defaultTemplate(), CATALOG)).toEqual([]);
    expect(validateTemplate(template(), CATALOG)).toEqual([]);
  });

  const section = (rules: object) => ({ id: 's', title: 'S', issueTypes: [], labels: [], components: [], status: 'done' as const, ...rules });

  it.each([
    ['an unknown release-note field', { releaseNoteField: 'customfield_99999' }, 'Release-note field: the field customfield_99999 does not exist in Jira (or the app cannot see it).'],
    ['a number field for upgrade notes', { upgradeNotesField: 'customfield_10016' }, 'Upgrade-notes field: Story point estimate (customfield_10016) is not a text field.'],
    ['the same field twice', { upgradeNotesField: 'customfield_10050' }, 'The release-note field and the upgrade-notes field must be different fields.'],
    ['an unknown placeholder', { intro: 'Hello {customer}' }, 'Intro: unknown placeholder {customer}. Use {project}, {projectKey}, {version}, {releaseDate}, {issueCount}.'],
    ['an unknown issue type', { sections: [section({ issueTypes: ['Epic'] })] }, 'Section 1 "S": the issue type "Epic" does not exist in this project (Story, Task, Bug, Incident).'],
    ['an unknown component', { sections: [section({ components: ['Payments'] })] }, 'Section 1 "S": the component "Payments" does not exist in this project.'],
    ['a section without rules', { sections: [section({})] }, 'Section 1 "S": give at least one issue type, label or component, or the section never lists anything.'],
    ['no sections', { sections: [] }, 'The template needs at least one section.'],
    ['two sections with one title', { sections: [section({ labels: ['a'] }), section({ id: 't', title: 's', labels: ['b'] })] }, 'Section 2 "s": another section has the same title.'],
    ['the same label for internal and breaking', { internalLabel: 'x', breakingLabel: 'X' }, 'The internal label and the breaking-change label must differ.'],
    ['the same label for internal and breaking, but for blanks', { internalLabel: ' x', breakingLabel: 'X ' }, 'The internal label and the breaking-change label must differ.'],
    ['two sections with one title, but for blanks', { sections: [section({ labels: ['a'] }), section({ id: 't', title: ' S ', labels: ['b'] })] }, 'Section 2 " S ": another section has the same title.'],
    ['two sections with one id', { sections: [section({ labels: ['a'] }), section({ title: 'T', labels: ['b'] })] }, 'Section 2 "T": another section has the same id "s".'],
    ['a section titled like the section for other issues', { sections: [section({ title: 'Other', labels: ['a'] })], otherSectionTitle: 'other ' }, 'Section 1 "Other": the section for other issues has the same title.'],
    ['more sections than a template holds', { sections: Array.from({ length: 21 }, (_, i) => section({ id: `s${i}`, title: `S${i}`, labels: ['a'] })) }, 'A template has at most 20 sections.'],
  ])('lists %s', (_case, overrides, problem) => {
    expect(validateTemplate(template(overrides), CATALOG)).toContain(problem);
  });

  it('lists every problem at once', () => {
    const problems = validateTemplate(template({ releaseNoteField: 'customfield_1', intro: '{a} {b}', sections: [section({ issueTypes: ['Epic'], components: ['X'] })] }), CATALOG);
    expect(problems).toHaveLength(5);
  });

  it('lists an issue type of a project that has none', () => {
    expect(validateTemplate(template({ sections: [section({ issueTypes: ['Story'] })] }), { ...CATALOG, issueTypes: [] })).toEqual([
      'Section 1 "S": the issue type "Story" does not exist in this project (none).',
    ]);
  });

  it('accepts twenty sections, and placeholders with blanks inside the braces', () => {
    const sections = Array.from({ length: 20 }, (_, i) => section({ id: `s${i}`, title: `S${i}`, labels: ['a'] }));
    expect(validateTemplate(template({ sections, intro: 'What is new in { version } of {project }.' }), CATALOG)).toEqual([]);
  });

  it('matches names without regard to case', () => {
    expect(validateTemplate(template({ sections: [section({ issueTypes: ['story'], components: ['checkout'] })] }), CATALOG)).toEqual([]);
  });
});

describe('the custom fields a template reads', () => {
  it.each([
    ['both fields', { releaseNoteField: 'customfield_10050', upgradeNotesField: 'customfield_10051' }, ['customfield_10050', 'customfield_10051']],
    ['the release-note field alone', { releaseNoteField: 'customfield_10050', upgradeNotesField: null }, ['customfield_10050']],
    ['the upgrade-notes field alone', { releaseNoteField: null, upgradeNotesField: 'customfield_10051' }, ['customfield_10051']],
    ['neither', { releaseNoteField: null, upgradeNotesField: null }, []],
  ])('%s', (_case, fields, ids) => {
    expect(templateFieldIds(template(fields))).toEqual(ids);
  });
});

describe('the template every project starts with', () => {
  it('maps Jira\'s standard issue types to the usual sections, known issues being open bugs or labelled ones', () => {
    const rules = { labels: [], components: [], status: 'done' };
    expect(defaultTemplate()).toEqual({
      audience: 'customer',
      intro: 'What is new in {version} of {project}.',
      sections: [
        { id: 'new-features', title: 'New features', issueTypes: ['Story'], ...rules },
        { id: 'improvements', title: 'Improvements', issueTypes: ['Task'], ...rules },
        { id: 'fixes', title: 'Fixes', issueTypes: ['Bug', 'Incident'], ...rules },
        { id: 'known-issues', title: 'Known issues', issueTypes: ['Bug'], labels: ['known-issue'], components: [], status: 'open' },
      ],
      otherSectionTitle: '',
      releaseNoteField: null,
      upgradeNotesField: null,
      internalLabel: 'internal',
      breakingLabel: 'breaking-change',
      linkIssues: true,
    });
  });
});

describe('filling the intro', () => {
  it('fills placeholders written with blanks inside the braces, and leaves unknown ones as written', () => {
    const values = { project: 'Web Shop', projectKey: 'SHOP', version: '2.4.0', releaseDate: '2026-12-03', issueCount: '7' };
    expect(fillIntro('{ version } of { project} ({projectKey }): {issueCount} changes on {releaseDate}. { customer }', values)).toBe(
      '2.4.0 of Web Shop (SHOP): 7 changes on 2026-12-03. { customer }',
    );
  });
});
