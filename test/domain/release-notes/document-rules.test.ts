import type { ReleaseNotesDocument } from '../../../src/contract';
import { notesIssueFromJira, notesSourceIssueFromJira } from '../../../src/domain/release-notes/notes-issue';
import { type NotesSource, buildReleaseNotes, markdownFileName, missingTemplateFields, releaseNotesFromSource, renderNotesPreview } from '../../../src/domain/release-notes/release-notes';
import { renderNotesMarkdown } from '../../../src/domain/release-notes/render';
import { type IssueSpec, PROJECT, RELEASE_NOTES_FIELD, SEARCH_PAGE, UPGRADE_NOTES_FIELD, VERSION, jiraIssue, template } from './fixtures';

function notes(overrides: Parameters<typeof template>[0] = {}, issues = SEARCH_PAGE.issues, version: ReleaseNotesDocument['version'] = VERSION): ReleaseNotesDocument {
  const t = template(overrides);
  return buildReleaseNotes({ project: PROJECT, version, issues: issues.map((i) => notesIssueFromJira(i, t)), template: t, jiraBaseUrl: 'https://acme.atlassian.net' });
}
const sectionKeys = (document: ReleaseNotesDocument) => Object.fromEntries(document.sections.map((s) => [s.title, s.items.map((i) => i.key)]));
const section = (id: string, title: string, rules: object) => ({ id, title, issueTypes: [], labels: [], components: [], status: 'done' as const, ...rules });

describe('what the template says, read as a release manager types it', () => {
  it('finds the internal label whatever its case and surrounding blanks', () => {
    expect(notes({ internalLabel: ' Internal ' }).counts).toEqual({ issues: 10, listed: 7, internal: 1, subtasks: 1, unmatched: 1 });
  });

  it('shows section titles without their surrounding blanks, and has no "other" section when its title is blank', () => {
    const document = notes({ sections: [section('fixes', '  Fixes ', { issueTypes: ['Bug'] })], otherSectionTitle: '   ' });
    expect(document.sections.map((s) => [s.id, s.title, s.items.map((i) => i.key)])).toEqual([['fixes', 'Fixes', ['SHOP-15']]]);
    expect(document.counts.unmatched).toBe(7);
  });

  it('names the "other" section without its surrounding blanks', () => {
    const document = notes({ sections: [section('fixes', 'Fixes', { issueTypes: ['Bug'] })], otherSectionTitle: '  Other changes  ' });
    expect(document.sections.map((s) => [s.id, s.title])).toEqual([['fixes', 'Fixes'], ['other', 'Other changes']]);
  });

  it('keeps done issues out of a section for open issues, even when it comes first', () => {
    const document = notes({ sections: [section('open-bugs', 'Open bugs', { issueTypes: ['Bug'], status: 'open' }), section('fixes', 'Fixes', { issueTypes: ['Bug'] })] });
    expect(sectionKeys(document)).toEqual({ 'Open bugs': ['SHOP-16'], Fixes: ['SHOP-15'] });
  });

  it('fills the intro, trims it, and says "not scheduled" for a version without a date', () => {
    const document = notes({ intro: '  {version} ({releaseDate}) brings {issueCount} changes.  \n' }, SEARCH_PAGE.issues, { id: '10007', name: '3.0', released: false });
    expect(document.intro).toBe('3.0 (not scheduled) brings 7 changes.');
  });
});

describe('which breaking changes are called out first', () => {
  const breaking = (spec: Omit<IssueSpec, 'labels'>) => jiraIssue({ ...spec, labels: ['breaking-change'] });
  it.each([
    ['an open one a section lists (a known issue)', [breaking({ key: 'SHOP-40', summary: 'Old exports stop working', type: 'Bug', status: 'In Progress' })], ['SHOP-40'], false],
    ['a shipped one no section lists', [breaking({ key: 'SHOP-41', summary: 'Sessions expire after 8 hours', type: 'Task', status: 'Done' })], ['SHOP-41'], false],
    ['no open one that no section lists', [breaking({ key: 'SHOP-42', summary: 'New API version', type: 'Story', status: 'To Do' })], [], true],
  ])('%s', (_case, issues, keys, empty) => {
    const document = notes({ sections: [section('known', 'Known issues', { issueTypes: ['Bug'], status: 'any' })] }, issues);
    expect(document.breaking.map((i) => i.key)).toEqual(keys);
    expect(document.empty).toBe(empty);
  });

  it('does not call a version with listed issues but no breaking change empty', () => {
    expect(notes({}, [jiraIssue({ key: 'SHOP-1', summary: 'Gift cards', type: 'Story' })]).empty).toBe(false);
  });
});

describe('the document of one issue, whole', () => {
  it('copies the project and version, links the issue and counts it', () => {
    expect(notes({ intro: '' }, [jiraIssue({ key: 'SHOP-1', summary: 'Gift cards', type: 'Story' })])).toEqual({
      title: 'Release notes: 2.4.0 (Web Shop)',
      project: { id: '10000', key: 'SHOP', name: 'Web Shop' },
      version: { id: '10005', name: '2.4.0', releaseDate: '2026-12-03', released: true },
      audience: 'customer',
      intro: '',
      breaking: [],
      sections: [
        {
          id: 'new-features',
          title: 'New features',
          items: [{ key: 'SHOP-1', url: 'https://acme.atlassian.net/browse/SHOP-1', text: 'Gift cards', issueType: 'Story', breaking: false, upgradeNotes: [], internal: false, done: true }],
        },
      ],
      counts: { issues: 1, listed: 1, internal: 0, subtasks: 0, unmatched: 0 },
      empty: false,
      truncated: false,
    });
  });
});

describe('the Markdown file name of odd version names', () => {
  it.each([
    ['-- 2.4 --', '2.4-release-notes.md'],
    ['???', 'version-release-notes.md'],
  ])('%p → %s', (name, file) => {
    expect(markdownFileName({ version: { ...VERSION, name } })).toBe(file);
  });
});

describe('the notes editor: one read of the issues, any template', () => {
  const fields = [RELEASE_NOTES_FIELD, UPGRADE_NOTES_FIELD];
  const source = (): NotesSource => ({
    project: PROJECT,
    version: VERSION,
    jiraBaseUrl: 'https://acme.atlassian.net',
    issues: SEARCH_PAGE.issues.map((i) => notesSourceIssueFromJira(i, fields)),
    fields,
  });

  it('renders the same notes as a direct read with the template', () => {
    const t = template();
    expect(releaseNotesFromSource(source(), t)).toEqual(notes());
    expect(renderNotesPreview(source(), t)).toEqual({ document: notes(), markdown: renderNotesMarkdown(notes()), fileName: '2.4.0-release-notes.md' });
  });

  it('renders another template from the same read (no release-note field: summaries)', () => {
    expect(releaseNotesFromSource(source(), template({ releaseNoteField: null }))).toEqual(notes({ releaseNoteField: null }));
  });

  it.each([
    ['none when the read holds both fields', template(), fields, []],
    ['a field the read did not hold', template({ releaseNoteField: 'customfield_10060' }), fields, ['customfield_10060']],
    ['both when the read held none', template(), [], fields],
  ])('names the custom fields a template needs read again: %s', (_case, t, read, missing) => {
    expect(missingTemplateFields({ fields: read }, t)).toEqual(missing);
  });
});
