/** Steps shared by the weekly Confluence reports (release status and KPI pages). */
import { AppError } from '../errors';
import type { ConfluenceClient, ConfluenceSpace } from '../integrations/confluence/confluence-client';
import type { AppDeps } from './deps';

/** The Jira site's address for links in a page; a page without links beats no page. */
export async function jiraBaseUrl(deps: AppDeps): Promise<string> {
  try {
    return await deps.jiraAsApp().siteBaseUrl();
  } catch {
    return '';
  }
}

/** The space a page is published to, by key; a missing or hidden space is NOT_FOUND. */
export async function requireSpace(confluence: ConfluenceClient, spaceKey: string): Promise<ConfluenceSpace> {
  const space = await confluence.findSpaceByKey(spaceKey);
  if (!space) throw new AppError('NOT_FOUND', `The Confluence space ${spaceKey} does not exist or the app cannot see it.`);
  return space;
}

/** What a failed publication records: the catalogue message and its details. */
export function errorText(error: unknown): string {
  return error instanceof AppError ? [error.message, ...(error.details ?? [])].join(' ') : String(error);
}

/**
 * Runs one publication and stores its outcome under `outcomeKey`, whether it landed or not: a
 * failure is logged as `warning` and becomes the outcome `failed(message)`, for the next run and
 * the settings page to show.
 */
export async function publishAndRecord<T>(
  deps: AppDeps,
  outcomeKey: string,
  warning: { message: string; fields?: Record<string, unknown> },
  attempt: () => Promise<T>,
  failed: (error: string) => T,
): Promise<T> {
  const outcome = await attempt().catch((error: unknown) => {
    const message = errorText(error);
    deps.log.warn(warning.message, { ...warning.fields, error: message });
    return failed(message);
  });
  await deps.store.set(outcomeKey, outcome);
  return outcome;
}
