import { z } from 'zod';
import { RELEASE_TYPES } from '../../contract-go-no-go';
import type { RunbookResolverContract } from '../../contract-runbook';
import { RUNBOOK_LIMITS, STEP_KINDS, STEP_STATUSES, VOTE_CHOICES } from '../../contract-runbook';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { createRunbook, removeRunbookStep, saveRunbookStep, setGoLiveStart } from './plan-edits';
import { actOnRunbookStep, startRunbookRollback, startRunbookRun } from './run';
import { actOnRehearsalStep, startRunbookRehearsal } from './rehearsals';
import { getRunbookAudit, getRunbookTemplate, saveRunbookTemplate } from './templates';
import { openRunbook } from './session';
import { publishRunbookRecord } from './record';
import { runbookView } from './view';

/**
 * The go-live runbook's resolvers: strict payload schemas (unknown fields refused, every text
 * bounded, ids safe for storage keys) and their use cases. Spread into the app's resolver table.
 */

const versionId = z.string().regex(/^\d{1,18}$/, 'a Jira version id (digits)');
const stepId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '1-64 letters, digits, - or _');
const accountId = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'an Atlassian account id');
const instant = z.string().max(40).refine((text) => /^\d{4}-\d{2}-\d{2}T/.test(text) && /(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)), 'an ISO time with its zone (Z or ±hh:mm)');
const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const minutes = (min: number, max: number) => z.number().int('whole minutes').min(min, `at least ${min}`).max(max, `at most ${max}`);
const revision = z.number().int().min(0);

const step = z
  .object({
    id: stepId,
    title: text(RUNBOOK_LIMITS.title).refine((t) => t.trim().length > 0, 'required'),
    description: text(RUNBOOK_LIMITS.description),
    owner: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('user'), accountId }).strict(),
        z.object({ type: z.literal('group'), groupName: z.string().min(1).max(255) }).strict(),
      ])
      .optional(),
    environment: text(RUNBOOK_LIMITS.environment).optional(),
    plannedStart: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('absolute'), at: instant }).strict(),
        z.object({ type: z.literal('relative'), offsetMinutes: minutes(RUNBOOK_LIMITS.offsetMinutesMin, RUNBOOK_LIMITS.offsetMinutesMax) }).strict(),
      ])
      .optional(),
    durationMinutes: minutes(0, RUNBOOK_LIMITS.durationMinutes),
    dependsOn: z.array(stepId).max(RUNBOOK_LIMITS.dependsOn),
    kind: z.enum(STEP_KINDS),
    link: z.string().max(RUNBOOK_LIMITS.link).url('a link (https://…)').refine((u) => /^https:\/\//i.test(u), 'an https:// link').optional(),
    approvers: z.array(accountId).max(RUNBOOK_LIMITS.approvers).optional(),
  })
  .strict();

const action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }).strict(),
  z.object({ type: z.literal('complete') }).strict(),
  z.object({ type: z.literal('fail'), reason: text(RUNBOOK_LIMITS.reason) }).strict(),
  z.object({ type: z.literal('skip'), reason: text(RUNBOOK_LIMITS.reason) }).strict(),
  z.object({ type: z.literal('note'), text: text(RUNBOOK_LIMITS.note) }).strict(),
  z.object({ type: z.literal('vote'), choice: z.enum(VOTE_CHOICES), reason: text(RUNBOOK_LIMITS.reason).optional() }).strict(),
]);

type Definitions = {
  [N in keyof RunbookResolverContract]: {
    payload: z.ZodType<RunbookResolverContract[N]['payload']>;
    handle(deps: AppDeps, context: InvocationContext, payload: RunbookResolverContract[N]['payload']): Promise<RunbookResolverContract[N]['result']>;
  };
};

export const runbookResolvers: Definitions = {
  getRunbook: {
    payload: z.object({ versionId: versionId.optional() }).strict(),
    handle: async (deps, context, payload) => runbookView(await openRunbook(deps, context, payload.versionId)),
  },
  createRunbook: {
    payload: z
      .object({
        versionId,
        from: z.discriminatedUnion('type', [z.object({ type: z.literal('template') }).strict(), z.object({ type: z.literal('copy'), versionId }).strict()]),
        goLiveStart: instant.optional(),
      })
      .strict(),
    handle: createRunbook,
  },
  saveRunbookStep: { payload: z.object({ versionId, planRevision: revision, step, after: stepId.nullable().optional() }).strict(), handle: saveRunbookStep },
  removeRunbookStep: { payload: z.object({ versionId, planRevision: revision, stepId }).strict(), handle: removeRunbookStep },
  setGoLiveStart: { payload: z.object({ versionId, planRevision: revision, goLiveStart: instant.nullable() }).strict(), handle: setGoLiveStart },
  startRunbookRun: { payload: z.object({ versionId }).strict(), handle: startRunbookRun },
  actOnRunbookStep: { payload: z.object({ versionId, stepId, expectedStatus: z.enum(STEP_STATUSES), action }).strict(), handle: actOnRunbookStep },
  startRunbookRollback: { payload: z.object({ versionId, reason: text(RUNBOOK_LIMITS.reason) }).strict(), handle: startRunbookRollback },
  getRunbookTemplate: { payload: z.object({ releaseType: z.enum(RELEASE_TYPES) }).strict(), handle: getRunbookTemplate },
  saveRunbookTemplate: {
    payload: z.object({ releaseType: z.enum(RELEASE_TYPES), planRevision: revision, steps: z.array(step).max(RUNBOOK_LIMITS.steps) }).strict(),
    handle: saveRunbookTemplate,
  },
  getRunbookAudit: { payload: z.object({ versionId }).strict(), handle: getRunbookAudit },
  publishRunbookRecord: { payload: z.object({ versionId }).strict(), handle: publishRunbookRecord },
  startRunbookRehearsal: { payload: z.object({ versionId, environmentId: z.string().min(1).max(64) }).strict(), handle: startRunbookRehearsal },
  actOnRehearsalStep: {
    payload: z.object({ versionId, rehearsal: z.number().int().min(1).max(RUNBOOK_LIMITS.rehearsals), stepId, expectedStatus: z.enum(STEP_STATUSES), action }).strict(),
    handle: actOnRehearsalStep,
  },
};
