import type {
  NotesSection,
  ReleaseNoteItem,
  ReleaseNotesDocument,
  ReleaseNotesSectionView,
  ReleaseNotesTemplate,
} from '../../contract-release-notes';
import { type NotesIssue, type NotesSourceIssue, compareIssueKeys, notesIssueForTemplate } from './notes-issue';
import { renderNotesMarkdown } from './render';
import { fillIntro, templateFieldIds } from './template';

export interface ReleaseNotesInput {
  project: { id: string; key: string; name: string };
  version: { id: string; name: string; releaseDate?: string; released: boolean; description?: string };
  /** Every issue whose fix version is this version (sub-tasks included; they are left out here). */
  issues: NotesIssue[];
  template: ReleaseNotesTemplate;
  /** Site URL for issue links, e.g. https://acme.atlassian.net ('' for relative links). */
  jiraBaseUrl: string;
  /** The issue list was cut at the app's per-version limit. */
  truncated?: boolean;
}

export const OTHER_SECTION_ID = 'other';

const has = (values: string[], wanted: string) => values.some((v) => v.toLowerCase() === wanted.trim().toLowerCase());
const hasAny = (values: string[], wanted: string[]) => wanted.some((w) => has(values, w));

/** Does the section take this issue? Any of its types, labels or components, and the status filter. */
export function sectionMatches(section: NotesSection, issue: NotesIssue): boolean {
  if (section.status === 'done' && !issue.done) return false;
  if (section.status === 'open' && issue.done) return false;
  return has(section.issueTypes, issue.issueType) || hasAny(issue.labels, section.labels) || hasAny(issue.components, section.components);
}

/** The page title: unique per project and version, so a space holds one page per version. */
export function releaseNotesTitle(project: { name: string }, version: { name: string }): string {
  return `Release notes: ${version.name} (${project.name})`;
}

/**
 * The release notes of one version as a structured document: each issue in the first section of
 * the template that takes it, sub-tasks left out (their parent speaks for them), internal issues
 * left out of customer notes, breaking changes called out first. Pure: the same issues and
 * template always give the same document, so an unchanged release produces an unchanged page.
 */
export function buildReleaseNotes(input: ReleaseNotesInput): ReleaseNotesDocument {
  const { template, project, version } = input;
  const base = input.jiraBaseUrl.replace(/\/$/, '');
  const sections: ReleaseNotesSectionView[] = template.sections.map((s) => ({ id: s.id, title: s.title.trim(), items: [] }));
  const other: ReleaseNotesSectionView = { id: OTHER_SECTION_ID, title: template.otherSectionTitle.trim(), items: [] };
  const breaking: ReleaseNoteItem[] = [];
  const counts = { issues: input.issues.length, listed: 0, internal: 0, subtasks: 0, unmatched: 0 };

  const sorted = [...input.issues].sort((a, b) => compareIssueKeys(a.key, b.key));
  for (const issue of sorted) {
    if (issue.subtask) {
      counts.subtasks++;
      continue;
    }
    const internal = has(issue.labels, template.internalLabel);
    if (internal && template.audience === 'customer') {
      counts.internal++;
      continue;
    }
    const item: ReleaseNoteItem = {
      key: issue.key,
      ...(template.linkIssues ? { url: `${base}/browse/${encodeURIComponent(issue.key)}` } : {}),
      text: issue.releaseNote ?? issue.summary,
      issueType: issue.issueType,
      breaking: has(issue.labels, template.breakingLabel) || issue.upgradeNotes.length > 0,
      upgradeNotes: issue.upgradeNotes,
      internal,
      done: issue.done,
    };
    const index = template.sections.findIndex((section) => sectionMatches(section, issue));
    const target = index >= 0 ? sections[index] : other.title ? other : undefined;
    if (target) {
      target.items.push(item);
      counts.listed++;
    } else {
      counts.unmatched++;
    }
    // A breaking change that shipped is called out even when no section lists it.
    if (item.breaking && (target || item.done)) breaking.push(item);
  }

  const shown = [...sections, other].filter((s) => s.items.length > 0);
  return {
    title: releaseNotesTitle(project, version),
    project: { ...project },
    version: { ...version },
    audience: template.audience,
    intro: fillIntro(template.intro, {
      project: project.name,
      projectKey: project.key,
      version: version.name,
      releaseDate: version.releaseDate ?? 'not scheduled',
      issueCount: String(counts.listed),
    }).trim(),
    breaking,
    sections: shown,
    counts,
    empty: counts.listed === 0 && breaking.length === 0,
    truncated: input.truncated === true,
  };
}

/** A file name for the Markdown download, e.g. `SHOP-2.4-release-notes.md`. */
export function markdownFileName(document: Pick<ReleaseNotesDocument, 'version'>): string {
  const name = document.version.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'version';
  return `${name}-release-notes.md`;
}

/**
 * What the notes editor loads once per version: everything but the template, with the text of the
 * custom fields in `fields`. The browser renders every template edit from it (`renderNotesPreview`),
 * the same pure code the server publishes with.
 */
export interface NotesSource extends Omit<ReleaseNotesInput, 'issues' | 'template'> {
  issues: NotesSourceIssue[];
  /** The custom fields whose text was read: a template using another one needs a new read. */
  fields: string[];
}

/** The custom fields a template reads that the source does not hold (empty: render as is). */
export function missingTemplateFields(source: Pick<NotesSource, 'fields'>, template: ReleaseNotesTemplate): string[] {
  return templateFieldIds(template).filter((id) => !source.fields.includes(id));
}

export function releaseNotesFromSource(source: NotesSource, template: ReleaseNotesTemplate): ReleaseNotesDocument {
  const { fields: _fields, issues, ...rest } = source;
  return buildReleaseNotes({ ...rest, template, issues: issues.map((issue) => notesIssueForTemplate(issue, template)) });
}

/** The preview the page shows and downloads: the document, its Markdown and the file name. */
export function renderNotesPreview(source: NotesSource, template: ReleaseNotesTemplate): { document: ReleaseNotesDocument; markdown: string; fileName: string } {
  const document = releaseNotesFromSource(source, template);
  return { document, markdown: renderNotesMarkdown(document), fileName: markdownFileName(document) };
}
