import type { NotesSection, ReleaseNotesTemplate } from '../../contract-release-notes';

/** Placeholders the intro may use, with what they stand for (shown in validation messages). */
export const INTRO_PLACEHOLDERS = ['project', 'projectKey', 'version', 'releaseDate', 'issueCount'] as const;
export type IntroPlaceholder = (typeof INTRO_PLACEHOLDERS)[number];

export const DEFAULT_INTERNAL_LABEL = 'internal';
export const DEFAULT_BREAKING_LABEL = 'breaking-change';
export const MAX_SECTIONS = 20;

/**
 * The template every project starts with: Jira's standard issue types to the usual sections.
 * "Known issues" takes bugs still open at release and anything labelled known-issue.
 */
export function defaultTemplate(): ReleaseNotesTemplate {
  const section = (id: string, title: string, rules: Partial<NotesSection> & Pick<NotesSection, 'issueTypes'>): NotesSection => ({
    id,
    title,
    labels: [],
    components: [],
    status: 'done',
    ...rules,
  });
  return {
    audience: 'customer',
    intro: 'What is new in {version} of {project}.',
    sections: [
      section('new-features', 'New features', { issueTypes: ['Story'] }),
      section('improvements', 'Improvements', { issueTypes: ['Task'] }),
      section('fixes', 'Fixes', { issueTypes: ['Bug', 'Incident'] }),
      section('known-issues', 'Known issues', { issueTypes: ['Bug'], labels: ['known-issue'], status: 'open' }),
    ],
    otherSectionTitle: '',
    releaseNoteField: null,
    upgradeNotesField: null,
    internalLabel: DEFAULT_INTERNAL_LABEL,
    breakingLabel: DEFAULT_BREAKING_LABEL,
    linkIssues: true,
  };
}

/** What a template may refer to on this site and in this project. */
export interface TemplateCatalog {
  /** Every field from GET /rest/api/3/field: id, name, and its schema type (`string` for text). */
  fields: Array<{ id: string; name: string; custom: boolean; schemaType?: string }>;
  issueTypes: string[];
  components: string[];
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Everything in a template that cannot work on this site, one readable line each (empty when
 * fine): unknown or non-text fields, unknown issue types and components, unknown placeholders,
 * sections that can never match, duplicates.
 */
export function validateTemplate(template: ReleaseNotesTemplate, catalog: TemplateCatalog): string[] {
  const problems: string[] = [];
  if (template.sections.length === 0) problems.push('The template needs at least one section.');
  if (template.sections.length > MAX_SECTIONS) problems.push(`A template has at most ${MAX_SECTIONS} sections.`);

  for (const match of template.intro.matchAll(PLACEHOLDER)) {
    // Stryker disable next-line StringLiteral: the pattern's one group always takes part in a match, so the fallback is never used
    const name = (match[1] ?? '').trim();
    if (!(INTRO_PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`Intro: unknown placeholder {${name}}. Use ${INTRO_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`);
    }
  }

  const checkField = (label: string, id: string | null) => {
    if (id === null) return;
    const field = catalog.fields.find((f) => f.id === id);
    if (!field) problems.push(`${label}: the field ${id} does not exist in Jira (or the app cannot see it).`);
    else if (field.schemaType !== 'string') problems.push(`${label}: ${field.name} (${id}) is not a text field.`);
  };
  checkField('Release-note field', template.releaseNoteField);
  checkField('Upgrade-notes field', template.upgradeNotesField);
  if (template.releaseNoteField !== null && template.releaseNoteField === template.upgradeNotesField) {
    problems.push('The release-note field and the upgrade-notes field must be different fields.');
  }
  if (sameName(template.internalLabel, template.breakingLabel)) problems.push('The internal label and the breaking-change label must differ.');

  const titles = new Set<string>();
  const ids = new Set<string>();
  template.sections.forEach((section, index) => {
    const name = `Section ${index + 1} "${section.title}"`;
    const title = section.title.trim().toLowerCase();
    if (titles.has(title)) problems.push(`${name}: another section has the same title.`);
    titles.add(title);
    if (ids.has(section.id)) problems.push(`${name}: another section has the same id "${section.id}".`);
    ids.add(section.id);
    if (sameName(section.title, template.otherSectionTitle)) problems.push(`${name}: the section for other issues has the same title.`);
    if (section.issueTypes.length + section.labels.length + section.components.length === 0) {
      problems.push(`${name}: give at least one issue type, label or component, or the section never lists anything.`);
    }
    for (const type of section.issueTypes) {
      if (!catalog.issueTypes.some((t) => sameName(t, type))) {
        problems.push(`${name}: the issue type "${type}" does not exist in this project (${catalog.issueTypes.join(', ') || 'none'}).`);
      }
    }
    for (const component of section.components) {
      if (!catalog.components.some((c) => sameName(c, component))) {
        problems.push(`${name}: the component "${component}" does not exist in this project.`);
      }
    }
  });
  return problems;
}

/** The intro with its placeholders filled in (unknown ones are left as written). */
export function fillIntro(intro: string, values: Record<IntroPlaceholder, string>): string {
  return intro.replace(PLACEHOLDER, (whole, raw: string) => {
    const name = raw.trim();
    return (INTRO_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as IntroPlaceholder] : whole;
  });
}

/** The custom field ids a template reads, so a search asks Jira only for those. */
export function templateFieldIds(template: Pick<ReleaseNotesTemplate, 'releaseNoteField' | 'upgradeNotesField'>): string[] {
  return [template.releaseNoteField, template.upgradeNotesField].filter((id): id is string => id !== null);
}
