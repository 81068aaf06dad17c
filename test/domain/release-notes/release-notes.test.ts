import type { ReleaseNotesDocument } from '../../../src/contract';
import { notesIssueFromJira } from '../../../src/domain/release-notes/notes-issue';
import { buildReleaseNotes, markdownFileName } from '../../../src/domain/release-notes/release-notes';
import { PROJECT, SEARCH_PAGE, VERSION, template } from './fixtures';

function notes(overrides: Parameters<typeof template>[0] = {}, issues = SEARCH_PAGE.issues): ReleaseNotesDocument {
  const t = template(overrides);
  return buildReleaseNotes({ project: PROJECT, version: VERSION, issues: issues.map((i) => notesIssueFromJira(i, t)), template: t, jiraBaseUrl: 'https://acme.atlassian.net/' });
}

const sectionKeys = (document: ReleaseNotesDocument) => Object.fromEntries(document.sections.map((s) => [s.title, s.items.map((i) => i.key)]));

describe('grouping issues into the sections of the default template', () => {
  it('puts each issue in the first section that takes it, in key order, and leaves out sub-tasks, internal and unplaced issues', () => {
    const document = notes();
    expect(sectionKeys(document)).toEqual({
      'New features': ['SHOP-9', 'SHOP-12', 'SHOP-17'],
      Improvements: ['SHOP-14'],
      Fixes: ['SHOP-15'],
      'Known issues': ['SHOP-16', 'SHOP-20'],
    });
    expect(document.counts).toEqual({ issues: 10, listed: 7, internal: 1, subtasks: 1, unmatched: 1 });
    expect(document.empty).toBe(false);
  });

  it.each([
    ['the release-note field (ADF, paragraphs joined)', 'SHOP-12', 'Check out on a single page. Saved cards are offered first.'],
    ['the release-note field (plain string)', 'SHOP-15', 'Totals in CHF are right again.'],
    ['the summary when the field is empty', 'SHOP-9', 'Gift card balance'],
  ])('takes the text from %s', (_case, key, text) => {
    const item = notes().sections.flatMap((s) => s.items).find((i) => i.key === key);
    expect(item?.text).toBe(text);
  });

  it('uses the summary everywhere when the template names no release-note field', () => {
    const item = notes({ releaseNoteField: null }).sections.flatMap((s) => s.items).find((i) => i.key === 'SHOP-12');
    expect(item?.text).toBe('One-page checkout');
  });

  it('links every item to its Jira issue, unless links are off', () => {
    expect(notes().sections[0]!.items[0]!.url).toBe('https://acme.atlassian.net/browse/SHOP-9');
    expect(notes({ linkIssues: false }).sections[0]!.items[0]!.url).toBeUndefined();
  });

  it('calls out breaking changes with their upgrade notes, and marks them in their section', () => {
    const document = notes();
    expect(document.breaking.map((i) => [i.key, i.upgradeNotes])).toEqual([['SHOP-17', ['Integrations must call /v2/cart.']]]);
    expect(document.sections[0]!.items.find((i) => i.key === 'SHOP-17')?.breaking).toBe(true);
  });

  it.each([
    ['a custom breaking label', { breakingLabel: 'api-break' }, ['SHOP-17']],
    ['no upgrade-notes field and another label', { breakingLabel: 'api-break', upgradeNotesField: null }, []],
    ['the default label without the upgrade-notes field', { upgradeNotesField: null }, ['SHOP-17']],
  ])('finds breaking changes by label and/or upgrade notes: %s', (_case, overrides, keys) => {
    expect(notes(overrides).breaking.map((i) => i.key)).toEqual(keys);
  });
});

describe('templates change the grouping', () => {
  it.each([
    [
      'sections by label and component, in the template order',
      {
        sections: [
          { id: 'checkout', title: 'Checkout', issueTypes: [], labels: [], components: ['checkout'], status: 'done' as const },
          { id: 'speed', title: 'Performance', issueTypes: [], labels: ['performance'], components: [], status: 'any' as const },
          { id: 'stories', title: 'Stories', issueTypes: ['story'], labels: [], components: [], status: 'done' as const },
        ],
      },
      { Checkout: ['SHOP-9'], Performance: ['SHOP-14'], Stories: ['SHOP-12', 'SHOP-17'] },
    ],
    [
      'an "other" section for the rest',
      { sections: [{ id: 'fixes', title: 'Fixes', issueTypes: ['Bug'], labels: [], components: [], status: 'done' as const }], otherSectionTitle: 'Other changes' },
      { Fixes: ['SHOP-15'], 'Other changes': ['SHOP-9', 'SHOP-12', 'SHOP-14', 'SHOP-16', 'SHOP-17', 'SHOP-19', 'SHOP-20'] },
    ],
    [
      'internal audience keeps internal issues',
      { audience: 'internal' as const },
      { 'New features': ['SHOP-9', 'SHOP-12', 'SHOP-17'], Improvements: ['SHOP-13', 'SHOP-14'], Fixes: ['SHOP-15'], 'Known issues': ['SHOP-16', 'SHOP-20'] },
    ],
    [
      'a custom internal label',
      { internalLabel: 'performance' },
      { 'New features': ['SHOP-9', 'SHOP-12', 'SHOP-17'], Improvements: ['SHOP-13'], Fixes: ['SHOP-15'], 'Known issues': ['SHOP-16', 'SHOP-20'] },
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(sectionKeys(notes(overrides))).toEqual(expected);
  });

  it('fills the intro placeholders', () => {
    expect(notes({ intro: '{project} ({projectKey}) {version}, {releaseDate}: {issueCount} changes. {unknown}' }).intro).toBe(
      'Web Shop (SHOP) 2.4.0, 2026-12-03: 7 changes. {unknown}',
    );
  });
});

describe('nothing to publish', () => {
  it.each([
    ['a version without issues', []],
    ['a version with only sub-tasks and internal work', SEARCH_PAGE.issues.filter((i) => ['SHOP-13', 'SHOP-18'].includes(i.key))],
  ])('is empty for %s', (_case, issues) => {
    const document = notes({}, issues);
    expect(document.empty).toBe(true);
    expect(document.sections).toEqual([]);
  });
});

describe('the Markdown file name', () => {
  it.each([
    ['2.4.0', '2.4.0-release-notes.md'],
    ['SHOP 2.4', 'SHOP-2.4-release-notes.md'],
    ['Release / Ünïcode?', 'Release-n-code-release-notes.md'],
  ])('%s → %s', (name, file) => {
    expect(markdownFileName({ version: { ...VERSION, name } })).toBe(file);
  });
});
