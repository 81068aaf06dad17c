import {
  blockerConcern,
  blockerConcernText,
  blockersHeading,
  daysWording,
  formatReleaseDate,
  plural,
  stateAppearance,
  stateLabel,
  statusAppearance,
} from '../../src/frontend/release-wording';
import type { IssueReleaseView, ReleaseState } from '../../src/contract';

describe('stateAppearance / stateLabel', () => {
  it.each<[ReleaseState, string, string]>([
    ['released', 'success', 'Released'],
    ['overdue', 'removed', 'Overdue'],
    ['in-progress', 'inprogress', 'In progress'],
    ['planned', 'new', 'Planned'],
    ['unscheduled', 'default', 'Unscheduled'],
  ])('%s → %s "%s"', (state, appearance, label) => {
    expect(stateAppearance(state)).toBe(appearance);
    expect(stateLabel(state)).toBe(label);
  });
});

describe('daysWording', () => {
  it.each<[number | null, boolean, string | null]>([
    [5, false, '5 days left'],
    [1, false, '1 day left'],
    [0, false, 'Due today'],
    [-1, false, '1 day late'],
    [-12, false, '12 days late'],
    [null, false, null],
    [-30, true, null],
    [3, true, null],
    [Number.NaN, false, null],
  ])('%p days, released=%p → %p', (days, released, expected) => {
    expect(daysWording(days, released)).toBe(expected);
  });
});

describe('formatReleaseDate', () => {
  it.each<[string | undefined, string]>([
    ['2026-12-01', '1 Dec 2026'],
    ['2027-01-31', '31 Jan 2027'],
    ['2026-06-15T00:00:00Z', '15 Jun 2026'],
    [undefined, 'No release date'],
    ['', 'No release date'],
    ['soon', 'soon'],
    ['2026-13-01', '2026-13-01'],
  ])('%p → %p', (input, expected) => {
    expect(formatReleaseDate(input)).toBe(expected);
  });
});

describe('statusAppearance', () => {
  it.each([
    ['new', 'default'],
    ['indeterminate', 'inprogress'],
    ['done', 'success'],
  ] as const)('%s → %s', (category, appearance) => {
    expect(statusAppearance(category)).toBe(appearance);
  });
});

describe('blockerConcern', () => {
  const releases: IssueReleaseView['releases'] = [
    { id: '10001', name: 'Shop 2.4', released: false, state: 'planned', daysToRelease: 10, releaseDate: '2026-12-01' },
  ];
  it.each<[string, string[], IssueReleaseView['releases'], ReturnType<typeof blockerConcern>, string | null]>([
    ['same release by name', ['Shop 2.4'], releases, null, null],
    ['same release by id', ['10001'], releases, null, null],
    ['one of several', ['Shop 2.5', 'Shop 2.4'], releases, null, null],
    ['in no release', [], releases, 'no-release', 'In no release'],
    ['in another release', ['Shop 2.5'], releases, 'other-release', 'In Shop 2.5'],
    ['in two other releases', ['Shop 2.5', 'Shop 3.0'], releases, 'other-release', 'In Shop 2.5, Shop 3.0'],
    ['issue without release, blocker in one', ['Shop 2.5'], [], null, null],
    ['issue without release, blocker in none', [], [], 'no-release', 'In no release'],
  ])('%s', (_name, fixVersions, rel, concern, text) => {
    expect(blockerConcern(fixVersions, rel)).toBe(concern);
    expect(blockerConcernText(blockerConcern(fixVersions, rel), fixVersions)).toBe(text);
  });
});

describe('plural / blockersHeading', () => {
  it.each<[number, string]>([
    [0, '0 days'],
    [1, '1 day'],
    [2, '2 days'],
  ])('plural(%p)', (n, text) => expect(plural(n, 'day')).toBe(text));
  it.each<[number, string]>([
    [0, 'No open blockers'],
    [1, 'Open blockers (1)'],
    [4, 'Open blockers (4)'],
  ])('blockersHeading(%p)', (n, text) => expect(blockersHeading(n)).toBe(text));
});
