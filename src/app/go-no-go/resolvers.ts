import { z } from 'zod';
import type { GoNoGoResolverContract } from '../../contract-go-no-go';
import { AUTO_CRITERION_RULES, PIR_OUTCOME_LABELS, RELEASE_TYPES, RISK_STATUSES } from '../../contract-go-no-go';
import { parseCalendarDate } from '../../domain/calendar/calendar-date';
import { POLICY_LIMITS } from '../../domain/go-no-go/policies';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { exportAuditCsv, getAuditLog } from './audit';
import { addOrUpdateRisk, saveBoardConfig, startNewRound, tickCriterion } from './board-edits';
import { getGoNoGoBoard } from './board-view';
import { markVersionReleased, recordDecision } from './decision';
import { getReleaseChoices } from './release-choices';
import { getPostImplementationReviews, savePostImplementationReview } from './reviews';
import { getGoNoGoSettings, saveGoNoGoSettings } from './settings';
import { castVote } from './votes';
import { getWaitingForMe } from './waiting';

/**
 * The Go/No-Go board's resolvers: strict payload schemas (unknown fields refused, every text
 * bounded) and their use cases. Spread into the app's resolver table (src/app/resolvers.ts).
 */

const versionId = z.string().regex(/^\d{1,18}$/, 'a Jira version id (digits)');
/** Client-generated ids (risks, votes, decisions): safe for storage keys. */
const clientId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, '6-64 letters, digits, - or _');
const accountId = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'an Atlassian account id');
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-MM-dd')
  .refine((text) => parseCalendarDate(text) !== undefined, 'not a calendar date');
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const required = (max: number) => text(max).refine((t) => t.trim().length > 0, 'required');
const scale = (what: string) => z.number().int(`${what} is a whole number`).min(1, `${what} runs from 1 to 5`).max(5, `${what} runs from 1 to 5`);

const criterion = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,48}$/, 'lower-case letters, digits and -'),
    kind: z.enum(['auto', 'manual']),
    rule: z.enum(AUTO_CRITERION_RULES).optional(),
    title: required(120),
    blocking: z.boolean(),
  })
  .strict();

const role = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and -'),
    name: required(60),
    approverAccountIds: z.array(accountId).max(POLICY_LIMITS.approversPerRole),
  })
  .strict();

const policy = z
  .object({
    criteria: z.array(criterion).max(POLICY_LIMITS.criteria),
    roles: z.array(role).max(POLICY_LIMITS.roles),
    quorum: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('all') }).strict(),
      z.object({ kind: z.literal('at-least'), count: z.number().int().min(1).max(POLICY_LIMITS.roles) }).strict(),
    ]),
    pirDueDays: z.number().int().min(0).max(POLICY_LIMITS.pirDueDaysMax).nullable(),
  })
  .strict();

const risk = z
  .object({
    id: clientId,
    title: required(120),
    description: text(1000),
    likelihood: scale('likelihood'),
    impact: scale('impact'),
    ownerAccountId: accountId.optional(),
    mitigation: text(1000),
    dueDate: calendarDate.optional(),
    status: z.enum(RISK_STATUSES),
  })
  .strict();

const review = z
  .object({
    outcome: z.enum(Object.keys(PIR_OUTCOME_LABELS) as ['met', 'partially-met', 'not-met']),
    outcomeNotes: text(4000),
    incidents: z.array(z.object({ reference: required(200), note: text(500) }).strict()).max(20),
    lessonsLearned: text(4000),
    actions: z
      .array(
        z
          .object({
            id: clientId,
            text: required(300),
            ownerAccountId: accountId.optional(),
            dueDate: calendarDate.optional(),
            status: z.enum(['open', 'done']),
          })
          .strict(),
      )
      .max(20),
    completed: z.boolean(),
  })
  .strict();

type Definitions = {
  [N in keyof GoNoGoResolverContract]: {
    payload: z.ZodType<GoNoGoResolverContract[N]['payload']>;
    handle(deps: AppDeps, context: InvocationContext, payload: GoNoGoResolverContract[N]['payload']): Promise<GoNoGoResolverContract[N]['result']>;
  };
};

const versionOnly = z.object({ versionId }).strict();
const releaseRequest = z.discriminatedUnion('unresolvedIssues', [
  z.object({ unresolvedIssues: z.literal('move'), moveToVersionId: versionId }).strict(),
  z.object({ unresolvedIssues: z.literal('keep') }).strict(),
]);
const nothing = z.object({}).strict() as z.ZodType<Record<string, never>>;

export const goNoGoResolvers: Definitions = {
  getGoNoGoBoard: { payload: z.object({ versionId: versionId.optional() }).strict(), handle: getGoNoGoBoard },
  saveBoardConfig: { payload: z.object({ versionId, releaseType: z.enum(RELEASE_TYPES) }).strict(), handle: saveBoardConfig },
  getGoNoGoSettings: { payload: nothing, handle: (deps, context) => getGoNoGoSettings(deps, context) },
  saveGoNoGoSettings: {
    payload: z.object({ releaseType: z.enum(RELEASE_TYPES), policy, expectedUpdatedAt: z.string().max(40).optional() }).strict(),
    handle: saveGoNoGoSettings,
  },
  addOrUpdateRisk: { payload: z.object({ versionId, risk }).strict(), handle: addOrUpdateRisk },
  tickCriterion: {
    payload: z.object({ versionId, criterionId: z.string().regex(/^[a-z0-9-]{1,48}$/), ticked: z.boolean(), evidence: text(1000) }).strict(),
    handle: tickCriterion,
  },
  castVote: {
    payload: z
      .object({ versionId, roleId: z.string().regex(/^[a-z0-9-]{1,40}$/), value: z.enum(['GO', 'NO_GO', 'GO_WITH_CONDITIONS']), comment: text(1000), voteId: clientId })
      .strict(),
    handle: castVote,
  },
  recordDecision: {
    payload: z
      .object({
        versionId,
        value: z.enum(['GO', 'NO_GO']),
        comment: text(2000),
        overrideJustification: text(2000).optional(),
        release: releaseRequest.optional(),
        decisionId: clientId,
      })
      .strict(),
    handle: recordDecision,
  },
  markVersionReleased: { payload: z.object({ versionId, release: releaseRequest }).strict(), handle: markVersionReleased },
  getReleaseChoices: { payload: versionOnly, handle: getReleaseChoices },
  startNewRound: { payload: versionOnly, handle: startNewRound },
  savePostImplementationReview: { payload: z.object({ versionId, review }).strict(), handle: savePostImplementationReview },
  getPostImplementationReviews: { payload: nothing, handle: (deps, context) => getPostImplementationReviews(deps, context) },
  getAuditLog: { payload: z.object({ versionId: versionId.optional() }).strict(), handle: getAuditLog },
  exportAuditCsv: { payload: z.object({ versionId: versionId.optional() }).strict(), handle: exportAuditCsv },
  getWaitingForMe: { payload: nothing, handle: (deps, context) => getWaitingForMe(deps, context) },
};
