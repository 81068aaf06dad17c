import { anchoredClock, clockFromEnvironment, systemClock } from '../../src/app/clock';

describe('the one clock', () => {
  it('pinned by NOW, starts at that instant and runs on at the machine’s pace', () => {
    let elapsed = 0;
    const clock = anchoredClock(new Date('2026-11-24T09:00:00Z'), () => elapsed);
    expect(clock.now().toISOString()).toBe('2026-11-24T09:00:00.000Z');
    elapsed = 90_000;
    expect(clock.now().toISOString()).toBe('2026-11-24T09:01:30.000Z');
  });

  it.each([
    ['2026-11-24T09:00:00Z', '2026-11-24T09:00:00.000Z'],
    ['2026-11-24T10:00:00+01:00', '2026-11-24T09:00:00.000Z'],
    ['2026-11-24T09:00Z', '2026-11-24T09:00:00.000Z'],
  ])('reads NOW=%s as %s', (value, expected) => {
    expect(Math.abs(clockFromEnvironment(value).now().getTime() - Date.parse(expected))).toBeLessThan(1_000);
  });

  it.each(['2026-11-24', '2026-11-24T09:00:00', 'yesterday', '2026-13-45T99:00:00Z'])('refuses NOW=%s: without a zone it would mean another instant on every machine', (value) => {
    expect(() => clockFromEnvironment(value)).toThrow(/NOW must be|not a valid instant/);
  });

  it('is the machine’s clock without NOW', () => {
    expect(clockFromEnvironment(undefined)).toBe(systemClock);
    expect(clockFromEnvironment('  ')).toBe(systemClock);
  });
});
