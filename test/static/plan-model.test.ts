import type { ReleaseCalendarView } from '../../src/contract';
import { assignLanes, type TimelineBar } from '../../static/releases/src/plan/Timeline';
import { csvCell } from '../../static/releases/src/csv';
import { conflictSummary, dayBookingDraft, dayContent, dayKeysOf, formatSpanLocal, fromInputValue, loadRangeFor, planCsv, toInputValue } from '../../static/releases/src/plan/plan-model';

const view = (overrides: Partial<ReleaseCalendarView> = {}): ReleaseCalendarView => ({
  project: { id: '10000', key: 'SHOP', name: 'Web Shop' },
  projects: [{ key: 'SHOP', name: 'Web Shop', role: 'current' }],
  range: { from: '2026-11-01', to: '2027-01-31' },
  generatedAt: '2026-11-24T10:00:00.000Z',
  today: '2026-11-24',
  canEdit: true,
  environments: [{ id: 'env-uat1', name: 'UAT-1', tier: 'UAT', components: [], status: 'available', capacity: 1, updatedAt: '', updatedBy: '' }],
  tierOrder: ['DEV', 'IT', 'SIT', 'UAT', 'NFT', 'PREPROD', 'PROD'],
  versions: [{ id: '10005', projectKey: 'SHOP', name: 'SHOP 2.4', startDate: '2026-10-27', releaseDate: '2026-12-03', released: false, state: 'in-progress', dependsOn: [] }],
  slots: [
    { id: 's1', projectKey: 'SHOP', versionId: '10005', environmentId: 'env-uat1', from: '2026-11-25T09:00:00.000Z', to: '2026-11-27T17:00:00.000Z', required: true, note: '=HYPERLINK("x"), "quoted"', updatedAt: '', updatedBy: '' },
    { id: 's2', environmentId: 'env-uat1', from: '2026-11-28T09:00:00.000Z', to: '2026-11-28T17:00:00.000Z', hidden: true },
  ],
  windows: [],
  deployments: [],
  conflicts: [],
  settings: { maxReleasesPerDay: 2, relatedProjects: [] },
  notices: [],
  ...overrides,
});

describe('plan helpers of the calendar page', () => {
  it('loads less than 400 days around the focus', () => {
    const range = loadRangeFor(new Date(2026, 10, 24));
    expect(range.from).toEqual(new Date(2026, 8, 1));
    expect((range.to.getTime() - range.from.getTime()) / 86_400_000).toBeLessThan(400);
  });

  // The grid's days are the project's: an instant is filed on its day in the project's zone, whatever the machine's.
  it.each<[string, string, string, string, string[]]>([
    ['a slot over three days', 'UTC', '2026-11-25T09:00:00Z', '2026-11-27T17:00:00Z', ['2026-11-25', '2026-11-26', '2026-11-27']],
    ['a slot ending at midnight (the next day is not touched)', 'UTC', '2026-11-25T09:00:00Z', '2026-11-26T00:00:00Z', ['2026-11-25']],
    ['a slot clipped to the grid', 'UTC', '2026-10-01T09:00:00Z', '2026-10-28T12:00:00Z', ['2026-10-26', '2026-10-27', '2026-10-28']],
    ['a slot 09:00–17:00 in Auckland (20:00–04:00 UTC)', 'Pacific/Auckland', '2026-11-24T20:00:00Z', '2026-11-25T04:00:00Z', ['2026-11-25']],
    ['a slot ending at midnight in Auckland', 'Pacific/Auckland', '2026-11-24T20:00:00Z', '2026-11-25T11:00:00Z', ['2026-11-25']],
    ['an evening in Los Angeles (the next day in UTC)', 'America/Los_Angeles', '2026-11-26T02:00:00Z', '2026-11-26T06:00:00Z', ['2026-11-25']],
    ['the whole day Los Angeles falls back (25 h long)', 'America/Los_Angeles', '2026-11-01T07:00:00Z', '2026-11-02T08:00:00Z', ['2026-11-01']],
  ])('files %s on its days (project in %s)', (_case, zone, from, to, expected) => {
    expect(dayKeysOf(from, to, new Date(2026, 9, 26), new Date(2026, 11, 6), zone)).toEqual(expected);
  });

  it('files a deployment at 00:30 in Berlin on Berlin\'s day, not the UTC one', () => {
    const deployment = { id: 'd1', versionId: '10005', environmentId: 'env-uat1', at: '2026-11-25T23:30:00.000Z', status: 'successful' as const, source: 'manual' as const };
    const content = dayContent(view({ deployments: [deployment] as unknown as ReleaseCalendarView['deployments'] }), new Date(2026, 9, 26), new Date(2026, 11, 6), 'Europe/Berlin');
    expect(content.deployments.get('2026-11-25')).toBeUndefined();
    expect(content.deployments.get('2026-11-26')?.map((d) => d.id)).toEqual(['d1']);
  });

  it('files versions, slots and hidden bookings by day', () => {
    const content = dayContent(view(), new Date(2026, 9, 26), new Date(2026, 11, 6), 'UTC');
    expect(content.releases.get('2026-12-03')?.map((v) => v.name)).toEqual(['SHOP 2.4']);
    expect(content.starts.get('2026-10-27')?.map((v) => v.name)).toEqual(['SHOP 2.4']);
    expect(content.slots.get('2026-11-26')?.map((s) => s.id)).toEqual(['s1']);
    expect(content.slots.get('2026-11-28')?.map((s) => s.id)).toEqual(['s2']);
  });

  it('puts overlapping bookings on separate lanes and touching ones on the same', () => {
    const bar = (id: string, from: number, to: number): TimelineBar => ({ id, from, to, label: id, ariaLabel: id, swatch: { background: '', text: '', border: '' }, kind: 'block' });
    const { lanes, count } = assignLanes([bar('a', 0, 10), bar('b', 5, 15), bar('c', 10, 20)]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 1, c: 0 });
    expect(count).toBe(2);
  });

  it('round-trips date-time inputs in the project’s zone, whatever the machine’s zone', () => {
    expect(toInputValue('2026-11-25T08:30:00.000Z', 'Europe/Berlin')).toBe('2026-11-25T09:30');
    expect(fromInputValue('2026-11-25T09:30', 'Europe/Berlin')).toBe('2026-11-25T08:30:00.000Z');
    expect(fromInputValue('2026-11-25T09:30', 'Pacific/Auckland')).toBe('2026-11-24T20:30:00.000Z');
    expect(fromInputValue('2026-11-25', 'Europe/Berlin')).toBeUndefined();
    expect(toInputValue(undefined, 'Europe/Berlin')).toBe('');
  });

  it('labels times in the project’s zone, whatever the machine’s zone', () => {
    expect(formatSpanLocal('2027-01-04T20:00:00.000Z', '2027-01-05T04:00:00.000Z', 'Pacific/Auckland')).toBe('5 Jan, 09:00 – 5 Jan, 17:00');
    expect(formatSpanLocal('2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z', 'Europe/Berlin')).toBe('29 Mar, 01:30 – 29 Mar, 03:30');
  });

  it('exports CSV that spreadsheets open safely', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    const csv = planCsv(view());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Type,Project,Version,Environment,Tier,From,To,State,Required before release,Details,Conflicts');
    expect(lines[1]).toContain('Version,SHOP,SHOP 2.4');
    expect(lines[2]).toContain(`Booking,SHOP,SHOP 2.4,UAT-1,UAT,${view().slots[0]!.from}`);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    expect(lines[3]).toContain('Booking,,(another project),UAT-1');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('the conflict summary', () => {
  const of = (...severities: Array<'error' | 'warning' | 'info'>) => severities.map((severity) => ({ severity }));
  it.each([
    [of(), 'No conflicts in view.', 'success'],
    // Only warnings: never red, never "0 clashes".
    [of('warning'), '1 warning in view', 'warning'],
    [of('error', 'error', 'warning', 'info'), '2 clashes, 1 warning, 1 note in view', 'danger'],
    [of('info', 'info'), '2 notes in view', 'neutral'],
  ])('%j reads "%s" in the %s tone', (conflicts, text, tone) => {
    expect(conflictSummary(conflicts, 'in view')).toEqual({ text, tone });
  });
});

describe('booking a slot from a day of the month grid', () => {
  it.each([
    ['Pacific/Auckland', '2027-01-05', '2027-01-04T20:00:00.000Z', '2027-01-05T04:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-02', '2026-11-02T17:00:00.000Z', '2026-11-03T01:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29', '2026-03-29T07:00:00.000Z', '2026-03-29T15:00:00.000Z'],
    ['UTC', '2026-12-06', '2026-12-06T09:00:00.000Z', '2026-12-06T17:00:00.000Z'],
  ])('opens 09:00-17:00 on the clock of the project in %s on %s, whatever the browser zone', (zone, day, from, to) => {
    expect(dayBookingDraft(day, zone)).toEqual({ from, to });
  });
});
