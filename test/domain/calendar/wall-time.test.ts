import { instantToWallTime, wallTimeToInstant } from '../../../src/domain/calendar/wall-time';

describe('wall times in the project’s zone', () => {
  it.each([
    // Europe/Berlin: CET +01 until 29 Mar 2026 02:00, CEST +02 until 25 Oct 2026 03:00.
    ['Europe/Berlin', '2026-01-15T09:00', '2026-01-15T08:00:00.000Z'],
    ['Europe/Berlin', '2026-07-15T09:00', '2026-07-15T07:00:00.000Z'],
    ['Europe/Berlin', '2026-03-29T01:59', '2026-03-29T00:59:00.000Z'],
    ['Europe/Berlin', '2026-03-29T02:30', '2026-03-29T01:30:00.000Z'], // skipped: reads 03:30
    ['Europe/Berlin', '2026-03-29T03:00', '2026-03-29T01:00:00.000Z'],
    ['Europe/Berlin', '2026-10-25T02:30', '2026-10-25T00:30:00.000Z'], // twice: the first
    ['Europe/Berlin', '2026-10-25T03:00', '2026-10-25T02:00:00.000Z'],
    // America/New_York: EST -05, EDT -04 from 8 Mar 2026 02:00 to 1 Nov 2026 02:00.
    ['America/New_York', '2026-03-07T09:00', '2026-03-07T14:00:00.000Z'],
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:30:00.000Z'], // skipped: reads 03:30
    ['America/New_York', '2026-03-09T09:00', '2026-03-09T13:00:00.000Z'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'], // twice: the first (EDT)
    ['America/New_York', '2026-11-02T09:00', '2026-11-02T14:00:00.000Z'],
    // Pacific/Auckland: NZDT +13 until 5 Apr 2026 03:00, NZST +12 until 27 Sep 2026 02:00.
    ['Pacific/Auckland', '2026-04-04T09:00', '2026-04-03T20:00:00.000Z'],
    ['Pacific/Auckland', '2026-04-05T02:30', '2026-04-04T13:30:00.000Z'], // twice: the first (NZDT)
    ['Pacific/Auckland', '2026-04-06T09:00', '2026-04-05T21:00:00.000Z'],
    ['Pacific/Auckland', '2026-09-27T02:30', '2026-09-26T14:30:00.000Z'], // skipped: reads 03:30
    ['Pacific/Auckland', '2026-09-28T09:00', '2026-09-27T20:00:00.000Z'],
    ['UTC', '2026-11-24T09:00', '2026-11-24T09:00:00.000Z'],
  ])('%s %s is %s', (zone, wall, instant) => {
    expect(wallTimeToInstant(wall, zone)).toBe(instant);
  });

  it.each([
    ['Europe/Berlin', '2026-03-29T01:30:00.000Z', '2026-03-29T03:30'],
    ['Europe/Berlin', '2026-10-25T00:30:00.000Z', '2026-10-25T02:30'],
    ['Europe/Berlin', '2026-10-25T01:30:00.000Z', '2026-10-25T02:30'],
    ['America/New_York', '2026-11-01T06:30:00.000Z', '2026-11-01T01:30'],
    ['Pacific/Auckland', '2026-11-24T20:00:00.000Z', '2026-11-25T09:00'],
  ])('%s shows %s as %s', (zone, instant, wall) => {
    expect(instantToWallTime(instant, zone)).toBe(wall);
  });

  it('shows no wall time for a text that is no instant', () => {
    expect(instantToWallTime('not a time', 'Europe/Berlin')).toBe('');
  });

  it.each(['', '2026-11-24', '2026-11-24 09:00', '2026-02-30T09:00', '2026-11-24T24:00', '2026-11-24T09:60'])('refuses %j', (text) => {
    expect(wallTimeToInstant(text, 'Europe/Berlin')).toBeUndefined();
  });

  it('gives back every wall time it reads, outside the hours a change skips or repeats', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland']) {
      for (const wall of ['2026-01-01T00:00', '2026-06-30T23:59', '2026-12-31T12:00']) expect(instantToWallTime(wallTimeToInstant(wall, zone)!, zone)).toBe(wall);
    }
  });
});
