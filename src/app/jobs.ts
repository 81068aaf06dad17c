import { z } from 'zod';
import { AppError } from '../errors';
import type { AppDeps } from './deps';
import { zonedFor } from './project-time';
import { type JobType, jobSchemas } from './jobs-catalog';
import { observationOf, recordVersionObservations } from './version-tracking';
import { publishReleaseNotes } from './release-notes';
import { publishRunBook } from './runbook/record';
import { settleRun } from './runbook/follow-up';
import { publishProjectStatus, runWeeklyReports } from './weekly-reports';
import { publishPortfolioKpis, publishProjectKpis, runWeeklyKpiReports } from './kpi-reports';
import { runKpiSync, runKpiSyncChunk } from './kpi-sync';
import { runDailySync } from './scheduled';
import { refresh } from './readiness/events';
import { reconcileProjectReadiness, reconcileReleaseReadiness } from './readiness/release-readiness';

const envelopeSchema = z.object({ type: z.string(), body: z.record(z.string(), z.unknown()) });

/** Runs one queued job. Every job is idempotent: the queue delivers at least once. */
export async function runJob(appDeps: AppDeps, raw: unknown): Promise<Record<string, unknown>> {
  let deps = appDeps;
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success || !(envelope.data.type in jobSchemas)) {
    // A malformed job can never succeed: drop it instead of letting the queue retry it forever.
    deps.log.error('dropping malformed job', { job: JSON.stringify(raw)?.slice(0, 300) });
    return { dropped: true };
  }
  const type = envelope.data.type as JobType;
  const parsed = jobSchemas[type].safeParse(envelope.data.body);
  if (!parsed.success) throw new AppError('VALIDATION', `Job ${type} has a malformed body.`);
  // A project's job counts days in the project's release zone, as its pages do.
  const projectId = (parsed.data as { projectId?: unknown }).projectId;
  if (typeof projectId === 'string') deps = await zonedFor(deps, projectId);

  switch (type) {
    case 'reconcile-project-versions': {
      const body = jobSchemas[type].parse(parsed.data);
      const versions = await deps.jiraAsApp().listVersions(body.projectKey);
      const observedAt = deps.clock.now().toISOString();
      const { written } = await recordVersionObservations(
        deps,
        body.projectId,
        versions.map((v) => observationOf(v, observedAt, 'reconciliation')),
      );
      return { projectKey: body.projectKey, versions: versions.length, historyChanged: written };
    }
    case 'publish-project-status': {
      const body = jobSchemas[type].parse(parsed.data);
      return { ...(await publishProjectStatus(deps, body.projectKey, body.week)) };
    }
    case 'publish-release-notes': {
      const body = jobSchemas[type].parse(parsed.data);
      return { ...(await publishReleaseNotes(deps, { ...body, force: false })) };
    }
    case 'reconcile-project-readiness': {
      const body = jobSchemas[type].parse(parsed.data);
      return { ...(await reconcileProjectReadiness(deps, body.projectId, body.projectKey)) };
    }
    case 'reconcile-release-readiness': {
      const body = jobSchemas[type].parse(parsed.data);
      return { versionId: body.versionId, ...(await reconcileReleaseReadiness(deps, body.projectId, body.versionId)) };
    }
    case 'refresh-issue-readiness': {
      // A dependent's re-read does not cascade further, so one change cannot ripple without end.
      const body = jobSchemas[type].parse(parsed.data);
      return { ...(await refresh(deps, body.issue, false)) };
    }
    case 'kpi-sync': {
      const body = jobSchemas[type].parse(parsed.data);
      return { projectKey: body.projectKey, ...(await runKpiSync(deps, body)) };
    }
    case 'kpi-sync-chunk': {
      const body = jobSchemas[type].parse(parsed.data);
      return { projectKey: body.projectKey, ...(await runKpiSyncChunk(deps, { projectId: body.projectId, projectKey: body.projectKey }, body.chunkId, body.generation)) };
    }
    case 'publish-project-kpis': {
      const body = jobSchemas[type].parse(parsed.data);
      return { ...(await publishProjectKpis(deps, body)) };
    }
    case 'publish-portfolio-kpis':
      return { ...(await publishPortfolioKpis(deps)) };
    case 'publish-runbook-record': {
      const body = jobSchemas[type].parse(parsed.data);
      return { ...(await publishRunBook(deps, body)) };
    }
    case 'settle-runbook-run': {
      const body = jobSchemas[type].parse(parsed.data);
      return { outcome: await settleRun(deps, body.projectId, body.versionId, body.attempt) };
    }
    case 'retry-scheduled': {
      const body = jobSchemas[type].parse(parsed.data);
      const run = body.job === 'daily-sync' ? runDailySync : body.job === 'weekly-reports' ? runWeeklyReports : runWeeklyKpiReports;
      return { job: body.job, ...(await run(deps, body.attempt)) };
    }
  }
}
