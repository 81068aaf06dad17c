import type { ReleaseSummary } from '../../src/contract';
import type { VersionFacts } from '../../src/domain/releases/release-summary';
import type { VersionObservation } from '../../src/domain/versions/version-history';

export function aVersion(overrides: Partial<VersionFacts> = {}): VersionFacts {
  return { id: '10001', name: '1.2.0', released: false, archived: false, ...overrides };
}

export function aReleaseSummary(overrides: Partial<ReleaseSummary> = {}): ReleaseSummary {
  return {
    id: '10001',
    name: '1.2.0',
    released: false,
    state: 'in-progress',
    daysToRelease: 10,
    counts: { todo: 2, inProgress: 3, done: 5, total: 10 },
    percentDone: 50,
    startDate: '2026-11-01',
    releaseDate: '2026-12-04',
    ...overrides,
  };
}

export function anObservation(overrides: Partial<VersionObservation> = {}): VersionObservation {
  return {
    versionId: '10001',
    name: '1.2.0',
    startDate: '2026-11-01',
    releaseDate: '2026-12-04',
    released: false,
    observedAt: '2026-11-20T10:00:00.000Z',
    source: 'event',
    ...overrides,
  };
}
