import { notesIssueFromJira } from '../../../src/domain/release-notes/notes-issue';
import { buildReleaseNotes } from '../../../src/domain/release-notes/release-notes';
import { escapeMarkdown, renderNotesMarkdown, renderNotesStorage } from '../../../src/domain/release-notes/render';
import { PROJECT, SEARCH_PAGE, VERSION, jiraIssue, template } from './fixtures';

function document(overrides: Parameters<typeof template>[0] = {}, issues = SEARCH_PAGE.issues) {
  const t = template(overrides);
  return buildReleaseNotes({ project: PROJECT, version: VERSION, issues: issues.map((i) => notesIssueFromJira(i, t)), template: t, jiraBaseUrl: 'https://acme.atlassian.net' });
}

describe('the notes in Confluence storage format', () => {
  const storage = () => renderNotesStorage(document());

  it('has the intro, the release date, the breaking changes in a warning, then the sections in order', () => {
    const order = ['What is new in 2.4.0 of Web Shop.', 'Released on 2026-12-03', 'Breaking changes and upgrade notes', 'ac:name="warning"', 'New features', 'Improvements', 'Fixes', 'Known issues'];
    const positions = order.map((text) => storage().indexOf(text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(storage()).toContain('<p>Integrations must call /v2/cart.</p>');
    expect(storage()).toContain('<a href="https://acme.atlassian.net/browse/SHOP-12">SHOP-12</a> Check out on a single page. Saved cards are offered first.');
  });

  it('says what it left out, and carries no time, so the same notes give the same page', () => {
    expect(storage()).toContain('from the 10 issues of 2.4.0 in Jira (left out: 1 internal, 1 sub-task, 1 in no section)');
    expect(renderNotesStorage(document())).toBe(storage());
  });

  it('says the list is incomplete only when the app could not read every issue of the version', () => {
    const t = template();
    const notes = (truncated?: boolean) =>
      renderNotesStorage(buildReleaseNotes({ project: PROJECT, version: VERSION, issues: SEARCH_PAGE.issues.map((i) => notesIssueFromJira(i, t)), template: t, jiraBaseUrl: 'https://acme.atlassian.net', ...(truncated === undefined ? {} : { truncated }) }));
    const incomplete = 'the version has more issues than the app reads, so the list is incomplete';
    expect(notes(true)).toContain(incomplete);
    expect(notes(false)).not.toContain(incomplete);
    expect(notes()).not.toContain(incomplete);
  });

  it('escapes text from Jira', () => {
    const hostile = jiraIssue({ key: 'SHOP-1', summary: '<script>alert("x")</script> & <b>bold</b>', type: 'Story' });
    const out = renderNotesStorage(document({}, [hostile]));
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
  });

  it('marks internal notes and internal items', () => {
    const out = renderNotesStorage(document({ audience: 'internal' }));
    expect(out).toContain('Internal release notes');
    expect(out).toContain('<ac:parameter ac:name="title">Internal</ac:parameter>');
  });

  it('says there is nothing to publish for an empty version', () => {
    expect(renderNotesStorage(document({}, []))).toContain('Nothing to publish');
  });
});

describe('the notes in Markdown', () => {
  it('is a changelog entry with headings, linked keys and upgrade notes', () => {
    const md = renderNotesMarkdown(document());
    expect(md.split('\n').slice(0, 5)).toEqual(['# Release notes: 2.4.0 (Web Shop)', '', 'What is new in 2.4.0 of Web Shop.', '', '*Released on 2026-12-03*']);
    expect(md).toContain('## Breaking changes and upgrade notes\n\n- [SHOP-17](https://acme.atlassian.net/browse/SHOP-17) Remove /v1/cart **Breaking**\n  - Integrations must call /v2/cart.');
    expect(md).toContain('## Known issues\n\n- [SHOP-16](https://acme.atlassian.net/browse/SHOP-16) Search: spinner never stops\n- [SHOP-20]');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('marks internal notes as internal, and only those', () => {
    const note = '> Internal release notes: they include issues labelled internal.';
    expect(renderNotesMarkdown(document({ audience: 'internal' })).split('\n')[6]).toBe(note);
    expect(renderNotesMarkdown(document())).not.toContain('Internal release notes');
  });

  it.each([
    ['*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['[link](x) <img>', '\\[link\\](x) \\<img\\>'],
    ['# not a heading', '\\# not a heading'],
    ['1. not a list', '1\\. not a list'],
    ['10. not a list either', '10\\. not a list either'],
    ['- not a bullet', '\\- not a bullet'],
    ['a - b, c # d, see 2. below', 'a - b, c # d, see 2. below'],
    ['a | b `c`', 'a \\| b \\`c\\`'],
  ])('escapes %p', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});
