import type { ProjectReleasesView, ReleaseSummary } from '../../contract';
import { type StatusColour, escapeXml, link, statusMacro, table } from './storage-format';

/** Within this many days of its date, an unfinished release is at risk. */
export const AT_RISK_DAYS = 7;
/** Below this share of done issues, a release near its date is at risk. */
export const AT_RISK_PERCENT_DONE = 80;

export interface ReleaseRag {
  colour: StatusColour;
  label: string;
}

/**
 * A plain, explainable RAG for the weekly status until the readiness policy exists: late is Red,
 * close to the date with work open is Amber, otherwise Green; released and undated are neutral.
 */
export function releaseRag(release: ReleaseSummary): ReleaseRag {
  switch (release.state) {
    case 'released':
      return { colour: 'Blue', label: 'RELEASED' };
    case 'overdue':
      return { colour: 'Red', label: 'OVERDUE' };
    case 'unscheduled':
      return { colour: 'Grey', label: 'NO DATE' };
    case 'planned':
      return { colour: 'Grey', label: 'PLANNED' };
    case 'in-progress':
      return release.daysToRelease !== null && release.daysToRelease <= AT_RISK_DAYS && release.percentDone < AT_RISK_PERCENT_DONE
        ? { colour: 'Yellow', label: 'AT RISK' }
        : { colour: 'Green', label: 'ON TRACK' };
  }
}

export function releaseStatusPageTitle(view: ProjectReleasesView): string {
  return `Release status: ${view.project.name} (${view.project.key})`;
}

function when(release: ReleaseSummary): string {
  if (!release.releaseDate) return 'no release date';
  if (release.released || release.daysToRelease === null) return escapeXml(release.releaseDate);
  const days = release.daysToRelease;
  const relative = days === 0 ? 'today' : days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} late`;
  return `${escapeXml(release.releaseDate)} (${relative})`;
}

/**
 * The weekly status page of one project in storage format. It carries no timestamp in the body, so
 * a week without changes produces the same page and the publisher can skip rewriting it.
 */
export function renderReleaseStatusPage(view: ProjectReleasesView, jiraBaseUrl: string): string {
  const unreleased = view.releases.filter((r) => !r.released);
  const released = view.releases.filter((r) => r.released);
  const versionLink = (r: ReleaseSummary) => link(`${jiraBaseUrl}/projects/${view.project.key}/versions/${r.id}`, r.name);
  const rows = unreleased.map((r) => {
    const rag = releaseRag(r);
    return [
      versionLink(r),
      statusMacro(rag.colour, rag.label),
      escapeXml(r.startDate ?? '–'),
      when(r),
      `${r.percentDone}% done (${r.counts.done}/${r.counts.total})`,
      `${r.counts.todo} to do, ${r.counts.inProgress} in progress`,
    ];
  });
  const parts = [
    `<p>Every unreleased version of ${link(`${jiraBaseUrl}/projects/${view.project.key}`, view.project.name)}, refreshed weekly by the Release readiness app. ` +
      `RAG: ${statusMacro('Red', 'OVERDUE')} past its date; ${statusMacro('Yellow', 'AT RISK')} due within ${AT_RISK_DAYS} days with under ${AT_RISK_PERCENT_DONE}% done; ${statusMacro('Green', 'ON TRACK')} otherwise.</p>`,
    '<h2>Releases in flight</h2>',
    rows.length
      ? table(['Version', 'Status', 'Start', 'Release', 'Progress', 'Open work'], rows)
      : '<p>No unreleased versions.</p>',
  ];
  if (released.length) {
    parts.push('<h2>Recently released</h2>');
    parts.push(table(['Version', 'Released on', 'Issues'], released.map((r) => [versionLink(r), escapeXml(r.releaseDate ?? '–'), String(r.counts.total)])));
  }
  return parts.join('');
}
