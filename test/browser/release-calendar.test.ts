import ICAL from 'ical.js';
import type { Request } from 'playwright-core';
import { describeInBrowser, screenshotLooks, screenshotPath, showLook } from './support/browser';
import { typeDateTime } from './support/date-time';
import { useBrowserRuntime } from './support/runtime';

describeInBrowser('the release calendar in Chromium', () => {
  let invoked: string[];
  // The demo plan is seeded: environments, bookings of SHOP and PAY, a freeze, a maintenance window.
  const { runtime, page, facts } = useBrowserRuntime({
    page: { viewport: { width: 1400, height: 1100 }, timezoneId: 'UTC' },
    onPage: (page) => {
      invoked = [];
      page.on('request', (request: Request) => {
        if (request.method() === 'POST' && request.url().endsWith('/api/invoke')) invoked.push((JSON.parse(request.postData() ?? '{}') as { functionKey: string }).functionKey);
      });
    },
  });

  const releaseManager = () => runtime().fakeJira!.dataset.users.find((u) => u.role.startsWith('Release manager'))!.accountId;
  const versionId = (name: string) => runtime().fakeJira!.dataset.versions.find((v) => v.name === name)!.id;
  /** Cleans up a booking a test made, through the running host, as the page would. */
  const deleteSlot = async (slotId: string, current: { environmentId: string; from: string }) => {
    const response = await fetch(`${runtime().hostUrl}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: releaseManager(), moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } }, functionKey: 'deleteEnvironmentSlot', payload: { slotId, current, view: { from: '2027-01-01', to: '2027-01-31' } } }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  };

  it('books a slot that clashes, explains the clash, and fixes it with the suggested slot', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    // One resolver call for the whole calendar, after the page asked the server for its "today";
    // the dependency graph below it is its own call, so the calendar never waits for it.
    for (let tries = 0; tries < 300 && !invoked.includes('getReleaseDependencies'); tries++) await page().waitForTimeout(100);
    expect(invoked[0]).toBe('getProjectTime');
    expect([...invoked].sort()).toEqual(['getProjectTime', 'getReleaseCalendar', 'getReleaseDependencies']);
    expect(await app.getByTestId('conflict-double-booking').count()).toBe(0);

    await app.getByTestId('book-slot').click();
    const editor = app.getByTestId('slot-editor');
    await editor.waitFor();
    await app.getByTestId('slot-version').selectOption(versionId('SHOP 2.4'));
    await app.getByTestId('slot-environment').selectOption('env-uat2');
    await typeDateTime(app, 'slot-from', '2026-11-24T13:00');
    await typeDateTime(app, 'slot-to', '2026-11-25T08:00');
    await app.getByTestId('slot-save').click();

    // The calendar comes back with the clash explained: PAY 3.1 holds UAT-2 until 25 Nov 09:00.
    const clash = app.getByTestId('conflict-double-booking');
    await clash.waitFor({ timeout: 30_000 });
    const text = await clash.innerText();
    expect(text).toContain('UAT-2 is double-booked');
    expect(text).toContain('PAY 3.1');
    expect(text).toContain('SHOP 2.4');
    expect(text).toContain('one release at a time');
    expect(await app.getByTestId('plan-announcement').innerText()).toContain('1 conflict: UAT-2 is double-booked');
    await page().screenshot({ path: screenshotPath('release-calendar-clash.png') });

    // The first suggestion moves our booking to the next free time on UAT-2.
    expect(text).toMatch(/Move SHOP 2\.4 on UAT-2 to Fri, 27 Nov 2026, 17:00 – Sat, 28 Nov 2026, 12:00/);
    await clash.getByTestId('apply-fix-0').click();
    await clash.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await app.getByTestId('plan-announcement').innerText()).toContain('That conflict is resolved');
    const moved = app.locator('[data-slot]').filter({ hasText: 'UAT-2 · SHOP 2.4' });
    await moved.first().waitFor();
    expect(await moved.first().getAttribute('aria-label')).toContain('27 Nov, 17:00 – 28 Nov, 12:00');
    // Every change answered with the fresh view: no extra loads.
    expect(invoked.filter((name) => name !== 'getReleaseDependencies')).toEqual(['getProjectTime', 'getReleaseCalendar', 'saveEnvironmentSlot', 'saveEnvironmentSlot']);
    expect(invoked.filter((name) => name === 'getReleaseDependencies')).toHaveLength(1);
    await page().screenshot({ path: screenshotPath('release-calendar.png') });
  }, 90_000);

  it('is usable by keyboard: the editor opens from a button, validates, and Escape closes it', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    await app.getByTestId('book-slot').focus();
    await page().keyboard.press('Enter');
    await app.getByTestId('slot-editor').waitFor();
    // Focus moved into the editor: the first field takes the keyboard.
    expect(await app.getByTestId('slot-version').evaluate((el) => el === document.activeElement)).toBe(true);
    await typeDateTime(app, 'slot-from', '2026-11-26T09:00');
    await typeDateTime(app, 'slot-to', '2026-11-25T09:00');
    expect(await app.getByTestId('slot-editor').innerText()).toContain('must end after it starts');
    await app.getByTestId('slot-note').press('Escape');
    await app.getByTestId('slot-editor').waitFor({ state: 'detached' });
    // Focus goes back to the button that opened the editor.
    expect(await app.getByTestId('book-slot').evaluate((el) => el === document.activeElement)).toBe(true);
  }, 60_000);

  it('takes "today" from the server, in the project’s zone, whatever the browser’s clock says', async () => {
    // The browser thinks it is March 2027; the server says 24 Nov 2026 (demo site zone: UTC).
    await page().clock.setFixedTime(new Date('2027-03-15T12:00:00Z'));
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('calendar-title').innerText()).toBe('November 2026');
    expect(await app.locator('[aria-current="date"] time').getAttribute('datetime')).toBe('2026-11-24');
  }, 60_000);

  it('lets a release manager choose the project’s release time zone, and every page follows it', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    const current = app.getByTestId('release-time-zone-current');
    await current.waitFor({ timeout: 30_000 });
    expect(await current.innerText()).toMatch(/UTC\W+the site's default zone in Jira/i);
    await app.getByTestId('release-time-zone-select').selectOption('Pacific/Auckland');
    await app.getByTestId('release-time-zone-save').click();
    // 10:00 UTC on 24 Nov is 23:00 the same day in Auckland (UTC+13 in summer).
    await app.getByText('Saved. Every page of SHOP now counts days in Pacific/Auckland.').waitFor({ timeout: 30_000 });
    expect(await current.innerText()).toContain('Pacific/Auckland');
    expect(await current.innerText()).toContain('today is 2026-11-24');
    await page().screenshot({ path: screenshotPath('release-time-zone.png') });

    // The browser runs in UTC; a slot typed as 09:00 is 09:00 in Auckland (NZDT, UTC+13), stored as 20:00 UTC the day before.
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${releaseManager()}`);
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    await app.getByTestId('book-slot').click();
    await app.getByTestId('slot-version').selectOption(versionId('SHOP 2.5'));
    await app.getByTestId('slot-environment').selectOption('env-nft');
    await typeDateTime(app, 'slot-from', '2027-01-05T09:00');
    await typeDateTime(app, 'slot-to', '2027-01-05T17:00');
    expect(await app.getByTestId('slot-editor').innerText()).toContain('times in Pacific/Auckland');
    await app.getByTestId('slot-editor').screenshot({ path: screenshotPath('release-calendar-slot-picker.png') });
    if (process.env.UPDATE_SCREENSHOTS) {
      await page().getByTestId('theme-toggle').click();
      await app.locator('html[data-color-mode="dark"]').waitFor();
      await app.getByTestId('slot-editor').screenshot({ path: screenshotPath('release-calendar-slot-picker-dark.png') });
      await page().getByTestId('theme-toggle').click();
      await app.locator('html[data-color-mode="light"]').waitFor();
    }
    const saved = page().waitForResponse((r) => r.url().endsWith('/api/invoke') && (JSON.parse(r.request().postData() ?? '{}') as { functionKey?: string }).functionKey === 'saveEnvironmentSlot');
    await app.getByTestId('slot-save').click();
    const answer = (await (await saved).json()) as { data: { slots: Array<{ id: string; environmentId: string; from: string; to: string; versionId?: string }> } };
    const booked = answer.data.slots.find((s) => s.environmentId === 'env-nft' && s.versionId === versionId('SHOP 2.5'));
    expect(booked).toMatchObject({ from: '2027-01-04T20:00:00.000Z', to: '2027-01-05T04:00:00.000Z' });
    // Its bar on the timeline reads in Auckland too, not in the browser's UTC (4 Jan, 20:00 – 5 Jan, 04:00).
    await app.getByTestId('mode-quarter').click();
    await app.getByRole('button', { name: 'Next quarter' }).click();
    const bar = app.locator(`[data-bar="slot-${booked!.id}"]`);
    await bar.waitFor();
    expect(await bar.getAttribute('aria-label')).toContain('5 Jan, 09:00 – 5 Jan, 17:00');
    // And it sits in Auckland's 5 Jan column, between that day's ticks, not at 20:00 of the browser's 4 Jan.
    const timeline = app.getByTestId('quarter-timeline');
    const tickX = async (day: string) => (await timeline.locator(`[data-tick="${day}"]`).boundingBox())!.x;
    const [monday, nextMonday, barLeft] = [await tickX('2027-01-04'), await tickX('2027-01-11'), (await bar.boundingBox())!.x];
    const day = (nextMonday - monday) / 7;
    expect(barLeft).toBeGreaterThanOrEqual(monday + day);
    expect(barLeft).toBeLessThan(monday + 2 * day);
    await deleteSlot(booked!.id, { environmentId: 'env-nft', from: booked!.from });
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${releaseManager()}`);
    await current.waitFor({ timeout: 30_000 });
    // Put it back for the other tests of this runtime.
    await app.getByTestId('release-time-zone-select').selectOption('');
    await app.getByTestId('release-time-zone-save').click();
    await app.getByText('Saved. Every page of SHOP now counts days in UTC.').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('zooms the quarter timeline by weeks, months and quarter, keeping labels readable and today in view', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    await app.getByTestId('mode-quarter').click();
    const timeline = app.getByTestId('quarter-timeline');
    await timeline.waitFor();
    // Bars whose text the bar cuts off ("SH…"), and how wide the scrolled track is.
    const measure = () =>
      timeline.evaluate((el) => {
        const blocks = [...el.querySelectorAll<HTMLElement>('[data-bar]')].filter((b) => b.innerText.trim().length > 0 && b.clientWidth > 0);
        return { cut: blocks.filter((b) => b.scrollWidth > b.clientWidth + 1).length, blocks: blocks.length, track: el.scrollWidth, view: el.clientWidth, scrolled: el.scrollLeft };
      });
    const zoomTo = async (zoom: 'quarter' | 'months' | 'weeks') => {
      await app.getByTestId(`zoom-${zoom}`).click();
      await app.locator(`[data-testid="quarter-timeline"][data-day-width="${{ quarter: 'fit', months: '16', weeks: '48' }[zoom]}"]`).waitFor();
    };
    const levels: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const zoom of ['quarter', 'months', 'weeks'] as const) {
      await zoomTo(zoom);
      levels[zoom] = await measure();
    }
    const { quarter, months, weeks } = levels as Record<'quarter' | 'months' | 'weeks', Awaited<ReturnType<typeof measure>>>;
    // Fitted to the width, nothing scrolls; zoomed in, the track grows and opens near today (24 Nov).
    expect(quarter.track).toBeLessThanOrEqual(quarter.view + 1);
    expect(months.track).toBeGreaterThan(quarter.track);
    expect(weeks.track).toBeGreaterThan(months.track * 2);
    expect(weeks.scrolled).toBeGreaterThan(0);
    expect(quarter.cut).toBeGreaterThan(0);
    expect(weeks.cut).toBeLessThan(quarter.cut);
    // The same page in each look (width and theme), at each zoom level.
    for (const look of screenshotLooks()) {
      await showLook(page(), look, 1100);
      for (const zoom of ['weeks', 'months', 'quarter'] as const) {
        await zoomTo(zoom);
        await page().screenshot({ path: screenshotPath(`release-calendar-quarter-${zoom}${look.suffix}.png`) });
      }
    }
  }, 90_000);

  it('keeps every month entry readable in a 1,024 px window', async () => {
    await page().setViewportSize({ width: 1024, height: 900 });
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/calendar?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('calendar').waitFor({ timeout: 30_000 });
    const cut = await app.getByTestId('calendar').evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('li > button')].filter((b) => b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1).map((b) => b.innerText),
    );
    expect(cut).toEqual([]);
    await page().screenshot({ path: screenshotPath('release-calendar-1024.png') });
  }, 60_000);

  it('shows a viewer the calendar and the environments without editing', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/releases/environments?as=${facts().shopOnlyViewer.accountId}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('inventory-table').waitFor({ timeout: 30_000 });
    expect(await app.getByTestId('plan-maintenance').count()).toBe(0);
    expect(await app.getByTestId('environment-timeline').innerText()).toContain('UAT-2');
    // PAY's bookings show without their versions to someone who cannot browse PAY.
    const hidden = app.locator('[data-testid^="bar-slot-"]', { hasText: 'Booked' });
    expect(await hidden.count()).toBeGreaterThan(0);
    // What is deployed where: the demo's pipeline put SHOP 2.4 on SIT on 19 Nov.
    const shop24 = app.getByTestId('deployed-row-SHOP 2.4');
    expect(await shop24.locator('[data-environment="SIT"]').innerText()).toMatch(/Running\s+19 Nov, 11:00/);
    expect(await app.getByTestId('deployed-where').locator('th[scope="col"]').first().innerText()).toBe('Version');
    await page().screenshot({ path: screenshotPath('environments.png') });
    // The deployed-where matrix on its own, in each look (same page: width and theme switched).
    for (const look of screenshotLooks()) {
      await showLook(page(), look, 1100);
      await app.getByTestId('deployed-where').screenshot({ path: screenshotPath(`deployed-where${look.suffix}.png`) });
    }
  }, 60_000);

  it('creates a calendar feed address in the settings that a calendar client can read', async () => {
    await page().goto(`${runtime().hostUrl}/#/project/SHOP/settings?as=${releaseManager()}`);
    const app = page().frameLocator('[data-testid="app-frame"]');
    await app.getByTestId('settings-tab-environments').click({ timeout: 30_000 });
    await app.getByTestId('feed-section').waitFor({ timeout: 30_000 });
    await app.getByTestId('rotate-feed').click();
    const url = await app.getByTestId('feed-url').inputValue();
    expect(url).toMatch(/\/x\/calendar-feed\?project=SHOP&token=[A-Za-z0-9_-]{43}$/);
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = new ICAL.Component(ICAL.parse(await answer.text())).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining(['SHOP 2.4 release', 'SHOP 2.4 on UAT-1']));
    const wrong = await fetch(url.replace(/token=.*/, 'token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toBe('Not found');
  }, 60_000);
});
