import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import type { NotesPublishingSettings, NotesSection, ReleaseNotesSettingsView, ReleaseNotesTemplate } from '../../../../src/contract';
import { color, font, radius, space } from '../design';
import { type FieldErrors, type FieldLabel, NO_FIELD_ERRORS } from '../field-errors';
import { Checkbox, ListInput, SelectInput, TextArea, TextInput } from './controls';
import { moveSection, newSection } from './notes-model';
import { ConfluencePlacePicker } from '../components/pickers';

export interface TemplateDraft {
  template: ReleaseNotesTemplate;
  publishing: NotesPublishingSettings;
}

interface Props {
  draft: TemplateDraft;
  onChange: (draft: TemplateDraft) => void;
  catalog: ReleaseNotesSettingsView['catalog'];
  /** Where pages go with the site's settings, to show as the default. */
  siteSpaceKey?: string;
  disabled: boolean;
  /** Sentences for the fields the server refused (see TEMPLATE_FIELD_LABELS). */
  errors?: FieldErrors;
}

/** How this form names the fields of a `saveReleaseNotesSettings` / `previewReleaseNotes` payload. */
export const TEMPLATE_FIELD_LABELS: readonly FieldLabel[] = [
  { path: 'template.sections.*.title', label: 'Section {n} title' },
  { path: 'template.sections.*.issueTypes.*', label: 'Issue types of section {n}' },
  { path: 'template.sections.*.labels.*', label: 'Labels of section {n}' },
  { path: 'template.sections.*.components.*', label: 'Components of section {n}' },
  { path: 'template.sections.*.issueTypes', label: 'Issue types of section {n}' },
  { path: 'template.sections.*.labels', label: 'Labels of section {n}' },
  { path: 'template.sections.*.components', label: 'Components of section {n}' },
  { path: 'template.sections', label: 'Sections' },
  { path: 'template.intro', label: 'Intro' },
  { path: 'template.otherSectionTitle', label: 'Section for other issues' },
  { path: 'template.internalLabel', label: 'Internal label' },
  { path: 'template.breakingLabel', label: 'Breaking-change label' },
  { path: 'template.releaseNoteField', label: 'Text of each item' },
  { path: 'template.upgradeNotesField', label: 'Upgrade notes' },
  { path: 'publishing.spaceKey', label: 'Confluence space' },
  { path: 'publishing.parentPageId', label: 'Parent page' },
];

/** The sentence for a field or any of its items (`template.sections.0.labels.2` shows under Labels). */
const errorAt = (errors: FieldErrors, path: string): string | undefined =>
  errors.byPath[path] ?? Object.entries(errors.byPath).find(([p]) => p.startsWith(`${path}.`))?.[1];

const STATUS_OPTIONS = [
  { value: 'done' as const, label: 'Done issues' },
  { value: 'open' as const, label: 'Open issues' },
  { value: 'any' as const, label: 'Done and open' },
];

/**
 * The project's release-notes template (sections, their order and rules, intro, audience, fields)
 * and where pages are published. Changes go to `onChange`; saving is the caller's.
 */
export function TemplateEditor({ draft, onChange, catalog, siteSpaceKey, disabled, errors = NO_FIELD_ERRORS }: Props) {
  const { template, publishing } = draft;
  const err = (path: string) => {
    const text = errorAt(errors, path);
    return text ? { error: text } : {};
  };
  const setTemplate = (patch: Partial<ReleaseNotesTemplate>) => onChange({ template: { ...template, ...patch }, publishing });
  const setPublishing = (patch: Partial<NotesPublishingSettings>) => {
    const next: NotesPublishingSettings = { ...publishing, ...patch };
    if (!next.spaceKey) delete next.spaceKey;
    if (!next.parentPageId) delete next.parentPageId;
    onChange({ template, publishing: next });
  };
  const setSection = (index: number, patch: Partial<NotesSection>) =>
    setTemplate({ sections: template.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const fieldOptions = catalog.textFields.map((f) => ({ value: f.id, label: f.name }));
  const unknownField = (id: string | null) => (id && !catalog.textFields.some((f) => f.id === id) ? [{ value: id, label: `${id} (not a text field of this site)` }] : []);

  return (
    <div data-testid="template-editor" style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      <Group title="Content">
        <div style={grid}>
          <SelectInput
            label="Audience"
            value={template.audience}
            disabled={disabled}
            testId="template-audience"
            options={[
              { value: 'customer', label: 'Customers' },
              { value: 'internal', label: 'The team (internal)' },
            ]}
            onChange={(audience) => setTemplate({ audience })}
            hint="Customer notes leave out issues with the internal label."
          />
          <SelectInput
            label="Text of each item"
            value={template.releaseNoteField ?? ''}
            disabled={disabled}
            testId="template-note-field"
            options={[{ value: '', label: 'Summary' }, ...fieldOptions, ...unknownField(template.releaseNoteField)]}
            onChange={(id) => setTemplate({ releaseNoteField: id || null })}
            hint="A release-note text field; issues where it is empty use their summary."
          />
          <SelectInput
            label="Upgrade notes"
            value={template.upgradeNotesField ?? ''}
            disabled={disabled}
            testId="template-upgrade-field"
            options={[{ value: '', label: 'None' }, ...fieldOptions, ...unknownField(template.upgradeNotesField)]}
            onChange={(id) => setTemplate({ upgradeNotesField: id || null })}
            hint="Issues with upgrade notes are called out as breaking changes."
          />
        </div>
        <TextArea
          label="Intro"
          value={template.intro}
          disabled={disabled}
          testId="template-intro"
          {...err('template.intro')}
          onChange={(intro) => setTemplate({ intro })}
          hint="Placeholders: {project}, {projectKey}, {version}, {releaseDate}, {issueCount}."
        />
        <div style={grid}>
          <TextInput label="Internal label" value={template.internalLabel} disabled={disabled} {...err('template.internalLabel')} onChange={(internalLabel) => setTemplate({ internalLabel })} />
          <TextInput label="Breaking-change label" value={template.breakingLabel} disabled={disabled} {...err('template.breakingLabel')} onChange={(breakingLabel) => setTemplate({ breakingLabel })} />
          <TextInput
            label="Section for other issues"
            value={template.otherSectionTitle}
            disabled={disabled}
            placeholder="(leave them out)"
            {...err('template.otherSectionTitle')}
            onChange={(otherSectionTitle) => setTemplate({ otherSectionTitle })}
          />
        </div>
        <Checkbox label="Link each item to its Jira issue" checked={template.linkIssues} disabled={disabled} onChange={(linkIssues) => setTemplate({ linkIssues })} />
      </Group>

      <Group title="Sections" hint={`An issue goes into the first section that takes it: any of the issue types, labels or components. Issue types here: ${catalog.issueTypes.join(', ') || 'none'}. Components: ${catalog.components.join(', ') || 'none'}.`}>
        {template.sections.map((section, index) => (
          <div key={section.id} data-testid={`template-section-${index}`} style={{ border: `1px solid ${color.border}`, borderRadius: radius, padding: space.s150, display: 'flex', flexDirection: 'column', gap: space.s100 }}>
            <div style={{ display: 'flex', gap: space.s100, alignItems: 'flex-end' }}>
              <div style={{ flex: 1 }}>
                <TextInput label={`Section ${index + 1}`} value={section.title} disabled={disabled} testId={`section-title-${index}`} {...err(`template.sections.${index}.title`)} onChange={(title) => setSection(index, { title })} />
              </div>
              <Button appearance="subtle" isDisabled={disabled || index === 0} onClick={() => setTemplate({ sections: moveSection(template.sections, index, -1) })} aria-label={`Move ${section.title} up`}>
                ↑
              </Button>
              <Button
                appearance="subtle"
                isDisabled={disabled || index === template.sections.length - 1}
                onClick={() => setTemplate({ sections: moveSection(template.sections, index, 1) })}
                aria-label={`Move ${section.title} down`}
              >
                ↓
              </Button>
              <Button appearance="subtle" isDisabled={disabled} onClick={() => setTemplate({ sections: template.sections.filter((_, i) => i !== index) })}>
                Remove
              </Button>
            </div>
            <div style={sectionGrid}>
              <ListInput label="Issue types" value={section.issueTypes} disabled={disabled} testId={`section-types-${index}`} {...err(`template.sections.${index}.issueTypes`)} onChange={(issueTypes) => setSection(index, { issueTypes })} />
              <ListInput label="Labels" value={section.labels} disabled={disabled} {...err(`template.sections.${index}.labels`)} onChange={(labels) => setSection(index, { labels })} />
              <ListInput label="Components" value={section.components} disabled={disabled} {...err(`template.sections.${index}.components`)} onChange={(components) => setSection(index, { components })} />
              <SelectInput label="Which issues" value={section.status} options={STATUS_OPTIONS} disabled={disabled} onChange={(status) => setSection(index, { status })} />
            </div>
          </div>
        ))}
        <div>
          <Button isDisabled={disabled || template.sections.length >= 20} onClick={() => setTemplate({ sections: [...template.sections, newSection(template.sections)] })} testId="add-section">
            Add section
          </Button>
        </div>
      </Group>

      <Group title="Publishing">
        <Checkbox label="Publish to Confluence when the version is released in Jira" checked={publishing.autoPublish} disabled={disabled} testId="template-auto-publish" onChange={(autoPublish) => setPublishing({ autoPublish })} />
        <ConfluencePlacePicker
          spaceKey={publishing.spaceKey}
          parentPageId={publishing.parentPageId}
          defaultSpaceKey={siteSpaceKey}
          isDisabled={disabled}
          spaceError={errorAt(errors, 'publishing.spaceKey')}
          pageError={errorAt(errors, 'publishing.parentPageId')}
          onChange={(place) => setPublishing({ spaceKey: place.spaceKey, parentPageId: place.parentPageId })}
        />
      </Group>
    </div>
  );
}

const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: space.s150 } as const;
const sectionGrid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: space.s100 } as const;

function Group({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: space.s150 }}>
      <legend style={{ font: font.body, fontWeight: 600, color: color.text, padding: 0, marginBottom: space.s100 }}>{title}</legend>
      {hint && <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>{hint}</p>}
      {children}
    </fieldset>
  );
}
