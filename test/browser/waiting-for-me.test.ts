import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { type SmallRelease, createSmallRelease, namePatchApprovers } from '../support/go-no-go-release';
import { describeInBrowser, screenshotLooks, screenshotPath, showLook } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

const { releaseManager: RAVI, qa: PRIYA, viewer: SAM } = DEMO_ACCOUNT;

/** A resolver called through the running local host as the release manager, as the page calls it. */
async function invokeAs(hostUrl: string, functionKey: string, payload: unknown): Promise<{ planRevision: number }> {
  const response = await fetch(`${hostUrl}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: RAVI, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } }, functionKey, payload }),
  });
  const answer = (await response.json()) as { ok: boolean; data: { planRevision: number } };
  if (!answer.ok) throw new Error(`${functionKey} failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

/**
 * An emergency release whose go-live runs: the incident bridge is done, a step of the qa-team
 * group can start and a checkpoint waits for Priya's vote.
 */
async function liveGoLive(hostUrl: string, jiraUrl: string): Promise<SmallRelease> {
  const release = await createSmallRelease(jiraUrl, { name: 'SHOP 5.0.2', startDate: '2026-11-24', releaseDate: '2026-11-24', description: 'Emergency fix' });
  const versionId = release.versionId;
  let { planRevision } = await invokeAs(hostUrl, 'createRunbook', { versionId, from: { type: 'template' } });
  for (const step of [
    { id: 'qa-smoke', title: 'Smoke-test checkout', description: '', durationMinutes: 10, dependsOn: ['incident-bridge'], kind: 'verification', owner: { type: 'group', groupName: 'qa-team' } },
    { id: 'go-checkpoint', title: 'Go/no-go before deployment', description: '', durationMinutes: 5, dependsOn: ['incident-bridge'], kind: 'checkpoint', approvers: [PRIYA] },
  ]) {
    ({ planRevision } = await invokeAs(hostUrl, 'saveRunbookStep', { versionId, planRevision, step, after: 'incident-bridge' }));
  }
  await invokeAs(hostUrl, 'startRunbookRun', { versionId });
  for (const [stepId, expectedStatus, type] of [
    ['incident-bridge', 'not-started', 'start'],
    ['incident-bridge', 'running', 'complete'],
    ['go-checkpoint', 'not-started', 'start'],
  ] as const) {
    await invokeAs(hostUrl, 'actOnRunbookStep', { versionId, stepId, expectedStatus, action: { type } });
  }
  return release;
}

describeInBrowser('what is waiting for me in Chromium', () => {
  let release: SmallRelease;
  let emergency: SmallRelease;

  const { runtime, newPage } = useBrowserRuntime({
    page: false,
    setUp: async (runtime) => {
      release = await createSmallRelease(runtime.jiraUrl, { name: 'SHOP 2.4.1', startDate: '2026-11-18', releaseDate: '2026-11-26' });
      await namePatchApprovers(runtime.hostUrl);
      emergency = await liveGoLive(runtime.hostUrl, runtime.jiraUrl);
      await runtime.settled();
      // Issues added to a version are marked by their events and read by the five-minute issue
      // search, as on Forge: run it now rather than hope a tick lands before the page loads.
      const sync = await fetch(`${runtime.hostUrl}/api/triggers/issue-sync`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (!sync.ok) throw new Error(`issue sync answered ${sync.status}`);
      await runtime.settled();
    },
  });

  it('shows an approver, on the Overview, their votes, sign-offs, go-live steps and checkpoint votes, each opening where it is done', async () => {
    const page = await newPage({ viewport: { width: 1400, height: 1100 } });
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/overview?as=${PRIYA}`);
    const app = page.frameLocator('[data-testid="app-frame"]');
    const waiting = app.getByTestId('waiting-for-me');
    await waiting.waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('waiting-votes').innerText()).toMatch(/SHOP 2\.4\.1 · QA · due 26 Nov 2026/);
    // A readiness check of her group (qa-team) on the release's story, linked to the issue in Jira.
    expect(await app.getByTestId(`waiting-sign-offs-${release.versionId}`).innerText()).toMatch(
      new RegExp(`SHOP 2\\.4\\.1 · QA passed on 2 issues: ${release.storyKey}, ${release.bugKey} · due 26 Nov 2026`),
    );
    const signOff = app.getByTestId(`waiting-sign-off-${release.storyKey}`);
    expect(await signOff.getAttribute('title')).toBe('Show delivery estimate at checkout');
    expect(await signOff.getByRole('link', { name: release.storyKey }).getAttribute('href')).toMatch(new RegExp(`/browse/${release.storyKey}$`));
    expect(await app.getByTestId('waiting-steps').innerText()).toMatch(/SHOP 5\.0\.2 · Smoke-test checkout · ready to start · for qa-team/);
    expect(await app.getByTestId('waiting-checkpoints').innerText()).toMatch(/SHOP 5\.0\.2 · Go\/no-go before deployment/);
    for (const look of screenshotLooks()) {
      await showLook(page, look, 1100);
      await page.screenshot({ path: screenshotPath(`waiting-for-me${look.suffix}.png`) });
    }
    await app.getByTestId(`waiting-checkpoint-${emergency.versionId}-go-checkpoint`).click();
    await app.getByText('Go/no-go before deployment').first().waitFor({ timeout: 30_000 });
    expect(page.url()).toContain('go-live');
    await page.goBack();
    await app.getByTestId(`waiting-open-${release.versionId}-qa`).click();
    await app.locator(`[data-testid="gng-board"][data-version="${release.versionId}"]`).waitFor({ timeout: 30_000 });
    // Someone who owes nothing sees no such box.
    await page.goto(`${runtime().hostUrl}/#/project/SHOP/releases/overview?as=${SAM}`);
    await app.getByTestId('releases-table').waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('waiting-for-me').count()).toBe(0);
  }, 60_000);
});
