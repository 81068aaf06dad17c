// The handlers manifest.yml names, and nothing else: each lives in src/forge/.
export { handler as resolver } from './forge/resolver';
export { dailySync, issueSync, weeklyReports, onJiraEvent, workConsumer, deploymentWebhook } from './forge/triggers';
export { calendarFeed } from './forge/calendar-feed';
export { weeklyKpis } from './forge/kpi-triggers';
