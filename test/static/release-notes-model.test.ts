import type { NotesPublication } from '../../src/contract';
import { defaultVersionId, moveSection, newSection, orderVersions, parseList, publicationSummary, versionLabel } from '../../static/releases/src/release-notes/notes-model';

const v = (id: string, released: boolean, releaseDate?: string, archived = false) => ({ id, name: `V${id}`, released, archived, ...(releaseDate ? { releaseDate } : {}) });
const versions = [v('1', true, '2026-09-01'), v('2', true, '2026-10-20'), v('3', false, '2026-12-03'), v('4', false), v('5', false, '2026-11-20'), v('6', true, '2026-01-01', true)];

describe('choosing the version to show', () => {
  it.each([
    ['the one asked for', versions, '2', '2'],
    ['the next unreleased by date when none is asked for', versions, undefined, '5'],
    ['the next unreleased when the asked one is unknown', versions, '99', '5'],
    ['the latest released when nothing is in flight', versions.filter((x) => x.released), undefined, '2'],
    ['nothing without versions', [], undefined, undefined],
  ])('%s', (_case, list, wanted, expected) => {
    expect(defaultVersionId(list, wanted)).toBe(expected);
  });

  it('lists unreleased (by date, undated last), then released (newest first), then archived', () => {
    expect(orderVersions(versions).map((x) => x.id)).toEqual(['5', '3', '4', '2', '1', '6']);
  });

  it.each([
    [v('3', false, '2026-12-03'), 'V3 (due 2026-12-03)'],
    [v('4', false), 'V4 (no date)'],
    [v('2', true, '2026-10-20'), 'V2 (released 2026-10-20)'],
    [v('6', true, '2026-01-01', true), 'V6 (archived)'],
  ])('labels %j as %p', (version, label) => {
    expect(versionLabel(version)).toBe(label);
  });
});

describe('editing sections', () => {
  it.each([
    ['Story, Task', ['Story', 'Task']],
    [' Story ,, Task, Story,', ['Story', 'Task']],
    ['', []],
  ])('reads the list %p', (text, list) => {
    expect(parseList(text)).toEqual(list);
  });

  const sections = [newSection([]), { ...newSection([]), id: 'section-2', title: 'B' }];
  it('adds a section with a free id and moves sections within bounds', () => {
    expect(newSection(sections).id).toBe('section-3');
    expect(moveSection(sections, 1, -1).map((s) => s.id)).toEqual(['section-2', 'section-1']);
    expect(moveSection(sections, 0, -1)).toBe(sections);
    expect(moveSection(sections, 1, 1)).toBe(sections);
  });
});

describe('what the publication record says', () => {
  const base: NotesPublication = { versionId: '1', projectId: '10000', status: 'published', trigger: 'manual', attemptedAt: '2026-11-24T10:00:00.000Z' };
  const at = (iso: string) => iso.slice(0, 10);
  it.each<[Partial<NotesPublication>, string, string]>([
    [{ status: 'published', pageTitle: 'Release notes: 2.4', publishedAt: '2026-11-24T10:00:00.000Z', pageVersion: 2, publishedBy: 'app' }, 'success', 'Release notes: 2.4 was last written on 2026-11-24 (page version 2), when the version was released.'],
    [{ status: 'needs-confirmation', conflict: { pageId: '1', pageVersion: 3, reason: 'The page was edited in Confluence.' } }, 'warning', 'The page was edited in Confluence. The app did not overwrite it.'],
    [{ status: 'nothing-to-publish', error: 'Nothing to publish: 2.4 has no issues.' }, 'information', 'Nothing to publish: 2.4 has no issues.'],
    [{ status: 'failed', error: 'Confluence answered 503.' }, 'error', 'Confluence answered 503. (2026-11-24)'],
  ])('%j', (patch, tone, text) => {
    const summary = publicationSummary({ ...base, ...patch }, at)!;
    expect(summary.tone).toBe(tone);
    expect(summary.text).toContain(text);
  });

  it('says nothing before the first publication', () => {
    expect(publicationSummary(null, at)).toBeNull();
  });
});
