/** The release-notes page's logic without React: choices, wording, list fields. Tested in test/static. */
import type { NotesPublication, NotesSection, ReleaseNotesSettingsView, ReleaseNotesTemplate } from '../../../../src/contract';

type VersionChoice = ReleaseNotesSettingsView['versions'][number];

export { defaultVersionId } from '../../../../src/domain/release-notes/versions';

/** Versions for the picker: unreleased first (by date), then released (newest first), archived last. */
export function orderVersions(versions: VersionChoice[]): VersionChoice[] {
  const rank = (v: VersionChoice) => (v.archived ? 2 : v.released ? 1 : 0);
  return [...versions].sort((a, b) => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (rank(a) === 0) return (a.releaseDate ?? '9999').localeCompare(b.releaseDate ?? '9999');
    return (b.releaseDate ?? '').localeCompare(a.releaseDate ?? '');
  });
}

export function versionLabel(v: VersionChoice): string {
  const state = v.archived ? 'archived' : v.released ? `released${v.releaseDate ? ` ${v.releaseDate}` : ''}` : v.releaseDate ? `due ${v.releaseDate}` : 'no date';
  return `${v.name} (${state})`;
}

/** "Story, Task ,, Bug" → ["Story", "Task", "Bug"]: the editor's comma-separated list fields. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))];
}

export function formatList(values: string[]): string {
  return values.join(', ');
}

export function sameTemplate(a: ReleaseNotesTemplate, b: ReleaseNotesTemplate): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new section with an id no other section has. */
export function newSection(sections: NotesSection[]): NotesSection {
  let n = sections.length + 1;
  while (sections.some((s) => s.id === `section-${n}`)) n++;
  return { id: `section-${n}`, title: `Section ${n}`, issueTypes: [], labels: [], components: [], status: 'done' };
}

export function moveSection(sections: NotesSection[], index: number, by: -1 | 1): NotesSection[] {
  const to = index + by;
  if (to < 0 || to >= sections.length) return sections;
  const next = [...sections];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved as NotesSection);
  return next;
}

export type Tone = 'success' | 'information' | 'warning' | 'error';

/** What the publication record means for the person looking at the page. */
export function publicationSummary(publication: NotesPublication | null, formatTime: (iso: string) => string): { tone: Tone; title: string; text: string } | null {
  if (!publication) return null;
  switch (publication.status) {
    case 'published':
      return {
        tone: 'success',
        title: 'Published to Confluence',
        text: `${publication.pageTitle ?? 'The page'} was last written on ${formatTime(publication.publishedAt ?? publication.attemptedAt)}${publication.pageVersion ? ` (page version ${publication.pageVersion})` : ''}${publication.publishedBy === 'app' ? ', when the version was released' : ''}.`,
      };
    case 'needs-confirmation':
      return {
        tone: 'warning',
        title: 'The page in Confluence was changed by someone else',
        text: `${publication.conflict?.reason ?? 'The page differs from what the app wrote.'} The app did not overwrite it. Overwrite it with the notes below, or copy the edits into Jira first.`,
      };
    case 'nothing-to-publish':
      return { tone: 'information', title: 'Nothing to publish', text: publication.error ?? 'No issue of this version is listed in the release notes.' };
    case 'failed':
      return { tone: 'error', title: 'The last publication failed', text: `${publication.error ?? 'Unknown error.'} (${formatTime(publication.attemptedAt)})` };
  }
}
