/**
 * The app's one status vocabulary: the words and colours for a release's state, a release's
 * health (RAG) and an issue's readiness. Every page, the issue panel, the Confluence reports and
 * the iCalendar feed take their words from here, so the same release reads the same everywhere.
 * Colours are named neutrally; each surface maps them to its own palette (Atlaskit lozenges,
 * Confluence status macros) with the tables at the end.
 */
import type { ReleaseState } from '../../contract';
import type { RunStatus } from '../../contract-runbook';
import type { Rag as ReadinessRag } from '../readiness/evaluate';
import { plural } from '../release-plan/wording';

export type StatusColour = 'grey' | 'red' | 'yellow' | 'green' | 'blue' | 'purple';

export interface StatusWord {
  /** Stable key for code and stored snapshots. */
  key: string;
  /** Sentence-case word as people read it: "At risk". */
  word: string;
  colour: StatusColour;
}

// ---------------------------------------------------------------------------------------------
// Release state: where a Jira version stands relative to today (dates only, no judgement).

export const RELEASE_STATE: Record<ReleaseState, StatusWord> = {
  released: { key: 'released', word: 'Released', colour: 'green' },
  overdue: { key: 'overdue', word: 'Overdue', colour: 'red' },
  'in-progress': { key: 'in-progress', word: 'In progress', colour: 'blue' },
  planned: { key: 'planned', word: 'Planned', colour: 'purple' },
  unscheduled: { key: 'unscheduled', word: 'No date', colour: 'grey' },
};

// ---------------------------------------------------------------------------------------------
// A go-live run: where a release's runbook run stands (the Go-live page, the calendar feed, the
// weekly status).

export const GO_LIVE_RUN: Record<RunStatus, StatusWord> = {
  'not-started': { key: 'not-started', word: 'Not started', colour: 'purple' },
  running: { key: 'running', word: 'Running', colour: 'blue' },
  completed: { key: 'completed', word: 'Completed', colour: 'green' },
  'rolling-back': { key: 'rolling-back', word: 'Rolling back', colour: 'yellow' },
  'rolled-back': { key: 'rolled-back', word: 'Rolled back', colour: 'red' },
};

// ---------------------------------------------------------------------------------------------
// Release health: is an unreleased version going to make its date? One rule for every surface.

/** Within this many days of its date, an unfinished release is at risk. */
export const AT_RISK_DAYS = 7;
/** Below this share of done issues, a release near its date is at risk. */
export const AT_RISK_PERCENT_DONE = 80;

export type ReleaseHealthKey = 'released' | 'overdue' | 'at-risk' | 'on-track' | 'planned' | 'no-date';

export const RELEASE_HEALTH: Record<ReleaseHealthKey, StatusWord> = {
  released: { key: 'released', word: 'Released', colour: 'green' },
  overdue: { key: 'overdue', word: 'Overdue', colour: 'red' },
  'at-risk': { key: 'at-risk', word: 'At risk', colour: 'yellow' },
  'on-track': { key: 'on-track', word: 'On track', colour: 'green' },
  planned: { key: 'planned', word: 'Planned', colour: 'purple' },
  'no-date': { key: 'no-date', word: 'No date', colour: 'grey' },
};

/** The order people scan health in: worst first. */
export const RELEASE_HEALTH_ORDER: readonly ReleaseHealthKey[] = ['overdue', 'at-risk', 'on-track', 'planned', 'no-date', 'released'];

export interface ReleaseHealthInput {
  state: ReleaseState;
  daysToRelease: number | null;
  percentDone: number;
  /** Issues failing a blocking readiness criterion, when the readiness roll-up is known. */
  notReady?: number;
}

export interface ReleaseHealth extends StatusWord {
  key: ReleaseHealthKey;
  /** One sentence on why, for tooltips and reports. */
  reason: string;
}

function health(key: ReleaseHealthKey, reason: string): ReleaseHealth {
  return { ...RELEASE_HEALTH[key], key, reason };
}

/**
 * Late is Overdue; close to the date with too little done, or with issues not ready, is At risk;
 * otherwise On track. Open work far from the date is normal, so it alone never turns a release
 * red or amber (the readiness page shows the detail).
 */
export function releaseHealth(release: ReleaseHealthInput): ReleaseHealth {
  switch (release.state) {
    case 'released':
      return health('released', 'Released in Jira.');
    case 'overdue':
      return health('overdue', `Past its release date${release.daysToRelease !== null ? ` by ${plural(-release.daysToRelease, 'day')}` : ''} and not released.`);
    case 'unscheduled':
      return health('no-date', 'No release date set.');
    case 'planned':
      return health('planned', 'Not started yet.');
    case 'in-progress': {
      const days = release.daysToRelease;
      const close = days !== null && days <= AT_RISK_DAYS;
      if (close && release.percentDone < AT_RISK_PERCENT_DONE) {
        return health('at-risk', `Due ${dueText(days)} with ${release.percentDone}% done (under ${AT_RISK_PERCENT_DONE}%).`);
      }
      if (close && (release.notReady ?? 0) > 0) {
        return health('at-risk', `Due ${dueText(days)} with ${plural(release.notReady ?? 0, 'issue')} not ready.`);
      }
      return health('on-track', days === null ? 'In progress.' : `Due ${dueText(days)}; ${release.percentDone}% done.`);
    }
  }
}

function dueText(days: number): string {
  return days === 0 ? 'today' : `in ${plural(days, 'day')}`;
}

// ---------------------------------------------------------------------------------------------
// Issue readiness: does an issue pass its release's readiness criteria?

export const ISSUE_READINESS: Record<ReadinessRag, StatusWord> = {
  green: { key: 'ready', word: 'Ready', colour: 'green' },
  amber: { key: 'at-risk', word: 'At risk', colour: 'yellow' },
  red: { key: 'not-ready', word: 'Not ready', colour: 'red' },
};

/**
 * "18 ready, 1 at risk, 2 not ready": the one way a count of issues by readiness is written.
 * "Ready" never includes "at risk", so two counts side by side always add up.
 */
export function readinessTallyText(counts: Record<ReadinessRag, number>): string {
  const parts = [`${counts.green} ready`];
  if (counts.amber) parts.push(`${counts.amber} at risk`);
  parts.push(`${counts.red} not ready`);
  return parts.join(', ');
}

/** The answer to "ready for the release date?" in the same words as the issue's status. */
export function readyForDateAnswer(rag: ReadinessRag): string {
  return rag === 'green' ? 'Yes.' : rag === 'amber' ? 'Yes, but at risk.' : 'No.';
}

// ---------------------------------------------------------------------------------------------
// Surfaces' palettes.

export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const LOZENGE_APPEARANCE: Record<StatusColour, LozengeAppearance> = {
  grey: 'default',
  red: 'removed',
  yellow: 'moved',
  green: 'success',
  blue: 'inprogress',
  purple: 'new',
};

export type ConfluenceStatusColour = 'Grey' | 'Red' | 'Yellow' | 'Green' | 'Blue' | 'Purple';

export const CONFLUENCE_COLOUR: Record<StatusColour, ConfluenceStatusColour> = {
  grey: 'Grey',
  red: 'Red',
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  purple: 'Purple',
};
