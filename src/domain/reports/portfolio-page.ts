import type { SnapshotRelease, StatusChanges, StatusSnapshot } from './status-snapshot';
import { escapeXml, link, statusMacro, table, xmlSafe } from './storage-format';
import { CONFLUENCE_COLOUR, RELEASE_HEALTH, RELEASE_HEALTH_ORDER } from '../status/vocabulary';

/** Not "Release status: …" like the project pages, so it never collides with a project's title. */
export const PORTFOLIO_PAGE_TITLE = 'Portfolio release status';

export interface PortfolioProject {
  snapshot: StatusSnapshot;
  changes: StatusChanges;
  /** Title of the project's own status page, linked from the portfolio. */
  pageTitle: string;
}

/** A Confluence link to another page of the same space, by title. CDATA is still XML: no control characters. */
function pageLink(title: string, text: string): string {
  return `<ac:link><ri:page ri:content-title="${escapeXml(title)}"/><ac:plain-text-link-body><![CDATA[${xmlSafe(text).replace(/]]>/g, ']] >')}]]></ac:plain-text-link-body></ac:link>`;
}

function when(r: SnapshotRelease): string {
  if (!r.releaseDate) return 'no release date';
  const days = r.daysToRelease;
  if (days === null) return escapeXml(r.releaseDate);
  const span = `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'}`;
  const relative = days < 0 ? `${span} late` : days > 0 ? `in ${span}` : 'today';
  return `${escapeXml(r.releaseDate)} (${relative})`;
}

function slip(r: SnapshotRelease): string {
  if (r.slipDays === undefined) return '–';
  return r.slipDays > 0 ? `+${r.slipDays} d` : r.slipDays < 0 ? `${r.slipDays} d` : 'not moved';
}

/**
 * Every release in flight across the projects, from this week's project snapshots: a RAG count on
 * top, then one table with each project's releases and the week's changes. No timestamp in the body.
 */
export function renderPortfolioPage(projects: PortfolioProject[], jiraBaseUrl: string, missing: string[] = []): string {
  const sorted = [...projects].sort((a, b) => a.snapshot.projectKey.localeCompare(b.snapshot.projectKey));
  const all = sorted.flatMap((p) => p.snapshot.releases);
  // Stored snapshots from before the one vocabulary say "AT RISK" for "At risk": count them alike.
  const count = (label: string) => all.filter((r) => r.rag.label.toLowerCase() === label.toLowerCase()).length;
  // Releases in flight are never Released: that word's count is 0 and drops out with the others.
  const summary = RELEASE_HEALTH_ORDER.map((key) => [CONFLUENCE_COLOUR[RELEASE_HEALTH[key].colour], RELEASE_HEALTH[key].word] as const);
  const parts = [
    `<p>Every unreleased version of ${sorted.length} project${sorted.length === 1 ? '' : 's'}, refreshed weekly by the Release readiness app from the project status pages.</p>`,
    `<p>${summary
      .filter(([, label]) => count(label) > 0)
      .map(([colour, label]) => `${statusMacro(colour, label)} ${count(label)}`)
      .join(' ') || 'No releases in flight.'}</p>`,
  ];
  if (missing.length) {
    parts.push(
      `<ac:structured-macro ac:name="note"><ac:rich-text-body><p>Not refreshed this week (see the app's settings for why): ${missing.map(escapeXml).join(', ')}.</p></ac:rich-text-body></ac:structured-macro>`,
    );
  }
  const rows = sorted.flatMap((p) => {
    const changed = new Map(p.changes.releases.map((c) => [c.versionId, c.changes]));
    return p.snapshot.releases.map((r) => [
      pageLink(p.pageTitle, `${p.snapshot.projectName} (${p.snapshot.projectKey})`),
      link(`${jiraBaseUrl}/projects/${p.snapshot.projectKey}/versions/${r.id}`, r.name),
      statusMacro(r.rag.colour, r.rag.label),
      when(r),
      slip(r),
      `${r.percentDone}% (${r.done}/${r.total})`,
      escapeXml(p.changes.since ? (changed.get(r.id) ?? ['No change.']).join(' ') : 'First report.'),
    ]);
  });
  parts.push('<h2>Releases in flight</h2>');
  parts.push(rows.length ? table(['Project', 'Version', 'Status', 'Release', 'Slip', 'Done', 'Since last week'], rows) : '<p>No unreleased versions.</p>');
  const gone = sorted.flatMap((p) => p.changes.releases.filter((c) => !p.snapshot.releases.some((r) => r.id === c.versionId)).map((c) => ({ p, c })));
  if (gone.length) {
    parts.push('<h2>Left the list since last week</h2>');
    parts.push(`<ul>${gone.map(({ p, c }) => `<li><p>${escapeXml(`${c.versionName} (${p.snapshot.projectKey})`)}: ${escapeXml(c.changes.join(' '))}</p></li>`).join('')}</ul>`);
  }
  return parts.join('');
}
