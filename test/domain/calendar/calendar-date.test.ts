import { addDays, calendarDateIn, daysBetween, parseCalendarDate, type CalendarDate } from '../../../src/domain/calendar/calendar-date';

describe('calendar dates', () => {
  it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2026-04-00', '26-01-01', '2026-1-1', '', '0099-12-31'])('refuses %p', (text) => {
    expect(parseCalendarDate(text)).toBeUndefined();
  });

  it.each(['2026-02-28', '2028-02-29', '2026-12-31', '0100-01-01'])('accepts %p', (text) => {
    expect(parseCalendarDate(text)).toBe(text);
  });

  it('takes "today" in the site’s time zone, not the server’s', () => {
    const lateEvening = new Date('2026-11-24T23:30:00Z');
    expect(calendarDateIn(lateEvening, 'UTC')).toBe('2026-11-24');
    expect(calendarDateIn(lateEvening, 'Europe/Berlin')).toBe('2026-11-25');
    expect(calendarDateIn(lateEvening, 'America/Los_Angeles')).toBe('2026-11-24');
  });

  it('counts days across month ends and daylight-saving changes', () => {
    const d = (t: string) => parseCalendarDate(t) as CalendarDate;
    expect(daysBetween(d('2026-03-28'), d('2026-03-30'))).toBe(2);
    expect(daysBetween(d('2026-12-31'), d('2027-01-01'))).toBe(1);
    expect(addDays(d('2026-11-24'), -90)).toBe('2026-08-26');
  });
});
