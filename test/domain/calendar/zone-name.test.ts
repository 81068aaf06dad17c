import { sameZone, zoneAbbreviation } from '../../../src/domain/calendar/zone-name';

const WINTER = Date.parse('2026-01-15T12:00:00Z');
const SUMMER = Date.parse('2026-07-15T12:00:00Z');

describe('the short name of a zone, shown beside a time of day', () => {
  it.each([
    ['Europe/Berlin', 'CET', 'CEST'],
    ['Europe/London', 'GMT', 'BST'],
    ['America/Los_Angeles', 'PST', 'PDT'],
    ['America/New_York', 'EST', 'EDT'],
    ['UTC', 'UTC', 'UTC'],
    ['Etc/UTC', 'UTC', 'UTC'],
    ['Pacific/Apia', 'GMT+13', 'GMT+13'],
    ['Asia/Kolkata', 'GMT+5:30', 'GMT+5:30'],
    ['Australia/Sydney', 'GMT+11', 'GMT+10'],
    ['America/Sao_Paulo', 'GMT-3', 'GMT-3'],
  ])('%s is %s in January and %s in July', (zone, winter, summer) => {
    expect([zoneAbbreviation(WINTER, zone), zoneAbbreviation(SUMMER, zone)]).toEqual([winter, summer]);
  });

  it('is the same asked twice, for two zones in turn', () => {
    expect([zoneAbbreviation(WINTER, 'Europe/Berlin'), zoneAbbreviation(WINTER, 'America/New_York'), zoneAbbreviation(WINTER, 'Europe/Berlin')]).toEqual(['CET', 'EST', 'CET']);
  });

  it('is the zone itself for a time that is no instant', () => {
    expect(zoneAbbreviation(Number.NaN, 'Europe/Berlin')).toBe('Europe/Berlin');
  });
});

describe('whether two zone names read the same to a person', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin', true],
    ['Europe/Berlin', 'Europe/Paris', false],
    ['UTC', 'Etc/UTC', true],
    ['Etc/GMT', 'GMT', true],
    ['Etc/Universal', 'Etc/Zulu', true],
    ['UTC', 'Europe/London', false],
    ['Europe/London', 'UTC', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameZone(a, b)).toBe(same);
  });
});
