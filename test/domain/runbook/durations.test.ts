import { formatDuration } from '../../../src/domain/runbook/durations';

describe('a duration in the runbook’s words', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [59.6, '1 h'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [120, '2 h'],
    [-15, '-15 min'],
    [-180, '-3 h'],
  ])('%d minutes read “%s”', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});
