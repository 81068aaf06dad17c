/**
 * Jira keeps no history of a version's dates, yet slips can only be counted from it. Every time the
 * app sees a version (an event or the daily reconciliation) it records the dates if they differ
 * from the last ones recorded. Seeing the same state twice records nothing, so duplicate and
 * replayed events are harmless.
 */
export interface VersionObservation {
  versionId: string;
  name: string;
  startDate: string | null;
  releaseDate: string | null;
  released: boolean;
  observedAt: string;
  source: 'event' | 'reconciliation';
}

export interface VersionDateRecord {
  startDate: string | null;
  releaseDate: string | null;
  released: boolean;
  observedAt: string;
  source: VersionObservation['source'];
}

export interface VersionHistory {
  versionId: string;
  name: string;
  records: VersionDateRecord[];
}

/** Per project: every version's history, one document (a shard) per project. */
export interface ProjectVersionHistory {
  projectId: string;
  versions: Record<string, VersionHistory>;
}

function sameDates(a: Pick<VersionDateRecord, 'startDate' | 'releaseDate' | 'released'>, b: typeof a): boolean {
  return a.startDate === b.startDate && a.releaseDate === b.releaseDate && a.released === b.released;
}

/**
 * Adds an observation in time order. An observation older than the newest record (a late event)
 * is inserted where it belongs and is dropped when it repeats its neighbour's dates.
 */
export function recordObservation(
  history: ProjectVersionHistory,
  observation: VersionObservation,
): { history: ProjectVersionHistory; changed: boolean } {
  const existing = history.versions[observation.versionId] ?? { versionId: observation.versionId, name: observation.name, records: [] };
  const record: VersionDateRecord = {
    startDate: observation.startDate,
    releaseDate: observation.releaseDate,
    released: observation.released,
    observedAt: observation.observedAt,
    source: observation.source,
  };
  const records = [...existing.records];
  let index = records.findIndex((r) => r.observedAt > record.observedAt);
  if (index === -1) index = records.length;
  const before = records[index - 1];
  const after = records[index];
  if (before && sameDates(before, record)) {
    if (existing.name === observation.name) return { history, changed: false };
  } else {
    records.splice(index, 0, record);
    // The later neighbour may now repeat the inserted dates: it adds nothing.
    if (after && sameDates(after, record)) records.splice(index + 1, 1);
  }
  return {
    history: { ...history, versions: { ...history.versions, [observation.versionId]: { ...existing, name: observation.name, records } } },
    changed: true,
  };
}

/** How many times the release date moved later after it was first set. */
export function releaseSlips(history: VersionHistory): number {
  let slips = 0;
  let last: string | null = null;
  for (const record of history.records) {
    if (last && record.releaseDate && record.releaseDate > last) slips++;
    if (record.releaseDate) last = record.releaseDate;
  }
  return slips;
}
