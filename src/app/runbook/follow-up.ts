import type { UserSummary } from '../../contract-go-no-go';
import type { RunFollowUpView, RunbookPlan, RunbookStep } from '../../contract-runbook';
import { type RunRecord, runStatus } from '../../domain/runbook/run';
import type { KeyValueStore, TransactOperation, Versioned } from '../../ports';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import { job } from '../jobs-catalog';
import { errorText } from '../report-publishing';
import { type RunRelease, fileRunDeployments } from './deployment-filing';
import { freezeFinishedRun } from './record';
import { planOf, readPlan, readRun, runOf } from './view';

/**
 * Work a run write calls for beyond the run itself: a completed production deployment (or a
 * finished rollback) is filed for the KPIs, a finished run is frozen and its page queued. Nothing
 * of it may be lost, so the write that calls for it notes it in the same transaction (one small
 * site-wide document, `rb:due`), and the note is removed only once the work is done:
 *
 * - the writer does the work at once (the page shows the frozen run and the counted deployment);
 * - a failure (the store refusing, Jira or the queue down) is written on the note with why and
 *   when the next try is, and a `settle-runbook-run` job tries again with backoff (2, 4, 8, …
 *   minutes, at most an hour apart), for as long as it takes;
 * - should that chain break (a job lost, the failure not even recorded), the five-minute
 *   scheduled trigger settles every note whose next try is more than SWEEP_GRACE_MINUTES overdue.
 *
 * Each piece of work is idempotent (a deployment stored once under its id, the record create-once,
 * the page found by id or title), so a settle running twice files and freezes once. The Go-live
 * page shows a note while it stands: pending, or failed with the reason.
 */

export type FollowUpWork = RunFollowUpView['work'][number];

export interface RunFollowUp extends RunRelease {
  projectId: string;
  work: FollowUpWork[];
  /** Grows with each write that notes work, so a settle that read an older note leaves the newer one. */
  seq: number;
  /** When the work was first noted. */
  since: string;
  /** Whose write called for it (the freeze is audited as them). */
  by: UserSummary;
  /** Failed tries so far. */
  attempts: number;
  error?: string;
  retryAt?: string;
}

export interface FollowUpDoc {
  runs: Record<string, RunFollowUp>;
}

/** A note whose next try is this overdue is settled by the five-minute trigger (its retry job was lost). */
export const SWEEP_GRACE_MINUTES = 10;
/** Notes settled by one sweep; the rest wait for the next one. */
const SWEEP_BATCH = 20;
const MAX_DELAY_SECONDS = 3600;
/** A settle finding more work noted while it worked goes round again, this many times at most. */
const ROUNDS = 3;

const entryId = (projectId: string, versionId: string) => `${projectId}:${versionId}`;
const empty = (): FollowUpDoc => ({ runs: {} });

export function readFollowUps(store: KeyValueStore): Promise<Versioned<FollowUpDoc> | undefined> {
  return store.getVersioned<FollowUpDoc>(keys.runbookFollowUps());
}

/** The run's note as the Go-live page shows it, if work is still due. */
export async function followUpOf(store: KeyValueStore, projectId: string, versionId: string): Promise<RunFollowUpView | undefined> {
  const due = (await readFollowUps(store))?.value.runs[entryId(projectId, versionId)];
  if (!due) return undefined;
  return { work: due.work, since: due.since, attempts: due.attempts, ...(due.error ? { error: due.error } : {}), ...(due.retryAt ? { retryAt: due.retryAt } : {}) };
}

/** What a run write calls for, judged on the run as the write leaves it (`step`: the step it acted on). */
export function dueWork(plan: RunbookPlan, run: RunRecord | undefined, step?: RunbookStep): FollowUpWork[] {
  if (!run) return [];
  const status = runStatus(plan, run);
  const deployed = step?.kind === 'deployment' && run.states[step.id]?.status === 'completed';
  return [...(deployed || status === 'rolled-back' ? (['file-deployments'] as const) : []), ...(status === 'completed' || status === 'rolled-back' ? (['freeze'] as const) : [])];
}

/** The operation noting `work` for a run, on the document as read: written in the run write's transaction. */
export function noteFollowUp(read: Versioned<FollowUpDoc> | undefined, note: Omit<RunFollowUp, 'seq' | 'since' | 'attempts' | 'error' | 'retryAt'>, at: string): TransactOperation {
  const doc = read?.value ?? empty();
  const id = entryId(note.projectId, note.versionId);
  const current = doc.runs[id];
  const work = [...new Set([...(current?.work ?? []), ...note.work])];
  const next: RunFollowUp = { ...note, work, seq: (current?.seq ?? 0) + 1, since: current?.since ?? at, attempts: current?.attempts ?? 0 };
  return { kind: 'put', key: keys.runbookFollowUps(), value: { runs: { ...doc.runs, [id]: next } }, expectRev: read?.rev ?? 0 };
}

async function doWork(deps: AppDeps, due: RunFollowUp): Promise<void> {
  const [planState, runState] = await Promise.all([readPlan(deps.store, due.projectId, due.versionId), readRun(deps.store, due.projectId, due.versionId)]);
  if (due.work.includes('file-deployments')) await fileRunDeployments(deps, due, planOf(planState), runOf(runState));
  if (due.work.includes('freeze')) await freezeFinishedRun(deps, due, planState, runState);
}

/**
 * Does the work noted for a run and removes the note; a failure is written on the note and tried
 * again by a job with backoff. Answers what became of it. Throws only when even the failure could
 * not be recorded or queued (a job is then redelivered; the sweep finds the note otherwise).
 */
export async function settleRun(deps: AppDeps, projectId: string, versionId: string, attempt = 1): Promise<'nothing' | 'done' | 'failed' | 'pending'> {
  const id = entryId(projectId, versionId);
  for (let round = 1; round <= ROUNDS; round++) {
    const due = (await readFollowUps(deps.store))?.value.runs[id];
    if (!due) return round === 1 ? 'nothing' : 'done';
    try {
      await doWork(deps, due);
    } catch (error) {
      await recordFailure(deps, due, attempt, error);
      return 'failed';
    }
    const { value } = await updateVersioned<FollowUpDoc>(deps.store, keys.runbookFollowUps(), empty, (doc) => {
      // Work noted after this settle read its note stays for the next round.
      if (doc.runs[id]?.seq !== due.seq) return undefined;
      const { [id]: _done, ...rest } = doc.runs;
      return { runs: rest };
    });
    if (!value.runs[id]) return 'done';
  }
  return 'pending';
}

async function recordFailure(deps: AppDeps, due: RunFollowUp, attempt: number, error: unknown): Promise<void> {
  const id = entryId(due.projectId, due.versionId);
  const message = errorText(error).slice(0, 500);
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, 60 * 2 ** attempt);
  const retryAt = new Date(deps.clock.now().getTime() + delaySeconds * 1000).toISOString();
  deps.log.warn('go-live run follow-up not done', { versionId: due.versionId, work: due.work.join(','), attempt, error: message, retryAt });
  await updateVersioned<FollowUpDoc>(deps.store, keys.runbookFollowUps(), empty, (doc) => {
    const current = doc.runs[id];
    return current ? { runs: { ...doc.runs, [id]: { ...current, attempts: attempt, error: message, retryAt } } } : undefined;
  });
  await deps.queue.push([job('settle-runbook-run', { projectId: due.projectId, versionId: due.versionId, attempt: attempt + 1 })], { delaySeconds });
}

/**
 * The five-minute trigger's repair: settles the notes whose next try is long overdue (a retry job
 * lost, or a failure that could not even be recorded). Never throws: one run's trouble does not
 * stop the others, nor the trigger's other work.
 */
export async function sweepRunFollowUps(deps: AppDeps): Promise<{ settled: number; failed: number }> {
  let notes: RunFollowUp[];
  try {
    notes = Object.values((await readFollowUps(deps.store))?.value.runs ?? {});
  } catch (error) {
    deps.log.warn('go-live follow-ups not read', { error: String(error) });
    return { settled: 0, failed: 0 };
  }
  const now = deps.clock.now().getTime();
  const overdue = notes.filter((n) => Date.parse(n.retryAt ?? n.since) + SWEEP_GRACE_MINUTES * 60_000 <= now).slice(0, SWEEP_BATCH);
  let settled = 0;
  let failed = 0;
  for (const note of overdue) {
    const outcome = await settleRun(deps, note.projectId, note.versionId, note.attempts + 1).catch((error: unknown) => {
      deps.log.warn('go-live run follow-up not settled', { versionId: note.versionId, error: String(error) });
      return 'failed' as const;
    });
    if (outcome === 'failed') failed++;
    else settled++;
  }
  return { settled, failed };
}

/**
 * The five-minute scheduled trigger: the incremental issue search, and beside it the repair of
 * go-live follow-ups (independent: neither one's failure stops the other). Answers the search's outcome.
 */
export async function runFiveMinuteTrigger<T>(deps: AppDeps, issueSync: (deps: AppDeps) => Promise<T>): Promise<T> {
  const [sync] = await Promise.all([issueSync(deps), sweepRunFollowUps(deps)]);
  return sync;
}
