import type { RunStatus } from '../../contract-runbook';
import { formatInstant } from '../release-plan/wording';
import { CONFLUENCE_COLOUR, GO_LIVE_RUN } from '../status/vocabulary';
import { escapeXml, statusMacro, table } from './storage-format';

/** The weekly status lists the go-lives planned this far ahead. */
export const GO_LIVE_HORIZON_DAYS = 14;
const DAY_MS = 86_400_000;

/** A release's go-live as its runbook plans it, and where its run stands. */
export interface StatusGoLive {
  versionId: string;
  versionName: string;
  /** Instants (ISO). */
  start: string;
  plannedEnd: string;
  run: RunStatus;
}

/**
 * The go-lives the weekly status lists: planned to start before `now` + 14 days and not over yet
 * (the planned end still ahead, or the run still going), soonest first. A go-live that ended, as
 * planned or not, is last week's news.
 */
export function upcomingGoLives(goLives: readonly StatusGoLive[], now: number, days = GO_LIVE_HORIZON_DAYS): StatusGoLive[] {
  const until = now + days * DAY_MS;
  const going = (g: StatusGoLive) => g.run === 'running' || g.run === 'rolling-back';
  return goLives
    .filter((g) => Date.parse(g.start) < until && (Date.parse(g.plannedEnd) > now || going(g)) && g.run !== 'completed' && g.run !== 'rolled-back')
    .sort((a, b) => a.start.localeCompare(b.start) || a.versionName.localeCompare(b.versionName));
}

/** The status page's section: each upcoming go-live with its start and planned end in the project's zone. */
export function renderUpcomingGoLives(goLives: readonly StatusGoLive[], timeZone: string, versionLink: (r: { id: string; name: string }) => string): string[] {
  const heading = `<h2>Go-lives in the next ${GO_LIVE_HORIZON_DAYS} days</h2>`;
  if (!goLives.length) return [heading, `<p>No go-live is planned in the next ${GO_LIVE_HORIZON_DAYS} days.</p>`];
  return [
    heading,
    table(
      ['Release', `Starts (${escapeXml(timeZone)})`, 'Planned end', 'Run'],
      goLives.map((g) => [
        versionLink({ id: g.versionId, name: g.versionName }),
        escapeXml(formatInstant(Date.parse(g.start), timeZone)),
        escapeXml(formatInstant(Date.parse(g.plannedEnd), timeZone)),
        statusMacro(CONFLUENCE_COLOUR[GO_LIVE_RUN[g.run].colour], GO_LIVE_RUN[g.run].word),
      ]),
    ),
  ];
}
