import { runJob } from '../app/jobs';
import { handleProductEvent } from '../app/product-events';
import { runDailySync } from '../app/scheduled';
import { runIssueSync } from '../app/issue-sync/incremental-sync';
import { runFiveMinuteTrigger } from '../app/runbook/follow-up';
import { runWeeklyReports } from '../app/weekly-reports';
import { ingestDeployment } from '../app/ingest-deployment';
import { composeForge } from './compose';

export async function dailySync(): Promise<void> {
  await runDailySync(composeForge('trigger:daily-sync'));
}

/** Every five minutes: the incremental search of the projects product events marked, and the go-live follow-ups' repair. */
export async function issueSync(): Promise<void> {
  await runFiveMinuteTrigger(composeForge('trigger:issue-sync'), runIssueSync);
}

export async function onJiraEvent(event: unknown): Promise<void> {
  await handleProductEvent(composeForge('trigger:jira-events'), event);
}

export async function workConsumer(event: { body?: unknown }): Promise<void> {
  // Throwing makes Forge redeliver the event; jobs are idempotent so that is safe.
  await runJob(composeForge('consumer:work-queue'), event.body);
}

interface ForgeWebTriggerRequest {
  method: string;
  headers?: Record<string, string[] | undefined>;
  body?: string;
}

export async function deploymentWebhook(request: ForgeWebTriggerRequest) {
  const headers: Record<string, string | undefined> = {};
  for (const [name, values] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = values?.[0];
  const response = await ingestDeployment(composeForge('webtrigger:deployments'), {
    method: request.method,
    headers,
    body: request.body ?? '',
  });
  return {
    statusCode: response.statusCode,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify(response.body),
  };
}

export async function weeklyReports(): Promise<void> {
  await runWeeklyReports(composeForge('trigger:weekly-reports'));
}
