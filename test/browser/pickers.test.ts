/**
 * Atlassian's pickers instead of typed ids: a release manager picks a Jira group and a person who
 * may sign a readiness check off, the Confluence page release notes are published under, a
 * risk's due day and a Go/No-Go approver, by name, and the settings store the ids. The open
 * people picker is shot at 1440 and 1024 px, light and dark, on the same page.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { describeInBrowser, screenshotPath } from './support/browser';
import { useBrowserRuntime } from './support/runtime';

interface StoredPolicy {
  policy: { criteria: Array<{ id: string; kind: string; groups?: string[]; accountIds?: string[] }> };
}

describeInBrowser('pickers for people, groups, days and Confluence pages', () => {
  const { runtime, page } = useBrowserRuntime({ page: { viewport: { width: 1440, height: 1100 } } });
  const users = () => runtime().fakeJira!.dataset.users;

  /** Types into a picker and takes the option with this text. */
  async function pick(app: FrameLocator, picker: string, text: string, option: string): Promise<void> {
    await app.locator(`[data-testid="${picker}"] input`).first().fill(text);
    await app.getByTestId(picker).getByRole('option', { name: option }).click({ timeout: 15_000 });
  }

  async function openSettings(tab: string): Promise<FrameLocator> {
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId(`settings-tab-${tab}`).click({ timeout: 30_000 });
    return app;
  }

  it('picks a group, a person, a parent page and a day by name; the settings keep ids', async () => {
    const qa = users().find((u) => u.accountId === DEMO_ACCOUNT.qa)!;
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${DEMO_ACCOUNT.releaseManager}`);

    // Readiness: who may sign the manual check off.
    let app = await openSettings('readiness');
    const groups = app.locator('[data-testid^="policy-groups-"]').first();
    const index = (await groups.getAttribute('data-testid'))!.replace('policy-groups-', '');
    await pick(app, `policy-groups-${index}`, 'WRIT', 'tech-writers');
    await pick(app, `policy-people-${index}`, qa.displayName.split(' ')[0]!, qa.displayName);
    expect(await app.getByTestId(`policy-people-${index}`).innerText()).toContain(qa.displayName);
    await app.getByTestId('policy-save').click();
    await app.getByTestId('policy-saved').waitFor();
    const stored = (await runtime().store.getVersioned<StoredPolicy>('readiness:policy:10000'))!.value.policy.criteria.find((c) => c.kind === 'manual')!;
    expect(stored.groups).toContain('tech-writers');
    expect(stored.accountIds).toContain(qa.accountId);

    // Release notes: the parent page, by title, in the site's report space.
    app = await openSettings('release-notes');
    const rel = await reportSpace(runtime().confluenceUrl);
    await pick(app, 'confluence-page-picker', 'home', `${rel!.name} Home`);
    await app.getByTestId('notes-settings-save').click();
    await app.getByText('Saved.').waitFor();
    const notes = (await runtime().store.getVersioned<{ publishing: { parentPageId?: string } }>('settings:notes:10000'))?.value;
    expect(notes?.publishing.parentPageId).toBe(rel!.homepageId);

    // A release manager, by name (the environment owner uses the same picker).
    const developer = users().find((u) => u.role.startsWith('Developer'))!;
    app = await openSettings('environments');
    await pick(app, 'release-manager-search', developer.displayName.split(' ')[0]!, developer.displayName);
    await app.getByTestId('release-managers-section').getByText(developer.displayName).first().waitFor();
    await app.getByTestId('save-release-managers').click();
    await app.getByTestId('release-managers-section').getByText('Saved.').waitFor();
    expect(JSON.stringify(await runtime().store.getVersioned('settings:release-managers:SHOP'))).toContain(developer.accountId);

    // Back to readiness: the stored ids show as names.
    app = await openSettings('readiness');
    await app.getByTestId(`policy-people-${index}`).getByText(qa.displayName, { exact: true }).last().waitFor();
    expect(await app.getByTestId(`policy-people-${index}`).innerText()).not.toContain(qa.accountId);

    // The open people picker, at 1440 and 1024 px, light and dark, on this one page.
    const people = app.getByTestId(`policy-people-${index}`);
    await shoot(page(), people, 'pickers-people.png');
    await page().setViewportSize({ width: 1024, height: 1100 });
    await shoot(page(), people, 'pickers-people-1024.png');
    await page().getByTestId('theme-toggle').click();
    await shoot(page(), people, 'pickers-people-1024-dark.png');
    await page().setViewportSize({ width: 1440, height: 1100 });
    await shoot(page(), people, 'pickers-people-dark.png');
    await page().getByTestId('theme-toggle').click();

    // A risk's due day on the Go/No-Go page, from Atlaskit's calendar.
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/go-no-go?as=${DEMO_ACCOUNT.releaseManager}`);
    app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('gng-add-risk').click({ timeout: 30_000 });
    await app.getByTestId('gng-risk-title').fill('Payment provider cut-over');
    await app.getByTestId('gng-risk-due--container').click();
    // The calendar opens on the pinned today's month (November 2026; Oct 30 shows in its first week).
    const calendar = app.getByTestId('gng-risk-due--popper--container');
    await calendar.waitFor();
    // It is a fixed layer inside the frame, which Playwright does not scroll the host page to: a DOM click.
    await calendar.locator('[data-testid$="-day"]', { hasText: /^30$/ }).last().dispatchEvent('click');
    expect(await app.getByTestId('gng-risk-due--container').innerText()).toContain('30 Nov 2026');
    await app.getByTestId('gng-risk-save').click();
    const row = app.locator('[data-testid^="gng-risk-"]', { hasText: 'Payment provider cut-over' });
    await row.waitFor();
    expect(await row.innerText()).toContain('2026-11-30');

    // A Go/No-Go voter: the first sign-off role's approvers, picked by name in the board settings.
    await app.getByTestId('gng-open-settings').click();
    const approvers = app.locator('[data-testid^="gng-settings-approvers-"]').first();
    await approvers.waitFor();
    const approversId = (await approvers.getAttribute('data-testid'))!;
    expect(await approvers.innerText()).not.toContain(developer.displayName);
    await pick(app, approversId, developer.displayName.split(' ')[0]!, developer.displayName);
    await app.getByTestId('gng-settings-save').click();
    await app.getByTestId('gng-settings').getByRole('status').getByText('Saved.').waitFor();
    expect(JSON.stringify(await runtime().store.getVersioned('gng:settings:10000'))).toContain(developer.accountId);
  }, 180_000);
});

/** A screenshot of the picker with its menu open on what "a" finds, the menu in view. */
async function shoot(page: Page, picker: Locator, file: string): Promise<void> {
  await picker.locator('input').first().fill('a');
  await picker.getByRole('option').first().waitFor({ timeout: 15_000 });
  await picker.getByRole('listbox').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(file) });
}

/** The site's report space (REL) and its home page, as the fake Confluence answers for the app. */
async function reportSpace(confluenceUrl: string): Promise<{ name: string; homepageId: string }> {
  const answer = await fetch(`${confluenceUrl}/wiki/api/v2/spaces?keys=REL`, { headers: { authorization: 'Bearer app' } });
  const body = (await answer.json()) as { results: Array<{ name: string; homepageId: string }> };
  return body.results[0]!;
}
