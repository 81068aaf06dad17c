import { clockFromEnvironment } from '../src/app/clock';
import { startLocalRuntime } from './runtime';

/** `npm start`: the app with demo data (or a real site when JIRA_* are set), until Ctrl+C. */
async function main(): Promise<void> {
  const started = performance.now();
  // NOW=2026-11-24T09:00:00Z pins the runtime's clock (it then runs on from there); the demo data
  // is generated around the clock's today either way.
  const clock = clockFromEnvironment(process.env.NOW);
  const port = process.env.PORT ? Number(process.env.PORT) : 4100;
  if (!Number.isInteger(port) || port < 0 || port > 65533) throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
  const runtime = await startLocalRuntime({ port, clock, ...(process.env.DATA_DIR ? { dataDir: process.env.DATA_DIR } : {}) });
  const lines = [
    '',
    `Release readiness for Jira – local runtime (${runtime.mode === 'demo' ? 'demo data' : 'real Jira site'}), up in ${Math.round(performance.now() - started)} ms`,
    `  Clock:                  ${process.env.NOW ? `pinned, started at ${clock.now().toISOString()}` : 'this machine\'s'}`,
    `  Host page (open this):  ${runtime.hostUrl}/`,
    `  Project page:           ${runtime.hostUrl}/#/project/SHOP/releases`,
    `  ${runtime.mode === 'demo' ? 'Fake Jira REST:       ' : 'Jira site:            '}  ${runtime.jiraUrl}`,
    `  ${runtime.mode === 'demo' ? 'Fake Confluence:      ' : 'Confluence:           '}  ${runtime.confluenceUrl}${runtime.mode === 'demo' ? '/' : ''}`,
    // The secret is shown once, when this start generated it; logs of later starts do not carry it.
    `  Deployment web trigger: POST ${runtime.hostUrl}/x/deployment-events  (${runtime.deploymentSecretGenerated ? `signing secret, shown once: ${runtime.deploymentSecret}` : 'signing secret: see Release settings → Delivery KPIs, or set DEPLOYMENT_WEBHOOK_SECRET'})`,
    `  Calendar feed:          GET  ${runtime.hostUrl}/x/calendar-feed?project=KEY&token=…  (token: Release settings → Calendar feed)`,
    `  Issue search:           every 5 minutes, or now: POST ${runtime.hostUrl}/api/triggers/issue-sync (readiness follows issue changes then)`,
    '',
  ];
  console.log(lines.join('\n'));
  // As Forge fires the issue-sync trigger every five minutes: events only mark, this search reads.
  const issueSync = setInterval(() => {
    void fetch(`${runtime.hostUrl}/api/triggers/issue-sync`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
  }, 5 * 60_000);
  const stop = async () => {
    clearInterval(issueSync);
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
