import type { ProjectReleasesView, ReleaseSummary } from '../../contract';
import { type ReleaseSlip, describeSlip } from '../versions/version-slip';
import type { ReleaseStatusFacts, StatusFactsByVersion } from './status-facts';
import type { StatusChanges } from './status-snapshot';
import { dayInZone } from '../calendar/zone';
import { AT_RISK_DAYS, AT_RISK_PERCENT_DONE, CONFLUENCE_COLOUR, RELEASE_HEALTH, type ReleaseHealthKey, readinessTallyText, releaseHealth } from '../status/vocabulary';
import { type StatusColour, escapeXml, link, statusMacro, table } from './storage-format';
import { type StatusGoLive, renderUpcomingGoLives } from './upcoming-go-lives';

/** What the weekly status adds to the view: slips, changes since last week, other modules' facts. */
export interface StatusPageExtras {
  /** By version id; a version without an entry has no recorded history yet. */
  slips?: Record<string, ReleaseSlip | undefined>;
  /** Undefined: leave the section out (callers without snapshots). */
  changes?: StatusChanges;
  facts?: StatusFactsByVersion;
  /** Go-lives planned in the next 14 days (upcomingGoLives), in the project's zone; undefined: leave the section out. */
  goLives?: { items: StatusGoLive[]; timeZone: string };
  /** The project's release zone: the day the baseline report was taken is a day there (UTC when not given). */
  timeZone?: string;
}

export interface ReleaseRag {
  colour: StatusColour;
  label: string;
}

/**
 * The release's health in the app's one vocabulary (src/domain/status/vocabulary.ts), with the
 * readiness roll-up's not-ready count when the weekly status has one, so the page, the calendar
 * and the Releases pages say the same word for the same release.
 */
export function releaseRag(release: ReleaseSummary, facts: ReleaseStatusFacts = {}): ReleaseRag {
  const health = releaseHealth({ ...release, ...(facts.readiness ? { notReady: facts.readiness.notReady } : {}) });
  return { colour: CONFLUENCE_COLOUR[health.colour], label: health.word };
}

export function releaseStatusPageTitle(view: ProjectReleasesView): string {
  return `Release status: ${view.project.name} (${view.project.key})`;
}

/** The release column of a version in flight (released versions have their own table). */
function when(release: ReleaseSummary): string {
  if (!release.releaseDate) return 'no release date';
  if (release.daysToRelease === null) return escapeXml(release.releaseDate);
  const days = release.daysToRelease;
  const span = `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'}`;
  const relative = days < 0 ? `${span} late` : days > 0 ? `in ${span}` : 'today';
  return `${escapeXml(release.releaseDate)} (${relative})`;
}

/**
 * The weekly status page of one project in storage format. It carries no timestamp in the body, so
 * a week without changes produces the same page and the publisher can skip rewriting it.
 */
export function renderReleaseStatusPage(view: ProjectReleasesView, jiraBaseUrl: string, extras: StatusPageExtras = {}): string {
  const unreleased = view.releases.filter((r) => !r.released);
  const released = view.releases.filter((r) => r.released);
  const versionLink = (r: { id: string; name: string }) => link(`${jiraBaseUrl}/projects/${view.project.key}/versions/${r.id}`, r.name);
  const facts = extras.facts ?? {};
  const factColumns = factColumnsFor(unreleased.map((r) => facts[r.id] ?? {}));
  const rows = unreleased.map((r) => {
    const f = facts[r.id] ?? {};
    const rag = releaseRag(r, f);
    return [
      versionLink(r),
      statusMacro(rag.colour, rag.label),
      escapeXml(r.startDate ?? '–'),
      when(r),
      ...(extras.slips ? [escapeXml(r.releaseDate ? describeSlip(extras.slips[r.id]) : '–')] : []),
      `${r.percentDone}% done (${r.counts.done}/${r.counts.total})`,
      `${r.counts.todo} to do, ${r.counts.inProgress} in progress`,
      ...factColumns.map((column) => column.cell(f)),
    ];
  });
  const headers = [
    'Version',
    'Status',
    'Start',
    'Release',
    ...(extras.slips ? ['Slip'] : []),
    'Progress',
    'Open work',
    ...factColumns.map((c) => c.header),
  ];
  const parts = [
    `<p>Every unreleased version of ${link(`${jiraBaseUrl}/projects/${view.project.key}`, view.project.name)}, refreshed weekly by the Release readiness app. ` +
      `Status: ${healthMacro('overdue')} past its date; ${healthMacro('at-risk')} due within ${AT_RISK_DAYS} days with under ${AT_RISK_PERCENT_DONE}% done or issues not ready; ${healthMacro('on-track')} otherwise.` +
      (extras.slips ? ' Slip: days the release date moved since the app first recorded it.' : '') +
      '</p>',
    '<h2>Releases in flight</h2>',
    rows.length ? table(headers, rows) : '<p>No unreleased versions.</p>',
  ];
  if (extras.goLives) parts.push(...renderUpcomingGoLives(extras.goLives.items, extras.goLives.timeZone, versionLink));
  if (extras.changes) parts.push(...renderChanges(extras.changes, versionLink, extras.timeZone));
  if (released.length) {
    parts.push('<h2>Recently released</h2>');
    parts.push(table(['Version', 'Released on', 'Issues'], released.map((r) => [versionLink(r), escapeXml(r.releaseDate ?? '–'), String(r.counts.total)])));
  }
  return parts.join('');
}

function renderChanges(changes: StatusChanges, versionLink: (r: { id: string; name: string }) => string, timeZone = 'UTC'): string[] {
  if (!changes.since) return ['<h2>What changed since last week</h2>', '<p>This is the first weekly report: next week lists what changed since this one.</p>'];
  const heading = `<h2>What changed since ${escapeXml(dayInZone(Date.parse(changes.since), timeZone))}</h2>`;
  if (!changes.releases.length) return [heading, '<p>Nothing changed in the releases in flight.</p>'];
  return [
    heading,
    `<ul>${changes.releases
      .map((r) => `<li><p><strong>${versionLink({ id: r.versionId, name: r.versionName })}</strong>: ${r.changes.map(escapeXml).join(' ')}</p></li>`)
      .join('')}</ul>`,
  ];
}

interface FactColumn {
  header: string;
  cell(facts: ReleaseStatusFacts): string;
}

/** Only the facts some release has become columns: nothing is shown that no module provided. */
/** A status macro with the health's own word and colour. */
export function healthMacro(key: ReleaseHealthKey): string {
  return statusMacro(CONFLUENCE_COLOUR[RELEASE_HEALTH[key].colour], RELEASE_HEALTH[key].word);
}

function factColumnsFor(all: Array<ReleaseStatusFacts>): FactColumn[] {
  const lines = (items: string[] | undefined) => (items?.length ? items.map(escapeXml).join('<br/>') : '–');
  const columns: FactColumn[] = [];
  if (all.some((f) => f.readiness)) {
    columns.push({
      header: 'Readiness',
      cell: (f) => (f.readiness ? escapeXml(readinessTallyText({ green: f.readiness.ready, amber: f.readiness.atRisk, red: f.readiness.notReady })) : '–'),
    });
  }
  if (all.some((f) => f.goNoGo)) columns.push({ header: 'Go/No-Go', cell: (f) => (f.goNoGo ? statusMacro(f.goNoGo.colour, f.goNoGo.label) : '–') });
  if (all.some((f) => f.risks)) columns.push({ header: 'Open risks', cell: (f) => lines(f.risks) });
  if (all.some((f) => f.upcoming)) columns.push({ header: 'Environments and freezes', cell: (f) => lines(f.upcoming) });
  return columns;
}
