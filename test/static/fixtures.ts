import type { ReleaseSummary } from '../../src/contract';

/** A release summary with sensible defaults; override what a test is about. */
export function release(overrides: Partial<ReleaseSummary> & Pick<ReleaseSummary, 'id' | 'name'>): ReleaseSummary {
  return {
    released: false,
    state: 'planned',
    daysToRelease: null,
    counts: { todo: 0, inProgress: 0, done: 0, total: 0 },
    percentDone: 0,
    ...overrides,
  };
}
