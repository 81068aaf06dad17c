/**
 * "Something changed in this project": product events set a mark, the incremental search claims
 * and clears it. One small versioned document for the site. A mark names the issues its events
 * told of (ids), so the search reads just those, all projects in one bulk fetch; a project whose
 * events named more than MAX_MARKED_ISSUES issues before a run, or a mark set without ids, is
 * read by a window search instead (`updated >= watermark`). An issue already marked costs an
 * event one read and no write, however many events arrive before the next search; an event that
 * arrives while a search runs re-marks the project (keeping the ids being read), so the change it
 * tells of is read again at the next run even if the running search started too early to see it.
 */
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';

export interface DirtyMark {
  /** When the first change not yet searched was noted. */
  since: string;
  /** Set by the search that is reading this project; an event after it clears it (re-marks). */
  claimedAt?: string;
  /** The issues the events named; absent: read the project's whole window. */
  issues?: string[];
}

/** Beyond this many marked issues in a project the window search is cheaper in requests and bytes. */
export const MAX_MARKED_ISSUES = 300;

export interface DirtyDoc {
  projects: Record<string, DirtyMark>;
}

const empty = (): DirtyDoc => ({ projects: {} });

/**
 * Marks a project (and, given an issue id, that issue); answers false when it was already marked
 * so and not yet claimed (no write). Without an issue id the whole window is searched.
 */
export async function markProjectDirty(deps: Pick<AppDeps, 'store'>, projectId: string, at: Date, issueId?: string): Promise<boolean> {
  return mark(deps, projectId, at, issueId === undefined ? { window: true } : { issueId });
}

/**
 * Notes a change an event's changelog already applied (src/app/issue-sync/changelog-sync.ts): the
 * next run reads nothing for it but moves the project's watermarks past it (the KPI delta's too),
 * so no later window or daily delta reads the issue again.
 */
export async function markChangeApplied(deps: Pick<AppDeps, 'store'>, projectId: string, at: Date): Promise<boolean> {
  return mark(deps, projectId, at, {});
}

async function mark(deps: Pick<AppDeps, 'store'>, projectId: string, at: Date, what: { issueId?: string; window?: true }): Promise<boolean> {
  const { issueId } = what;
  const { written } = await updateVersioned<DirtyDoc>(deps.store, keys.issueSyncDirty(), empty, (doc) => {
    const mark = doc.projects[projectId];
    const covered = mark && (!mark.issues || (issueId === undefined && !what.window) || (issueId !== undefined && mark.issues.includes(issueId)));
    if (mark && !mark.claimedAt && covered) return undefined;
    const since = mark && Date.parse(mark.since) < at.getTime() ? mark.since : at.toISOString();
    // Ids stay listed only while every event named one (or none: an applied change) and the list is short.
    const ids = what.window || (mark && !mark.issues) ? undefined : [...new Set([...(mark?.issues ?? []), ...(issueId !== undefined ? [issueId] : [])])];
    const next: DirtyMark = { since, ...(ids && ids.length <= MAX_MARKED_ISSUES ? { issues: ids } : {}) };
    return { projects: { ...doc.projects, [projectId]: next } };
  });
  return written;
}

/** Claims every marked project for a search starting `at`; answers the marks as claimed. */
export async function claimDirtyProjects(deps: Pick<AppDeps, 'store'>, at: Date): Promise<Record<string, DirtyMark>> {
  const claimedAt = at.toISOString();
  const { value } = await updateVersioned<DirtyDoc>(deps.store, keys.issueSyncDirty(), empty, (doc) => {
    if (Object.keys(doc.projects).length === 0) return undefined;
    const projects: Record<string, DirtyMark> = {};
    for (const [id, mark] of Object.entries(doc.projects)) projects[id] = { ...mark, claimedAt };
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
