import type { UserSummary } from '../../contract-go-no-go';
import type { FrozenRun, FrozenRunHeader, FrozenStep, RunbookPublication, RunbookVersionPayload, RunbookView } from '../../contract-runbook';
import { contentHash, decidePublication } from '../../domain/release-notes/publication';
import { freezeRun } from '../../domain/runbook/record';
import { renderRunBookStorage, runBookPageTitle } from '../../domain/runbook/record-page';
import { AppError, ConflictError } from '../../errors';
import { normaliseStorage } from '../../integrations/confluence/confluence-client';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { readFrozenRun, recordLayout } from '../../store/runbook-store';
import { updateSharded } from '../../store/sharded-list';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { job } from '../jobs-catalog';
import { currentPage } from '../release-notes';
import { notesTarget, readNotesSettings, readReportSettings } from '../release-notes-settings';
import { errorText, requireSpace } from '../report-publishing';
import { openRunbook, requireReleaseManager } from './session';
import { newAuditEntry } from '../go-no-go/audit';
import { runbookAudit } from '../../store/runbook-store';
import { announceRun } from './announce';
import type { PlanState, RunState } from './view';
import { peopleIdsOf, planOf, runOf, runbookView } from './view';

/**
 * The finished run's record and its run book page. The write that ends a run (completed or
 * rolled back) notes its freeze in the same transaction and then freezes it (src/app/runbook/
 * follow-up.ts; a view never writes): the record is written once (create-only, split by bytes like
 * the run) and never changed; from then on every write to the run is refused. The freeze queues
 * the page's publication (noted pending first), and its note stays until that is done, so a
 * failure between the record and the queue is tried again, never left pending for ever. The job writes the page where the project's release notes go (its release-notes
 * space and parent page, by default the site's report space), retries a failure with backoff and
 * records the outcome for the Go-live page; a release manager can publish again from there.
 */

/** Tries of the queued publication before it gives up (a release manager can still publish again). */
export const PUBLISH_ATTEMPTS = 5;
const MAX_DELAY_SECONDS = 3600;
/** Re-reads after a concurrent writer (a duplicate job, a person saving the page). */
const WRITE_ATTEMPTS = 3;

const initialMeta = (): FrozenRunHeader | null => null;

export const readRecord = readFrozenRun;

export async function readRecordHeader(store: KeyValueStore, projectId: string, versionId: string): Promise<FrozenRunHeader | undefined> {
  return (await store.getVersioned<{ meta: FrozenRunHeader | null }>(keys.runbookRecord(projectId, versionId)))?.value.meta ?? undefined;
}

export async function readRunBookPublication(store: KeyValueStore, projectId: string, versionId: string): Promise<RunbookPublication | undefined> {
  return (await store.getVersioned<RunbookPublication>(keys.runbookPublication(projectId, versionId)))?.value;
}

/** Refuses any write to a run whose record is frozen (checked again in the write's transaction). */
export function notFrozenGuard(store: KeyValueStore, projectId: string, versionId: string, versionName: string) {
  return async () => {
    const key = keys.runbookRecord(projectId, versionId);
    const record = await store.getVersioned<{ meta: FrozenRunHeader | null }>(key);
    if (record?.value.meta) {
      const h = record.value.meta;
      throw new AppError('VALIDATION', `The go-live run of ${versionName} ${h.status === 'completed' ? 'completed' : 'rolled back'}: its record is final (frozen at ${h.frozenAt}); nothing was changed.`);
    }
    return [{ kind: 'check' as const, key, expectRev: 0 }];
  };
}

/**
 * Freezes the finished run (src/app/runbook/follow-up.ts calls it for the write that finished it);
 * the record already there is kept as it is. Then makes sure its page is queued: the publication
 * is noted pending and its job pushed when nothing was noted yet, or noted but never tried (a push
 * that failed before), so a settle tried again queues the page it could not queue before.
 */
export async function freezeFinishedRun(
  deps: AppDeps,
  due: { projectId: string; projectKey: string; versionId: string; versionName: string; by: UserSummary },
  planState: PlanState,
  runState: RunState,
): Promise<FrozenRunHeader | undefined> {
  const { projectId, projectKey, versionId, versionName } = due;
  const run = runOf(runState);
  if (!run || !runState.meta) return undefined;
  const plan = planOf(planState);
  const ids = peopleIdsOf(plan);
  const people = ids.length ? (await deps.jiraAsApp().usersByIds(ids)).map((u): UserSummary => ({ accountId: u.accountId, displayName: u.displayName })) : [];
  const at = deps.clock.now().toISOString();
  const record = freezeRun(plan, run, { frozenAt: at, planRevision: runState.meta.planRevision, project: { id: projectId, key: projectKey }, version: { id: versionId, name: versionName }, people });
  if (!record) return undefined;
  const { state, written } = await updateSharded<FrozenRunHeader | null, FrozenStep>(deps.store, recordLayout(projectId, versionId), {
    initialMeta,
    idOf: (s) => s.stepId,
    change: (current) =>
      current.meta
        ? undefined
        : {
            meta: record.header,
            items: record.steps,
            audit: [
              runbookAudit(
                projectId,
                versionId,
                newAuditEntry(due.by, at, { versionId, versionName }, {
                  action: 'run.frozen',
                  summary: `The go-live run ${record.header.status === 'completed' ? 'completed' : 'rolled back'}; its record was frozen with ${record.steps.length} steps.`,
                  after: { status: record.header.status, steps: record.steps.length },
                }),
              ),
            ],
          },
  });
  if (written) await announceRun(deps, projectId, versionId, runState.writes ?? runState.rev);
  const pending: RunbookPublication = { status: 'pending', attempts: 0 };
  const { value, written: noted } = await updateVersioned<RunbookPublication>(deps.store, keys.runbookPublication(projectId, versionId), () => pending, (current) => (current === pending ? pending : undefined));
  if (noted || (value.status === 'pending' && value.attempts === 0)) await deps.queue.push([job('publish-runbook-record', { projectId, versionId, attempt: 1 })]);
  return state.meta ?? undefined;
}

export interface RunBookRequest {
  projectId: string;
  versionId: string;
  attempt: number;
  /** A release manager publishing again: writes a new version of the page even when it is unchanged. */
  by?: UserSummary;
}

/**
 * Writes the run book page from the frozen record and records the outcome. Idempotent: the page is
 * found by the stored page id, else by its title (unique in the space), and a queued publication
 * leaves a page that already holds the body alone. A failure of the queued job is tried again with
 * backoff up to PUBLISH_ATTEMPTS times; its outcome says why and when the next try is.
 */
export async function publishRunBook(deps: AppDeps, request: RunBookRequest): Promise<RunbookPublication> {
  const record = await readRecord(deps.store, request.projectId, request.versionId);
  if (!record) throw new AppError('VALIDATION', 'The go-live run has not finished: its run book page is published when it completes or rolls back.');
  const key = keys.runbookPublication(request.projectId, request.versionId);
  const previous = (await deps.store.getVersioned<RunbookPublication>(key))?.value;
  const attemptedAt = deps.clock.now().toISOString();
  const { error: _e, retryAt: _r, action: _a, ...kept } = previous ?? ({} as Partial<RunbookPublication>);
  const base: RunbookPublication = { ...kept, status: previous?.status === 'published' ? 'published' : 'failed', attempts: request.attempt, attemptedAt };
  let outcome: RunbookPublication;
  try {
    outcome = await publishOnce(deps, record, base, previous, request);
  } catch (error) {
    const message = errorText(error).slice(0, 1000);
    const permanent = error instanceof AppError && (error.code === 'VALIDATION' || error.code === 'NOT_FOUND');
    const retrying = !request.by && !permanent && request.attempt < PUBLISH_ATTEMPTS;
    const waitUntil = error instanceof AppError && error.retryAt ? error.retryAt.getTime() : undefined;
    const backoff = Math.min(MAX_DELAY_SECONDS, 60 * 2 ** request.attempt);
    const delaySeconds = waitUntil ? Math.min(MAX_DELAY_SECONDS, Math.max(backoff, Math.ceil((waitUntil - Date.parse(attemptedAt)) / 1000))) : backoff;
    const retryAt = retrying ? new Date(Date.parse(attemptedAt) + delaySeconds * 1000).toISOString() : undefined;
    deps.log.warn('run book page not published', { versionId: request.versionId, attempt: request.attempt, error: message, retryAt: retryAt ?? null });
    outcome = { ...base, status: previous?.status === 'published' ? 'published' : 'failed', error: message, ...(retryAt ? { retryAt } : {}) };
    if (retrying) await deps.queue.push([job('publish-runbook-record', { projectId: request.projectId, versionId: request.versionId, attempt: request.attempt + 1 })], { delaySeconds });
  }
  await updateVersioned<RunbookPublication>(deps.store, key, () => outcome, (current) =>
    // A duplicate job finishing after a later attempt does not overwrite what that attempt found.
    current !== outcome && current.attemptedAt !== undefined && current.attemptedAt > attemptedAt ? undefined : outcome,
  );
  // Pages watching the run show the page's link (or why it failed) without waiting for a poll.
  await announceRun(deps, request.projectId, request.versionId, request.attempt);
  return outcome;
}

async function publishOnce(deps: AppDeps, record: FrozenRun, base: RunbookPublication, previous: RunbookPublication | undefined, request: RunBookRequest): Promise<RunbookPublication> {
  const [{ settings }, site] = await Promise.all([readNotesSettings(deps, request.projectId), readReportSettings(deps)]);
  const target = notesTarget(site, settings.publishing);
  if (!target) {
    throw new AppError('VALIDATION', 'No Confluence space is set for release pages: choose one in Release settings → Release notes (the run book page goes where the release notes go).');
  }
  const confluence = deps.confluenceAsApp();
  const space = await requireSpace(confluence, target.spaceKey);
  const title = runBookPageTitle(record);
  const storage = renderRunBookStorage(record, deps.timeZone);
  const wantedHash = contentHash(normaliseStorage(storage));
  const recorded = previous?.pageId && previous.pageVersion !== undefined && previous.bodyHash ? { pageId: previous.pageId, pageVersion: previous.pageVersion, bodyHash: previous.bodyHash } : undefined;
  const manual = request.by !== undefined;
  for (let attempt = 1; ; attempt++) {
    const { page: found, recordedElsewhere } = await currentPage(confluence, space.id, title, recorded?.pageId);
    let decision = decidePublication({ written: recordedElsewhere ? undefined : recorded, page: found?.state, wantedTitle: title, wantedHash, force: manual });
    // Publishing again on purpose writes a new version, so the page's history shows it.
    if (decision.kind === 'unchanged' && manual) decision = { kind: 'update' };
    const published = (pageId: string, pageVersion: number, action: NonNullable<RunbookPublication['action']>, url: string | undefined): RunbookPublication => {
      const pageUrl = url ?? (previous?.pageId === pageId ? previous.pageUrl : undefined);
      const { error: _e, retryAt: _r, ...rest } = base;
      const kept = action === 'unchanged' && previous?.pageId === pageId && previous.publishedAt;
      return {
        ...rest,
        status: 'published',
        action,
        spaceKey: space.key,
        pageId,
        pageTitle: title,
        pageVersion,
        bodyHash: wantedHash,
        ...(pageUrl ? { pageUrl } : {}),
        publishedAt: kept ? (previous?.publishedAt as string) : deps.clock.now().toISOString(),
        ...(kept ? (previous?.publishedBy ? { publishedBy: previous.publishedBy } : {}) : request.by ? { publishedBy: request.by } : {}),
      };
    };
    try {
      switch (decision.kind) {
        case 'unchanged':
          return published(found!.state.id, found!.state.version, 'unchanged', found!.url);
        case 'needs-confirmation':
          throw new AppError('VALIDATION', `${decision.reason} The app did not overwrite it: a release manager can publish again from the Go-live page to replace it.`);
        case 'create': {
          const created = await confluence.createPage({ spaceId: space.id, ...(target.parentPageId ? { parentId: target.parentPageId } : {}), title, storageValue: storage });
          return published(created.id, created.version.number, decision.recreate ? 'recreated' : 'created', created.url);
        }
        case 'update': {
          const updated = await confluence.updatePage({
            id: found!.state.id,
            title,
            storageValue: storage,
            versionNumber: found!.state.version + 1,
            versionMessage: manual ? `Run book published again by ${request.by?.displayName ?? 'a release manager'}` : 'Run book of the finished go-live',
          });
          return published(updated.id, updated.version.number, 'updated', updated.url ?? found!.url);
        }
      }
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/** Resolver: a release manager publishes the run book page again (now, as the app, not queued). */
export async function publishRunbookRecord(deps: AppDeps, context: InvocationContext, payload: RunbookVersionPayload): Promise<RunbookView> {
  const target = await openRunbook(deps, context, payload.versionId);
  const { session, versionId } = target;
  requireReleaseManager(session, 'publish the run book page');
  const header = await readRecordHeader(deps.store, session.project.id, versionId);
  if (!header) throw new AppError('VALIDATION', 'The go-live run has not finished: its run book page is published when it completes or rolls back.');
  const previous = await readRunBookPublication(deps.store, session.project.id, versionId);
  await publishRunBook(deps, { projectId: session.project.id, versionId, attempt: (previous?.attempts ?? 0) + 1, by: await session.actor() });
  return runbookView(target);
}
