import { type ProjectVersionHistory, recordObservation, releaseSlips } from '../../../src/domain/versions/version-history';
import { anObservation } from '../../support/builders';

const empty: ProjectVersionHistory = { projectId: '10000', versions: {} };

function apply(...observations: ReturnType<typeof anObservation>[]): ProjectVersionHistory {
  return observations.reduce((history, o) => recordObservation(history, o).history, empty);
}

describe('recording version dates', () => {
  it('records the first sighting and ignores the same dates seen again', () => {
    const once = recordObservation(empty, anObservation());
    expect(once.changed).toBe(true);
    const twice = recordObservation(once.history, anObservation({ observedAt: '2026-11-21T10:00:00.000Z' }));
    expect(twice.changed).toBe(false);
  });

  it('records a moved release date and counts it as a slip', () => {
    const history = apply(anObservation(), anObservation({ releaseDate: '2026-12-11', observedAt: '2026-11-22T10:00:00.000Z' }));
    const version = history.versions['10001'];
    expect(version?.records.map((r) => r.releaseDate)).toEqual(['2026-12-04', '2026-12-11']);
    expect(releaseSlips(version!)).toBe(1);
  });

  it('gives the same history whatever order late events arrive in', () => {
    const a = anObservation({ observedAt: '2026-11-20T10:00:00.000Z' });
    const b = anObservation({ releaseDate: '2026-12-11', observedAt: '2026-11-22T10:00:00.000Z' });
    const c = anObservation({ releaseDate: '2026-12-11', released: true, observedAt: '2026-11-25T10:00:00.000Z' });
    const inOrder = apply(a, b, c);
    expect(apply(c, a, b)).toEqual(inOrder);
    expect(apply(b, c, a, b, c)).toEqual(inOrder);
  });

  it('does not count an earlier date as a slip', () => {
    const history = apply(anObservation(), anObservation({ releaseDate: '2026-11-30', observedAt: '2026-11-22T10:00:00.000Z' }));
    expect(releaseSlips(history.versions['10001']!)).toBe(0);
  });

  it('ignores the same event delivered twice', () => {
    const once = recordObservation(empty, anObservation());
    expect(recordObservation(once.history, anObservation())).toEqual({ history: once.history, changed: false });
  });

  it.each<[string, Partial<ReturnType<typeof anObservation>>]>([
    ['a moved start date', { startDate: '2026-11-08' }],
    ['a moved release date', { releaseDate: '2026-12-11' }],
    ['the version being released', { released: true }],
  ])('records %s', (_change, change) => {
    const history = apply(anObservation(), anObservation({ ...change, observedAt: '2026-11-22T10:00:00.000Z' }));
    expect(history.versions['10001']?.records).toHaveLength(2);
  });

  it('keeps the dates but takes the new name when a version is renamed', () => {
    const renamed = recordObservation(apply(anObservation()), anObservation({ name: '1.2.0-hotfix', observedAt: '2026-11-22T10:00:00.000Z' }));
    expect(renamed.changed).toBe(true);
    expect(renamed.history.versions['10001']).toMatchObject({ name: '1.2.0-hotfix', records: [{ observedAt: '2026-11-20T10:00:00.000Z' }] });
  });

  it('lets a late event that already shows the next record\'s dates take its place (the move happened earlier)', () => {
    const seen = apply(anObservation(), anObservation({ releaseDate: '2026-12-11', observedAt: '2026-11-25T10:00:00.000Z' }));
    const late = recordObservation(seen, anObservation({ releaseDate: '2026-12-11', observedAt: '2026-11-22T10:00:00.000Z' }));
    expect(late.history.versions['10001']?.records.map((r) => [r.observedAt, r.releaseDate])).toEqual([
      ['2026-11-20T10:00:00.000Z', '2026-12-04'],
      ['2026-11-22T10:00:00.000Z', '2026-12-11'],
    ]);
  });
});

describe('counting release slips', () => {
  const records = (...dates: Array<[start: string, release: string | null]>) => ({
    versionId: '10001',
    name: '1.2.0',
    records: dates.map(([startDate, releaseDate], i) => ({ startDate, releaseDate, released: false, observedAt: `2026-11-0${i + 1}T10:00:00.000Z`, source: 'event' as const })),
  });

  it.each([
    ['only the start date moved', records(['2026-11-01', '2026-12-04'], ['2026-11-08', '2026-12-04']), 0],
    ['the date cleared, then set later than before', records(['2026-11-01', '2026-12-04'], ['2026-11-01', null], ['2026-11-01', '2026-12-11']), 1],
    ['the date cleared, then set back', records(['2026-11-01', '2026-12-04'], ['2026-11-01', null], ['2026-11-01', '2026-12-04']), 0],
  ])('%s: %i', (_case, history, slips) => {
    expect(releaseSlips(history)).toBe(slips);
  });
});
