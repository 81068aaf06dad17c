/**
 * "Something changed in this project": product events set a mark, the incremental search claims
 * and clears it. One small versioned document for the site (a few dozen bytes per project). A mark
 * already set costs an event one read and no write, however many events arrive before the next
 * search; an event that arrives while a search runs re-marks the project, so the change it tells
 * of is searched again at the next run even if the running search started too early to see it.
 */
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';

export interface DirtyMark {
  /** When the first change not yet searched was noted. */
  since: string;
  /** Set by the search that is reading this project; an event after it clears it (re-marks). */
  claimedAt?: string;
}

export interface DirtyDoc {
  projects: Record<string, DirtyMark>;
}

const empty = (): DirtyDoc => ({ projects: {} });

/** Marks a project; answers false when it was already marked and not yet claimed (no write). */
export async function markProjectDirty(deps: Pick<AppDeps, 'store'>, projectId: string, at: Date): Promise<boolean> {
  const { written } = await updateVersioned<DirtyDoc>(deps.store, keys.issueSyncDirty(), empty, (doc) => {
    const mark = doc.projects[projectId];
    if (mark && !mark.claimedAt) return undefined;
    const since = mark && Date.parse(mark.since) < at.getTime() ? mark.since : at.toISOString();
    return { projects: { ...doc.projects, [projectId]: { since } } };
  });
  return written;
}

/** Claims every marked project for a search starting `at`; answers the marks as claimed. */
export async function claimDirtyProjects(deps: Pick<AppDeps, 'store'>, at: Date): Promise<Record<string, DirtyMark>> {
  const claimedAt = at.toISOString();
  const { value } = await updateVersioned<DirtyDoc>(deps.store, keys.issueSyncDirty(), empty, (doc) => {
    if (Object.keys(doc.projects).length === 0) return undefined;
    const projects: Record<string, DirtyMark> = {};
    for (const [id, mark] of Object.entries(doc.projects)) projects[id] = { since: mark.since, claimedAt };
    return { projects };
  });
  return value.projects;
}

/**
 * Clears a project's mark after its search succeeded, unless an event re-marked it meanwhile (or
 * another run claimed it later): then the mark stays and the next run searches again.
 */
export async function clearDirtyMark(deps: Pick<AppDeps, 'store'>, projectId: string, claimedAt: string): Promise<boolean> {
  const { written } = await updateVersioned<DirtyDoc>(deps.store, keys.issueSyncDirty(), empty, (doc) => {
    if (doc.projects[projectId]?.claimedAt !== claimedAt) return undefined;
    const projects = { ...doc.projects };
    delete projects[projectId];
    return { projects };
  });
  return written;
}
