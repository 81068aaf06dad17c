import { templateFieldIds } from './template';

/**
 * An issue as release notes need it, read from a Jira REST v3 issue (search or bulk fetch). Text
 * custom fields arrive as a string (single line) or an ADF document (multi-line text in v3).
 */
export interface NotesIssue {
  key: string;
  summary: string;
  issueType: string;
  subtask: boolean;
  labels: string[];
  components: string[];
  /** Resolved (status category done). */
  done: boolean;
  /** The template's release-note field, as plain text (paragraphs joined by spaces). */
  releaseNote?: string;
  /** The template's upgrade-notes field, one entry per paragraph. */
  upgradeNotes: string[];
}

/** The fields to ask Jira for: these plus the template's custom fields. */
export const NOTES_ISSUE_FIELDS = ['summary', 'issuetype', 'labels', 'components', 'status'] as const;

interface JiraIssueLike {
  key: string;
  fields: Record<string, unknown>;
}

/** The paragraphs of an ADF document (or of plain text, split at blank lines), trimmed, none empty. */
export function textParagraphs(value: unknown): string[] {
  // A blank line ends a paragraph; a \r before it is blank space that collapse() trims.
  if (typeof value === 'string') return value.split(/\n\s*\n/).map(collapse).filter(Boolean);
  const paragraphs: string[] = [];
  const walk = (node: unknown, into: string[] | null): void => {
    // Parsed JSON: only objects (and arrays, which have no type) can be nodes.
    if (!(node instanceof Object)) return;
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
    if (type === 'text' && typeof text === 'string') into?.push(text);
    if (type === 'hardBreak') into?.push(' ');
    if (type === 'mention' || type === 'emoji' || type === 'inlineCard') {
      const attrs = (node as { attrs?: { text?: unknown; shortName?: unknown; url?: unknown } }).attrs;
      const shown = attrs?.text ?? attrs?.shortName ?? attrs?.url;
      if (typeof shown === 'string') into?.push(shown);
    }
    if (!Array.isArray(content)) return;
    // Leaf blocks hold text; container blocks (doc, lists, panels, quotes) hold other blocks.
    if (type === 'paragraph' || type === 'heading' || type === 'codeBlock') {
      const own: string[] = [];
      for (const child of content) walk(child, own);
      const paragraph = collapse(own.join(''));
      if (paragraph) paragraphs.push(paragraph);
    } else {
      for (const child of content) walk(child, into);
    }
  };
  walk(value, null);
  return paragraphs;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => (typeof entry === 'string' ? entry : (entry as { name?: unknown } | null | undefined)?.name))
    .filter((name): name is string => typeof name === 'string' && name !== '');
}

interface TemplateFields {
  releaseNoteField: string | null;
  upgradeNotesField: string | null;
}

/**
 * An issue as the notes editor holds it in the browser: what every template can use, with the
 * paragraphs of each text custom field read, so a template edit re-renders without asking Jira.
 */
export interface NotesSourceIssue extends Omit<NotesIssue, 'releaseNote' | 'upgradeNotes'> {
  /** Custom field id → its paragraphs (fields that were read and hold text). */
  fieldText: Record<string, string[]>;
}

export function notesSourceIssueFromJira(issue: JiraIssueLike, fieldIds: readonly string[]): NotesSourceIssue {
  const f = issue.fields;
  const type = (f.issuetype ?? {}) as { name?: unknown; subtask?: unknown };
  const status = (f.status ?? {}) as { statusCategory?: { key?: unknown } };
  const fieldText: Record<string, string[]> = {};
  for (const id of fieldIds) {
    const paragraphs = textParagraphs(f[id]);
    if (paragraphs.length) fieldText[id] = paragraphs;
  }
  return {
    key: issue.key,
    summary: typeof f.summary === 'string' ? collapse(f.summary) : issue.key,
    issueType: typeof type.name === 'string' ? type.name : 'Issue',
    subtask: type.subtask === true,
    labels: Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [],
    components: names(f.components),
    done: status.statusCategory?.key === 'done',
    fieldText,
  };
}

/** The issue as one template reads it: its release-note and upgrade-notes fields picked out. */
export function notesIssueForTemplate(issue: NotesSourceIssue, fields: TemplateFields): NotesIssue {
  const { fieldText, ...rest } = issue;
  const releaseNote = fields.releaseNoteField ? (fieldText[fields.releaseNoteField] ?? []).join(' ') : '';
  const result: NotesIssue = { ...rest, upgradeNotes: fields.upgradeNotesField ? [...(fieldText[fields.upgradeNotesField] ?? [])] : [] };
  if (releaseNote) result.releaseNote = releaseNote;
  return result;
}

export function notesIssueFromJira(issue: JiraIssueLike, fields: TemplateFields): NotesIssue {
  return notesIssueForTemplate(notesSourceIssueFromJira(issue, templateFieldIds(fields)), fields);
}

/** Jira keys in key order: project key, then number (SHOP-9 before SHOP-10). */
export function compareIssueKeys(a: string, b: string): number {
  const [partsA, partsB] = [a.split('-'), b.split('-')];
  // Stryker disable next-line StringLiteral: split() always yields a first part, and a key without a number reads as 0 either way (Number('') is 0)
  const [pa = '', na = '0'] = partsA;
  // Stryker disable next-line StringLiteral: as for the first key
  const [pb = '', nb = '0'] = partsB;
  return pa === pb ? Number(na) - Number(nb) : pa < pb ? -1 : 1;
}
