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
});
