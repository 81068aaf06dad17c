import {
  CONFLUENCE_COLOUR,
  ISSUE_READINESS,
  LOZENGE_APPEARANCE,
  RELEASE_HEALTH,
  RELEASE_STATE,
  readinessTallyText,
  readyForDateAnswer,
  releaseHealth,
} from '../../../src/domain/status/vocabulary';

describe("a release's health", () => {
  it.each([
    ['released', { state: 'released', daysToRelease: null, percentDone: 100 }, 'Released'],
    ['two days past its date', { state: 'overdue', daysToRelease: -2, percentDone: 95 }, 'Overdue'],
    ['due in 5 days, half done', { state: 'in-progress', daysToRelease: 5, percentDone: 50 }, 'At risk'],
    ['due in 7 days (the edge), 79% done', { state: 'in-progress', daysToRelease: 7, percentDone: 79 }, 'At risk'],
    ['due in 8 days, 10% done', { state: 'in-progress', daysToRelease: 8, percentDone: 10 }, 'On track'],
    ['due today, 80% done, nothing not ready', { state: 'in-progress', daysToRelease: 0, percentDone: 80, notReady: 0 }, 'On track'],
    ['due in 3 days, 90% done, 2 issues not ready', { state: 'in-progress', daysToRelease: 3, percentDone: 90, notReady: 2 }, 'At risk'],
    ['due in a month, 40 issues not ready', { state: 'in-progress', daysToRelease: 30, percentDone: 10, notReady: 40 }, 'On track'],
    ['not started yet', { state: 'planned', daysToRelease: 40, percentDone: 0 }, 'Planned'],
    ['without a date', { state: 'unscheduled', daysToRelease: null, percentDone: 0 }, 'No date'],
  ] as const)('%s: %s', (_case, input, word) => {
    const health = releaseHealth(input);
    expect(health.word).toBe(word);
    expect(health.reason).toMatch(/\.$/);
  });

  it('explains At risk with the figure that decided it', () => {
    expect(releaseHealth({ state: 'in-progress', daysToRelease: 1, percentDone: 90, notReady: 1 }).reason).toBe('Due in 1 day with 1 issue not ready.');
    expect(releaseHealth({ state: 'in-progress', daysToRelease: 0, percentDone: 40 }).reason).toBe('Due today with 40% done (under 80%).');
  });

  it.each([
    ['two days late', { state: 'overdue', daysToRelease: -2, percentDone: 95 }, 'Past its release date by 2 days and not released.'],
    ['one day late', { state: 'overdue', daysToRelease: -1, percentDone: 95 }, 'Past its release date by 1 day and not released.'],
    ['late, the day count unknown', { state: 'overdue', daysToRelease: null, percentDone: 95 }, 'Past its release date and not released.'],
    ['in progress without a date', { state: 'in-progress', daysToRelease: null, percentDone: 30 }, 'In progress.'],
    ['due in 8 days, 10% done', { state: 'in-progress', daysToRelease: 8, percentDone: 10 }, 'Due in 8 days; 10% done.'],
    ['due today, 80% done', { state: 'in-progress', daysToRelease: 0, percentDone: 80, notReady: 0 }, 'Due today; 80% done.'],
  ] as const)('explains a release %s in words', (_case, input, reason) => {
    expect(releaseHealth(input).reason).toBe(reason);
  });
});

describe('issue readiness in words', () => {
  it.each([
    [{ green: 18, amber: 1, red: 1 }, '18 ready, 1 at risk, 1 not ready'],
    [{ green: 20, amber: 0, red: 0 }, '20 ready, 0 not ready'],
    [{ green: 0, amber: 0, red: 3 }, '0 ready, 3 not ready'],
  ])('%j reads "%s"', (counts, text) => expect(readinessTallyText(counts)).toBe(text));

  it.each([
    ['green', 'Yes.'],
    ['amber', 'Yes, but at risk.'],
    ['red', 'No.'],
  ] as const)('ready for the date when %s: "%s"', (rag, answer) => expect(readyForDateAnswer(rag)).toBe(answer));
});

describe('one colour per word on every surface', () => {
  const words = [...Object.values(RELEASE_STATE), ...Object.values(RELEASE_HEALTH), ...Object.values(ISSUE_READINESS)];

  it('gives each word one colour, whichever table it comes from', () => {
    const colourOf = new Map<string, string>();
    for (const w of words) {
      const seen = colourOf.get(w.word);
      if (seen) expect(`${w.word}: ${w.colour}`).toBe(`${w.word}: ${seen}`);
      colourOf.set(w.word, w.colour);
    }
  });

  it('maps every colour to a lozenge and a Confluence status colour', () => {
    for (const w of words) {
      expect(LOZENGE_APPEARANCE[w.colour]).toBeDefined();
      expect(CONFLUENCE_COLOUR[w.colour]).toBeDefined();
    }
    expect(LOZENGE_APPEARANCE[RELEASE_HEALTH['at-risk'].colour]).toBe('moved');
    expect(CONFLUENCE_COLOUR[RELEASE_HEALTH['at-risk'].colour]).toBe('Yellow');
  });
});
