import type { NotesSource } from './domain/release-notes/release-notes';
/**
 * Release notes' part of the UI/resolver contract: templates, the generated notes (a structured
 * document the UI renders itself, so nothing from Jira is ever injected as HTML), and the state
 * of the Confluence page per version. Types only; re-exported from src/contract.ts.
 */

/** Who reads the notes: customers never see issues labelled internal. */
export type NotesAudience = 'customer' | 'internal';

/** Which issues a section takes by resolution: done (resolved), open (unresolved) or any. */
export type NotesStatusFilter = 'done' | 'open' | 'any';

export interface NotesSection {
  /** Stable id (a slug), used for anchors and as React key. */
  id: string;
  title: string;
  /** An issue matches when it has ANY of these issue types, labels or components (names). */
  issueTypes: string[];
  labels: string[];
  components: string[];
  status: NotesStatusFilter;
}

export interface ReleaseNotesTemplate {
  audience: NotesAudience;
  /** Plain text; placeholders {project}, {projectKey}, {version}, {releaseDate}, {issueCount}. */
  intro: string;
  /** In order; an issue lands in the first section that matches it. */
  sections: NotesSection[];
  /** Title of a section for issues no section takes; '' leaves them out (they are counted). */
  otherSectionTitle: string;
  /** Custom field id (e.g. customfield_10050) whose text replaces the summary; null: the summary. */
  releaseNoteField: string | null;
  /** Custom field id with upgrade notes; non-empty marks the issue as a breaking change. */
  upgradeNotesField: string | null;
  /** Issues with this label are internal: left out of customer notes. */
  internalLabel: string;
  /** Issues with this label are breaking changes, called out at the top. */
  breakingLabel: string;
  /** Each item links to its Jira issue. */
  linkIssues: boolean;
}

export interface NotesPublishingSettings {
  /** Publish when the Jira version is released (product event). */
  autoPublish: boolean;
  /** Overrides the site's report space (settings:reports.spaceKey). */
  spaceKey?: string;
  /** Parent page of the notes; default: the site's notes parent, else its report parent page. */
  parentPageId?: string;
}

export interface ReleaseNotesSettings {
  template: ReleaseNotesTemplate;
  publishing: NotesPublishingSettings;
  /** Absent while the project runs on the defaults. */
  updatedAt?: string;
  updatedBy?: string;
}

export interface ReleaseNoteItem {
  key: string;
  /** Link to the issue in Jira; absent when the template has links off. */
  url?: string;
  /** The release-note field's text, or the summary. */
  text: string;
  issueType: string;
  breaking: boolean;
  /** Upgrade notes, one entry per paragraph. */
  upgradeNotes: string[];
  /** Labelled internal (only in internal notes). */
  internal: boolean;
  done: boolean;
}

export interface ReleaseNotesSectionView {
  id: string;
  title: string;
  items: ReleaseNoteItem[];
}

export interface ReleaseNotesDocument {
  title: string;
  project: { id: string; key: string; name: string };
  version: { id: string; name: string; releaseDate?: string; released: boolean; description?: string };
  audience: NotesAudience;
  intro: string;
  /** Breaking changes and upgrade notes, called out before the sections (also listed in them). */
  breaking: ReleaseNoteItem[];
  /** Sections in template order; empty sections are left out. */
  sections: ReleaseNotesSectionView[];
  counts: {
    /** Issues with this fix version that Jira returned. */
    issues: number;
    listed: number;
    internal: number;
    subtasks: number;
    /** Issues no section takes (only when the template has no "other" section). */
    unmatched: number;
  };
  /** Nothing to publish: the version has no issues, or none the template lists. */
  empty: boolean;
  /** Jira returned more issues than the app reads for one version. */
  truncated: boolean;
}

export type NotesPublicationStatus = 'published' | 'needs-confirmation' | 'nothing-to-publish' | 'failed';

/** The last publication of a version's notes (one record per version). */
export interface NotesPublication {
  versionId: string;
  projectId: string;
  status: NotesPublicationStatus;
  /** What the last attempt did. */
  action?: 'created' | 'updated' | 'unchanged' | 'recreated';
  pageId?: string;
  pageTitle?: string;
  /** Absolute URL of the page in Confluence. */
  pageUrl?: string;
  /** The Confluence version number the app last wrote. */
  pageVersion?: number;
  /** Hash of the normalised storage body the app last wrote. */
  bodyHash?: string;
  publishedAt?: string;
  /** Account that asked (manual publication) or 'app' (on release). */
  publishedBy?: string;
  trigger: 'manual' | 'release-event';
  attemptedAt: string;
  /** needs-confirmation: the page found in Confluence that the app will not overwrite unasked. */
  conflict?: { pageId: string; pageVersion: number; pageUrl?: string; reason: string };
  error?: string;
}

export interface CustomFieldChoice {
  id: string;
  name: string;
}

export type GetReleaseNotesSettingsPayload = Record<string, never>;

export interface ReleaseNotesSettingsView {
  projectKey: string;
  settings: ReleaseNotesSettings;
  /** True while no template was saved for the project. */
  isDefault: boolean;
  /** Send it back on save: a save over someone else's newer one is refused (CONFLICT). */
  revision: number;
  /** Problems of the stored template against today's Jira (a field deleted since). */
  problems: string[];
  /** What the editor offers: text custom fields, the project's issue types and components. */
  catalog: { textFields: CustomFieldChoice[]; issueTypes: string[]; components: string[] };
  /** Where pages go with these settings; null when no space is configured. */
  target: { spaceKey: string; parentPageId?: string } | null;
  canEdit: boolean;
  versions: Array<{ id: string; name: string; released: boolean; releaseDate?: string; archived: boolean }>;
}

export interface SaveReleaseNotesSettingsPayload {
  template: ReleaseNotesTemplate;
  publishing: NotesPublishingSettings;
  /** The revision the settings were loaded at (`ReleaseNotesSettingsView.revision`). */
  revision: number;
}

export interface PreviewReleaseNotesPayload {
  versionId: string;
  /** An unsaved template from the editor; default: the project's saved template. */
  template?: ReleaseNotesTemplate;
}

export interface ReleaseNotesPreview {
  document: ReleaseNotesDocument;
  markdown: string;
  /** File name for the Markdown download. */
  fileName: string;
  publication: NotesPublication | null;
  canPublish: boolean;
}

/** Opens the notes page: the settings and, for the version asked for (else the default one), its notes' source. */
export interface OpenReleaseNotesPayload {
  versionId?: string;
}

/** One version's editing session: the issues read once, rendered in the browser on every edit. */
export interface ReleaseNotesSession {
  source: NotesSource;
  publication: NotesPublication | null;
  canPublish: boolean;
}

export interface OpenReleaseNotesResult {
  settings: ReleaseNotesSettingsView;
  /** Null when the project has no version. */
  session: ReleaseNotesSession | null;
}

/** Another version, or the same one with custom fields the first read did not hold. */
export interface LoadReleaseNotesSessionPayload {
  versionId: string;
  fields?: string[];
}

export interface CheckReleaseNotesTemplatePayload {
  template: ReleaseNotesTemplate;
}

export interface PublishReleaseNotesPayload {
  versionId: string;
  /** Overwrite a page that was edited in Confluence since the app last wrote it. */
  force?: boolean;
}

export interface PublishReleaseNotesResult {
  publication: NotesPublication;
}

export const RELEASE_NOTES_RESOLVERS = {
  getReleaseNotesSettings: 'getReleaseNotesSettings',
  saveReleaseNotesSettings: 'saveReleaseNotesSettings',
  previewReleaseNotes: 'previewReleaseNotes',
  openReleaseNotes: 'openReleaseNotes',
  loadReleaseNotesSession: 'loadReleaseNotesSession',
  checkReleaseNotesTemplate: 'checkReleaseNotesTemplate',
  publishReleaseNotes: 'publishReleaseNotes',
} as const;

export interface ReleaseNotesResolverContract {
  getReleaseNotesSettings: { payload: GetReleaseNotesSettingsPayload; result: ReleaseNotesSettingsView };
  saveReleaseNotesSettings: { payload: SaveReleaseNotesSettingsPayload; result: ReleaseNotesSettingsView };
  previewReleaseNotes: { payload: PreviewReleaseNotesPayload; result: ReleaseNotesPreview };
  openReleaseNotes: { payload: OpenReleaseNotesPayload; result: OpenReleaseNotesResult };
  loadReleaseNotesSession: { payload: LoadReleaseNotesSessionPayload; result: ReleaseNotesSession };
  checkReleaseNotesTemplate: { payload: CheckReleaseNotesTemplatePayload; result: { valid: true } };
  publishReleaseNotes: { payload: PublishReleaseNotesPayload; result: PublishReleaseNotesResult };
}
