import { type TemplateCatalog, defaultTemplate, sectionId, templateFieldIds, validateTemplate } from '../../../src/domain/release-notes/template';
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
  ])('lists %s', (_case, overrides, problem) => {
    expect(validateTemplate(template(overrides), CATALOG)).toContain(problem);
  });

  it('lists every problem at once', () => {
    const problems = validateTemplate(template({ releaseNoteField: 'customfield_1', intro: '{a} {b}', sections: [section({ issueTypes: ['Epic'], components: ['X'] })] }), CATALOG);
    expect(problems).toHaveLength(5);
  });

  it('matches names without regard to case', () => {
    expect(validateTemplate(template({ sections: [section({ issueTypes: ['story'], components: ['checkout'] })] }), CATALOG)).toEqual([]);
  });
});

describe('section ids', () => {
  it.each([
    ['New features', [], 'new-features'],
    ['New features', ['new-features'], 'new-features-2'],
    ['  ', [], 'section'],
    ['Bugs & fixes!', [], 'bugs-fixes'],
  ])('%p (taken %j) → %s', (title, taken, id) => {
    expect(sectionId(title, taken)).toBe(id);
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
