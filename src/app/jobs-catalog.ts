import { z } from 'zod';
import type { QueuedJob } from '../ports';

/** Work fanned out through the queue, one small job per project so each fits a function run. */
export const jobSchemas = {
  'reconcile-project-versions': z.object({ projectId: z.string().min(1), projectKey: z.string().min(1) }).strict(),
  // projectId is optional only so jobs queued before it was added still run (in the site's zone).
  'publish-project-status': z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/), projectId: z.string().regex(/^\d{1,20}$/).optional(), week: z.string().regex(/^\d{4}-W\d{2}$/).optional() }).strict(),
  'publish-release-notes': z
    .object({ projectId: z.string().regex(/^\d{1,20}$/), versionId: z.string().regex(/^\d{1,20}$/), trigger: z.enum(['release-event', 'manual']) })
    .strict(),
  // Release readiness (src/app/readiness/): rebuild a project's roll-ups, one release, or re-read one issue.
  'reconcile-project-readiness': z.object({ projectId: z.string().regex(/^\d{1,20}$/), projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/) }).strict(),
  'reconcile-release-readiness': z.object({ projectId: z.string().regex(/^\d{1,20}$/), versionId: z.string().regex(/^\d{1,20}$/) }).strict(),
  'refresh-issue-readiness': z.object({ issue: z.string().regex(/^(\d{1,20}|[A-Z][A-Z0-9_]*-\d{1,12})$/) }).strict(),
  // Delivery KPIs (src/app/kpi-sync.ts, src/app/kpi-reports.ts): the issue-fact sync and the weekly pages.
  'kpi-sync': z.object({ projectId: z.string().regex(/^\d{1,20}$/), projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/) }).strict(),
  'kpi-sync-chunk': z
    .object({ projectId: z.string().regex(/^\d{1,20}$/), projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/), chunkId: z.string().regex(/^(older|\d{4}-\d{2}(-\d{2}(T\d{2})?)?)$/),
      // Which generation of facts the chunk builds (src/app/kpi-sync.ts); absent in jobs queued before generations.
      generation: z.number().int().min(0).optional(),
    })
    .strict(),
  'publish-project-kpis': z.object({ projectId: z.string().regex(/^\d{1,20}$/), projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/) }).strict(),
  'publish-portfolio-kpis': z.object({}).strict(),
  // A finished go-live run's page in Confluence (src/app/runbook/record.ts); `attempt` counts the tries for the backoff.
  'publish-runbook-record': z.object({ projectId: z.string().regex(/^\d{1,20}$/), versionId: z.string().regex(/^\d{1,20}$/), attempt: z.number().int().min(1).max(10) }).strict(),
  // A go-live run's follow-up (filing its deployment, freezing it) tried again after a failure (src/app/runbook/follow-up.ts); retried until done.
  'settle-runbook-run': z.object({ projectId: z.string().regex(/^\d{1,20}$/), versionId: z.string().regex(/^\d{1,20}$/), attempt: z.number().int().min(1).max(100_000) }).strict(),
  // A failed scheduled run, tried again (src/app/scheduled-runs.ts).
  'retry-scheduled': z.object({ job: z.enum(['daily-sync', 'weekly-reports', 'weekly-kpis']), attempt: z.number().int().min(1).max(10) }).strict(),
} as const;

export type JobType = keyof typeof jobSchemas;

export function job<T extends JobType>(type: T, body: z.infer<(typeof jobSchemas)[T]>): QueuedJob {
  return { type, body };
}
