import type { PirInput, PirListItem, PirListView, PostImplementationReview, SavePirPayload } from '../../contract-go-no-go';
import { type CalendarDate, calendarDateIn, parseCalendarDate } from '../../domain/calendar/calendar-date';
import { inferReleaseType } from '../../domain/go-no-go/policies';
import { pirStatus } from '../../domain/go-no-go/pir';
import { AppError } from '../../errors';
import { type IndexDoc, type IndexEntry, type ReviewDoc, emptyBoard, guardedUpdate, readBoardState } from '../../store/go-no-go-store';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { auditOf } from './audit';
import { type BoardSession, openSession, requireVersion } from './session';

/** Reviews listed per project: the most recent decisions first, at most this many. */
export const LISTED_REVIEWS = 50;

export function pirItem(versionId: string, entry: IndexEntry, review: PostImplementationReview | undefined, today: CalendarDate): PirListItem {
  const due = entry.reviewDueDate ? parseCalendarDate(entry.reviewDueDate) : undefined;
  const { status, days } = pirStatus({ completed: review?.completed === true, ...(due ? { dueDate: due } : {}) }, today);
  return {
    versionId,
    versionName: entry.versionName,
    releaseType: entry.releaseType,
    decidedAt: entry.decidedAt,
    ...(entry.reviewDueDate ? { dueDate: entry.reviewDueDate } : {}),
    status,
    ...(days === undefined ? {} : { days }),
    ...(review ? { review } : {}),
  };
}

const STATUS_ORDER = { overdue: 0, due: 1, open: 2, completed: 3 } as const;

async function listView(session: BoardSession): Promise<PirListView> {
  const { store } = session.deps;
  const today = calendarDateIn(session.deps.clock.now(), session.deps.timeZone);
  const index = await store.getVersioned<IndexDoc>(keys.goNoGoIndex(session.project.id));
  const decided = Object.entries(index?.value.releases ?? {})
    .filter(([, entry]) => entry.value === 'GO')
    .sort(([, a], [, b]) => b.decidedAt.localeCompare(a.decidedAt))
    .slice(0, LISTED_REVIEWS);
  const reviews = await Promise.all(decided.map(([versionId]) => store.getVersioned<ReviewDoc>(keys.goNoGoReview(session.project.id, versionId))));
  const items = decided
    .map(([versionId, entry], i) => pirItem(versionId, entry, reviews[i]?.value.review, today))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.decidedAt.localeCompare(a.decidedAt));
  return { project: session.project, today, items, canEdit: session.isReleaseManager };
}

export async function getPostImplementationReviews(deps: AppDeps, context: InvocationContext): Promise<PirListView> {
  return listView(await openSession(deps, context, { versions: false }));
}

function sameReview(a: PostImplementationReview, b: PostImplementationReview): boolean {
  const strip = ({ updatedAt: _u, updatedBy: _b, completedAt: _c, ...rest }: PostImplementationReview) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

export async function savePostImplementationReview(deps: AppDeps, context: InvocationContext, payload: SavePirPayload): Promise<PirListView> {
  const session = await openSession(deps, context);
  const version = requireVersion(session, payload.versionId);
  const state = await readBoardState(deps.store, session.project.id, payload.versionId);
  const releaseType = (state.board?.value ?? emptyBoard()).releaseType ?? inferReleaseType(version);
  const policy = session.settings.policies[releaseType];
  const participant = session.isReleaseManager || policy.roles.some((r) => r.approverAccountIds.includes(context.accountId));
  if (!participant) {
    throw new AppError('FORBIDDEN', `Only release managers of ${session.project.key} and the release's approvers can write its post-implementation review.`);
  }
  if (state.decision?.value.decision.value !== 'GO') {
    throw new AppError('VALIDATION', `A post-implementation review follows a GO decision; ${version.name} has none.`, ['versionId: the release has no GO decision.']);
  }
  const review = await reviewFromInput(session, payload.versionId, payload.review);
  const at = review.updatedAt;
  const target = { versionId: payload.versionId, versionName: version.name };
  await guardedUpdate<ReviewDoc>(deps.store, keys.goNoGoReview(session.project.id, payload.versionId), {
    initial: () => ({}),
    change: (doc) => {
      const before = doc.review;
      if (before && sameReview(before, review)) return undefined;
      const next: PostImplementationReview = {
        ...review,
        ...(review.completed ? { completedAt: before?.completedAt ?? at } : {}),
      };
      const action = review.completed && !before?.completed ? 'review.completed' : before ? 'review.updated' : 'review.created';
      const summary = `${action === 'review.completed' ? 'Completed' : before ? 'Updated' : 'Started'} the post-implementation review (${next.outcome}).`;
      return { next: { review: next }, audit: [auditOf(session, review.updatedBy, at, target, { action, summary, ...(before ? { before } : {}), after: next })] };
    },
  });
  await updateVersioned<IndexDoc>(deps.store, keys.goNoGoIndex(session.project.id), () => ({ releases: {} }), (index) => {
    const entry = index.releases[payload.versionId];
    if (!entry || entry.reviewCompleted === review.completed) return undefined;
    return { releases: { ...index.releases, [payload.versionId]: { ...entry, reviewCompleted: review.completed } } };
  });
  return listView(session);
}

async function reviewFromInput(session: BoardSession, versionId: string, input: PirInput): Promise<PostImplementationReview> {
  const owners = [...new Set(input.actions.map((a) => a.ownerAccountId).filter((id): id is string => id !== undefined))];
  const [actor, known] = await Promise.all([session.actor(), owners.length ? session.jira.usersByIds(owners) : Promise.resolve([])]);
  const names = new Map(known.map((u) => [u.accountId, u.displayName]));
  const unknown = owners.filter((id) => !names.has(id));
  if (unknown.length) throw new AppError('VALIDATION', 'The review was not saved.', unknown.map((id) => `actions: Jira has no user “${id.slice(0, 60)}” to own an action.`));
  return {
    versionId,
    outcome: input.outcome,
    outcomeNotes: input.outcomeNotes.trim(),
    incidents: input.incidents.map((i) => ({ reference: i.reference.trim(), note: i.note.trim() })),
    lessonsLearned: input.lessonsLearned.trim(),
    actions: input.actions.map((a) => ({
      id: a.id,
      text: a.text.trim(),
      ...(a.ownerAccountId ? { owner: { accountId: a.ownerAccountId, displayName: names.get(a.ownerAccountId) ?? a.ownerAccountId } } : {}),
      ...(a.dueDate ? { dueDate: a.dueDate } : {}),
      status: a.status,
    })),
    completed: input.completed,
    updatedAt: session.deps.clock.now().toISOString(),
    updatedBy: actor,
  };
}
