import { criteriaSummary, formatInstant, historyLine, linkText, readyForDateText, releaseLine, resultAppearance, resultLabel, safeLink } from '../../src/frontend/readiness-wording';

const release = { id: '1', name: 'SHOP 2.4', releaseDate: '2026-12-03', released: false, daysLeft: 9 };

describe('readiness wording', () => {
  it.each([
    ['pass', 'blocking', 'success', 'Met'],
    ['pass', 'advisory', 'success', 'Met'],
    ['fail', 'blocking', 'removed', 'Not met'],
    ['fail', 'advisory', 'moved', 'Not met'],
    ['na', 'blocking', 'default', 'N/A'],
  ] as const)('a %s %s criterion is a %s lozenge saying %s', (status, severity, appearance, label) => {
    expect(resultAppearance({ status, severity })).toBe(appearance);
    expect(resultLabel({ status })).toBe(label);
  });

  it.each([
    [release, 'SHOP 2.4 · 3 Dec 2026 · 9 days left'],
    [{ ...release, daysLeft: 0 }, 'SHOP 2.4 · 3 Dec 2026 · Due today'],
    [{ ...release, releaseDate: '2026-11-20', daysLeft: -4 }, 'SHOP 2.4 · 20 Nov 2026 · 4 days late'],
    [{ id: '2', name: 'SHOP 3.0', released: false, daysLeft: null }, 'SHOP 3.0 · No release date'],
    [{ id: '3', name: 'SHOP 2.3', releaseDate: '2026-10-20', released: true, daysLeft: null }, 'SHOP 2.3 · Released 20 Oct 2026'],
  ])('describes %j as "%s"', (r, text) => {
    expect(releaseLine(r)).toBe(text);
  });

  it.each([
    [true, release, 'green', 'Ready for 3 Dec 2026? Yes.'],
    // An At risk issue is ready, but the answer must not read as a plain yes beside "At risk".
    [true, release, 'amber', 'Ready for 3 Dec 2026? Yes, but at risk.'],
    [false, release, 'red', 'Ready for 3 Dec 2026? No.'],
    [null, { ...release, releaseDate: undefined, daysLeft: null }, 'green', 'SHOP 2.4 has no release date yet.'],
    [null, { ...release, released: true }, 'green', 'SHOP 2.4 is released.'],
    [null, undefined, 'red', 'No fix version: not planned for a release.'],
  ] as const)('answers "ready for the date?" (%s, %s %s) with "%s"', (ready, r, rag, text) => {
    expect(readyForDateText(ready, r, rag)).toBe(text);
  });

  it('counts met criteria among those that apply', () => {
    expect(criteriaSummary([{ status: 'pass' }, { status: 'fail' }, { status: 'na' }, { status: 'pass' }])).toBe('2 of 3 met');
  });

  it.each([
    ['2026-11-24T10:05:00.000Z', 'UTC', '24 Nov 2026, 10:05'],
    ['2026-11-24T22:30:00.000Z', 'Asia/Kolkata', '25 Nov 2026, 04:00'],
    ['2026-11-24T10:05:00.000Z', 'Not/AZone', '24 Nov 2026, 10:05'],
    ['yesterday', 'UTC', 'yesterday'],
  ])('formats %s in %s as %s', (iso, zone, text) => {
    expect(formatInstant(iso, zone)).toBe(text);
  });

  // The project's zone, named when the reader (Jira's profile zone) is in another one.
  it.each([
    ['2026-12-05T10:30:00.000Z', 'Pacific/Auckland', 'Pacific/Auckland', '5 Dec 2026, 23:30'],
    ['2026-12-05T11:30:00.000Z', 'Pacific/Auckland', 'UTC', '6 Dec 2026, 00:30 GMT+13'],
    ['2026-12-06T01:00:00.000Z', 'America/Los_Angeles', 'Europe/Berlin', '5 Dec 2026, 17:00 PST'],
    ['2026-12-05T23:30:00.000Z', 'UTC', 'Etc/UTC', '5 Dec 2026, 23:30'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', 'America/New_York', '29 Mar 2026, 03:30 CEST'],
  ])('formats %s in the project zone %s for a reader in %s as %s', (iso, zone, viewer, text) => {
    expect(formatInstant(iso, zone, viewer)).toBe(text);
  });

  it.each([
    ['https://ci.example.com/run/1', 'https://ci.example.com/run/1'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,hi', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('links only to http(s): %s', (url, safe) => {
    expect(safeLink(url)).toBe(safe);
  });

  it('shortens links and words history lines', () => {
    expect(linkText('https://ci.example.com/')).toBe('ci.example.com');
    expect(linkText(`https://ci.example.com/${'a'.repeat(80)}`)).toHaveLength(48);
    const record = { seq: 1, criterionId: 'qa-passed', action: 'revoked' as const, accountId: 'x', displayName: 'Priya Shah', at: '' };
    expect(historyLine(record, () => 'QA passed')).toBe('Priya Shah revoked QA passed');
  });
});
