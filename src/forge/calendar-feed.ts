import { serveCalendarFeed } from '../app/release-plan/calendar-feed';
import { composeForge } from './compose';

interface ForgeWebTriggerRequest {
  method: string;
  queryParameters?: Record<string, string[] | undefined>;
}

/** Web trigger `calendar-feed`: the project's release calendar as iCalendar, behind its feed token. */
export async function calendarFeed(request: ForgeWebTriggerRequest) {
  const query: Record<string, string | undefined> = {};
  for (const [name, values] of Object.entries(request.queryParameters ?? {})) query[name] = values?.[0];
  const response = await serveCalendarFeed(composeForge('webtrigger:calendar-feed'), { method: request.method, query });
  return {
    statusCode: response.statusCode,
    headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, [value]])),
    body: response.body,
  };
}
