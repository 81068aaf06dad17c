/** Builders and expected markup shared by the Confluence page tests. */
import type { SnapshotRelease } from '../../../src/domain/reports/status-snapshot';

/** Confluence's status lozenge as storage format writes it, spelled out so a test states the markup it expects. */
export const lozenge = (colour: string, title: string): string =>
  `<ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">${colour}</ac:parameter><ac:parameter ac:name="title">${title}</ac:parameter></ac:structured-macro>`;

/** A release in flight as a weekly snapshot keeps it: on track, due in ten days, half done. */
export function aSnapshotRelease(overrides: Partial<SnapshotRelease> = {}): SnapshotRelease {
  return {
    id: '10',
    name: '2.4',
    state: 'in-progress',
    startDate: '2026-11-02',
    releaseDate: '2026-12-04',
    daysToRelease: 10,
    rag: { colour: 'Green', label: 'On track' },
    percentDone: 50,
    done: 5,
    total: 10,
    ...overrides,
  };
}
