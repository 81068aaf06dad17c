import { type VersionChoice, defaultVersionId } from '../../../src/domain/release-notes/versions';

const version = (id: string, overrides: Partial<VersionChoice> = {}): VersionChoice => ({ id, released: false, archived: false, ...overrides });
const released = (id: string, releaseDate?: string) => version(id, { released: true, ...(releaseDate ? { releaseDate } : {}) });

describe('the version the notes page shows first', () => {
  const shop = [released('2.2', '2026-10-15'), version('2.5', { releaseDate: '2026-12-20' }), version('2.4', { releaseDate: '2026-12-04' }), version('3.0')];

  it.each([
    ['the one asked for, even when released', shop, '2.2', '2.2'],
    ['the next unreleased by date when the one asked for is not there', shop, 'gone', '2.4'],
    ['the next unreleased by date when none is asked for', shop, undefined, '2.4'],
    ['a dated unreleased one before an undated one', [version('3.0'), version('2.6', { releaseDate: '2027-01-10' })], undefined, '2.6'],
    ['the earliest of three dated unreleased ones listed latest first', [version('2.6', { releaseDate: '2027-01-10' }), version('2.5', { releaseDate: '2026-12-20' }), version('2.4', { releaseDate: '2026-12-04' })], undefined, '2.4'],
    ['the earliest dated unreleased one when it is listed first, before a later and an undated one', [version('2.4', { releaseDate: '2026-12-04' }), version('2.5', { releaseDate: '2026-12-20' }), version('3.0')], undefined, '2.4'],
    ['an undated unreleased one before any released one', [released('2.2', '2026-10-15'), version('3.0')], undefined, '3.0'],
    ['no archived one, though due first', [version('2.3', { archived: true, releaseDate: '2026-11-01' }), version('2.4', { releaseDate: '2026-12-04' })], undefined, '2.4'],
    [
      'the most recently released when all are released, undated ones last',
      [released('1.0'), released('2.1', '2026-06-01'), released('2.2', '2026-10-15'), released('2.0', '2026-03-01')],
      undefined,
      '2.2',
    ],
    ['the most recently released when undated ones are listed first', [released('1.0'), released('0.9'), released('2.1', '2026-06-01'), released('2.2', '2026-10-15')], undefined, '2.2'],
    ['the most recently released when it is listed first, before an older and an undated one', [released('2.2', '2026-10-15'), released('2.1', '2026-06-01'), released('1.0')], undefined, '2.2'],
    ['no archived released one', [released('2.3', '2026-11-01'), version('2.9', { released: true, archived: true, releaseDate: '2026-11-20' })], undefined, '2.3'],
    ['the first listed when every version is archived', [version('1.1', { archived: true }), version('1.2', { archived: true })], undefined, '1.1'],
    ['none when the project has no versions', [], undefined, undefined],
  ])('is %s', (_case, versions, wanted, expected) => {
    expect(defaultVersionId(versions, wanted)).toBe(expected);
  });
});
