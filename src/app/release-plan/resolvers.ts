/**
 * The release plan's resolvers (merged into src/app/resolvers.ts): strict zod payload schemas
 * (unknown fields refused, sizes bounded) and the use cases. Meaning (dates inside a version,
 * known environments...) is checked by the use cases against the stored plan and Jira.
 */
import { z } from 'zod';
import type { ReleasePlanResolverContract } from '../../contract-release-plan';
import { TIERS } from '../../contract-release-plan';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { buildCalendarView } from './calendar-view';
import { disableFeedToken, rotateFeedToken } from './calendar-feed';
import { deleteSlot, deleteWindow, recordDeployment, saveSlot, saveWindow, setVersionDependencies } from './plan-edits';
import {
  buildPlanSettingsView,
  deleteEnvironment,
  getPlanSettings,
  savePlanSettings,
  savePromotionOrder,
  saveEnvironment,
  saveReleaseManagers,
  searchUsers,
} from './plan-settings';
import { restoreEnvironment, restoreSlot, restoreWindow } from './undo';

type Name = keyof ReleasePlanResolverContract;
type Table = {
  [N in Name]: {
    payload: z.ZodType<ReleasePlanResolverContract[N]['payload']>;
    handle(deps: AppDeps, context: InvocationContext, payload: ReleasePlanResolverContract[N]['payload']): Promise<ReleasePlanResolverContract[N]['result']>;
  };
};

const id = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'an id of letters, digits, dot, dash or underscore');
const versionId = z.string().regex(/^\d{1,18}$/, 'a Jira version id such as 10001');
const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'a Jira project key such as SHOP');
const accountId = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'an Atlassian account id');
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-MM-dd');
const dateTime = z.iso.datetime({ offset: true, message: 'a date and time such as 2026-12-01T09:00:00Z' });
const tier = z.enum(TIERS);
const note = z.string().max(500, 'at most 500 characters');
const empty = z.object({}).strict() as z.ZodType<Record<string, never>>;

const view = z
  .object({
    from: calendarDate,
    to: calendarDate,
    relatedProjects: z.array(projectKey).max(10).optional(),
  })
  .strict();
const location = z.object({ environmentId: id, from: dateTime }).strict();
const scope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('site') }).strict(),
  z.object({ type: z.literal('project'), projectKey }).strict(),
  z.object({ type: z.literal('environment'), environmentId: id }).strict(),
]);

export const releasePlanResolvers: Table = {
  getReleaseCalendar: {
    payload: view,
    handle: (deps, context, payload) => buildCalendarView(deps, context, payload),
  },
  saveEnvironmentSlot: {
    payload: z
      .object({
        slot: z
          .object({ id: id.optional(), versionId, environmentId: id, from: dateTime, to: dateTime, required: z.boolean(), note: note.optional() })
          .strict(),
        current: location.optional(),
        expectedUpdatedAt: dateTime.optional(),
        view,
      })
      .strict(),
    handle: saveSlot,
  },
  deleteEnvironmentSlot: {
    payload: z.object({ slotId: id, current: location, deletionId: id.optional(), view }).strict(),
    handle: deleteSlot,
  },
  restoreEnvironmentSlot: {
    payload: z.object({ deletionId: id, view }).strict(),
    handle: restoreSlot,
  },
  savePlanWindow: {
    payload: z
      .object({
        window: z
          .object({
            id: id.optional(),
            kind: z.enum(['freeze', 'maintenance']),
            scope,
            tiers: z.array(tier).max(TIERS.length).optional(),
            from: dateTime,
            to: dateTime,
            reason: z.string().trim().min(1, 'say why').max(300, 'at most 300 characters'),
          })
          .strict(),
        expectedUpdatedAt: dateTime.optional(),
        view,
      })
      .strict(),
    handle: saveWindow,
  },
  deletePlanWindow: {
    payload: z.object({ windowId: id, deletionId: id.optional(), view }).strict(),
    handle: deleteWindow,
  },
  restorePlanWindow: {
    payload: z.object({ deletionId: id, view }).strict(),
    handle: restoreWindow,
  },
  recordDeployment: {
    payload: z
      .object({
        deployment: z
          .object({
            versionId,
            environmentId: id,
            at: dateTime,
            status: z.enum(['successful', 'failed', 'rolled_back', 'in_progress', 'cancelled']),
            note: note.optional(),
          })
          .strict(),
        view,
      })
      .strict(),
    handle: recordDeployment,
  },
  setVersionDependencies: {
    payload: z.object({ versionId, dependsOn: z.array(z.object({ projectKey, versionId }).strict()).max(20), view }).strict(),
    handle: setVersionDependencies,
  },
  getPlanSettings: {
    payload: empty,
    handle: (deps, context) => getPlanSettings(deps, context),
  },
  saveEnvironment: {
    payload: z
      .object({
        environment: z
          .object({
            id: id.optional(),
            name: z.string().trim().min(1, 'give it a name').max(60, 'at most 60 characters'),
            tier,
            ownerAccountId: accountId.optional(),
            components: z.array(z.string().trim().min(1).max(60)).max(30),
            status: z.enum(['available', 'maintenance', 'down']),
            notes: z.string().max(1000, 'at most 1000 characters').optional(),
            capacity: z.number().int().min(1).max(20),
          })
          .strict(),
        expectedUpdatedAt: dateTime.optional(),
      })
      .strict(),
    handle: saveEnvironment,
  },
  deleteEnvironment: {
    payload: z.object({ environmentId: id, deletionId: id.optional() }).strict(),
    handle: deleteEnvironment,
  },
  restoreEnvironment: {
    payload: z.object({ deletionId: id }).strict(),
    handle: restoreEnvironment,
  },
  savePromotionOrder: {
    payload: z.object({ tierOrder: z.array(tier).length(TIERS.length), expectedTierOrder: z.array(tier).length(TIERS.length) }).strict(),
    handle: savePromotionOrder,
  },
  savePlanSettings: {
    payload: z.object({ maxReleasesPerDay: z.number().int().min(1).max(50), relatedProjects: z.array(projectKey).max(10), revision: z.number().int().min(0) }).strict(),
    handle: savePlanSettings,
  },
  setReleaseManagers: {
    payload: z.object({ accountIds: z.array(accountId).max(50), expectedAccountIds: z.array(accountId).max(50) }).strict(),
    handle: (deps, context, payload) => saveReleaseManagers(deps, context, payload.accountIds, payload.expectedAccountIds),
  },
  searchUsers: {
    payload: z.object({ query: z.string().trim().min(1).max(100) }).strict(),
    handle: searchUsers,
  },
  rotateCalendarFeedToken: {
    payload: empty,
    handle: (deps, context) => rotateFeedToken(deps, context),
  },
  disableCalendarFeed: {
    payload: empty,
    handle: async (deps, context) => {
      await disableFeedToken(deps, context);
      return buildPlanSettingsView(deps, context);
    },
  },
};
