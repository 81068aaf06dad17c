import ICAL from 'ical.js';
import { buildCalendarFeed, escapeText, foldLine } from '../../../src/domain/release-plan/ics';
import { ENVIRONMENTS, aSlot, aWindow, t } from '../../support/plan-builders';

const NOW = new Date('2026-11-24T10:00:00Z');

function feed() {
  return buildCalendarFeed({
    project: { key: 'SHOP', name: 'Shop, web & “apps”' },
    versions: [
      { id: '10001', name: 'SHOP 2.4', description: 'Checkout; new, faster\nSecond line', startDate: '2026-11-02', releaseDate: '2026-12-11', released: false },
      { id: '10000', name: 'SHOP 2.3', releaseDate: '2026-11-10', released: true },
      { id: '10009', name: 'SHOP 3.0', released: false },
    ],
    slots: [aSlot({ note: 'Sign-off by the business – “Zoë” will run it; bring coffee ☕ and the test plan for the checkout flow' , required: true })],
    environments: ENVIRONMENTS,
    windows: [aWindow({ tiers: ['PROD'] })],
    now: NOW,
    uidDomain: 'acme.atlassian.net',
  });
}

describe('the iCalendar feed', () => {
  it('parses with a real iCalendar parser into the expected events', () => {
    const text = feed();
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual([
      'SHOP 2.3 released',
      'SHOP 2.4 release',
      'SHOP 2.4 starts',
      'SHOP 2.4 on UAT-1',
      'Change freeze site-wide (PROD): Year-end freeze',
    ]);
    const release = events[1]!;
    expect(release.startDate.isDate).toBe(true);
    expect(release.startDate.toString()).toBe('2026-12-11');
    expect(release.endDate.toString()).toBe('2026-12-12');
    expect(release.description).toBe('Checkout; new, faster\nSecond line');
    expect(release.uid).toBe('version-10001-release@acme.atlassian.net');
    const slot = events[3]!;
    expect(slot.startDate.isDate).toBe(false);
    expect(slot.startDate.zone.tzid).toBe('UTC');
    expect(slot.startDate.toJSDate().toISOString()).toBe(t('12-01 09:00'));
    expect(slot.endDate.toJSDate().toISOString()).toBe(t('12-04 17:00'));
    expect(slot.description).toContain('“Zoë” will run it; bring coffee ☕');
    expect(slot.location).toBe('UAT-1 (UAT)');
    for (const event of events) expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-24T10:00:00Z');
    // X- properties are TEXT (RFC 5545 3.8.8.2), escaped like any other; ical.js hands them over raw.
    expect(text).toContain('X-WR-CALNAME:Shop\\, web & “apps” (SHOP) releases');
  });

  it('has one event per planned go-live: its window in UTC, the run’s word, tentative until the run starts', () => {
    const text = buildCalendarFeed({
      project: { key: 'SHOP', name: 'Shop' },
      versions: [],
      goLives: [
        { versionId: '10002', versionName: 'SHOP 2.5; “Zoë”, part 2', start: '2026-12-12T01:30:00.000Z', plannedEnd: '2026-12-12T03:05:00.000Z', run: 'not-started', steps: 9 },
        { versionId: '10001', versionName: 'SHOP 2.4', start: '2026-12-05T22:00:00.000Z', plannedEnd: '2026-12-05T23:00:00.000Z', run: 'rolled-back', steps: 1 },
      ],
      slots: [],
      environments: ENVIRONMENTS,
      windows: [],
      now: NOW,
      uidDomain: 'acme.atlassian.net',
    });
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(
      events.map((e) => ({
        uid: e.uid,
        summary: e.summary,
        zone: e.startDate.zone.tzid,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        status: e.component.getFirstPropertyValue('status'),
        categories: e.component.getFirstPropertyValue('categories'),
        description: e.description,
      })),
    ).toEqual([
      {
        uid: 'golive-10001@acme.atlassian.net',
        summary: 'SHOP 2.4 go-live (rolled back)',
        zone: 'UTC',
        start: '2026-12-05T22:00:00.000Z',
        end: '2026-12-05T23:00:00.000Z',
        status: 'CONFIRMED',
        categories: 'Go-live',
        description: 'Go-live runbook of SHOP 2.4: 1 step, from the go-live start to the planned end.\nRun: Rolled back.',
      },
      {
        uid: 'golive-10002@acme.atlassian.net',
        summary: 'SHOP 2.5; “Zoë”, part 2 go-live (not started)',
        zone: 'UTC',
        start: '2026-12-12T01:30:00.000Z',
        end: '2026-12-12T03:05:00.000Z',
        status: 'TENTATIVE',
        categories: 'Go-live',
        description: 'Go-live runbook of SHOP 2.5; “Zoë”, part 2: 9 steps, from the go-live start to the planned end.\nRun: Not started.',
      },
    ]);
    expect(text).toContain('SUMMARY:SHOP 2.5\\; “Zoë”\\, part 2 go-live (not started)');
    expect(text).toContain('DTSTART:20261212T013000Z');
  });

  it('keeps UIDs stable between generations', () => {
    const uids = (text: string) => text.split('\r\n').filter((l) => l.startsWith('UID:'));
    expect(uids(feed())).toEqual(uids(feed()));
  });

  it('ends every line with CRLF and folds none longer than 75 octets', () => {
    const text = feed();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it.each<[string, string]>([
    ['a;b', 'a\\;b'],
    ['a,b', 'a\\,b'],
    ['a\\b', 'a\\\\b'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb', 'a\\nb'],
  ])('escapes %j', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });

  it.each<[string, string]>([
    ['ASCII', 'DESCRIPTION:' + 'x'.repeat(200)],
    ['multi-byte characters across the fold', 'SUMMARY:' + 'é☕'.repeat(60)],
  ])('folds %s without splitting a character', (_case, line) => {
    const folded = foldLine(line);
    for (const piece of folded.split('\r\n')) expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});
