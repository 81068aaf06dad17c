import type { StatusColour } from './storage-format';

/**
 * EXTENSION POINT for the weekly status: facts that other parts of the app own, per release.
 * Readiness (readiness roll-up), open risks, the Go/No-Go state, upcoming environment slots and
 * freezes (release calendar / environments) are filled in by `collectReleaseStatusFacts`
 * (src/app/status-report-facts.ts) from the modules that provide them; the status page shows a
 * column only when some release has that fact, and never makes one up.
 */
export interface ReleaseStatusFacts {
  /** The readiness roll-up by issue: its tally in the app's words, and how many are not ready. */
  readiness?: { ready: number; atRisk: number; notReady: number };
  /** Open risks, one short line each. */
  risks?: string[];
  goNoGo?: { label: string; colour: StatusColour };
  /** Upcoming environment slots and freezes, one short line each. */
  upcoming?: string[];
}

/** By version id. */
export type StatusFactsByVersion = Record<string, ReleaseStatusFacts>;
