import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, ReleaseNotesSettingsView } from '../../../../src/contract';
import { ErrorMessage, SaveError } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { fieldErrors, formLevelError } from '../field-errors';
import { invoke } from '../platform';
import { sameTemplate } from './notes-model';
import { TEMPLATE_FIELD_LABELS, type TemplateDraft, TemplateEditor } from './TemplateEditor';

/**
 * The settings page's "Release notes" section: the project's template and where notes are
 * published. The preview lives on the Releases page (Release notes tab).
 */
export function ReleaseNotesSettingsSection({ projectKey }: { projectKey?: string }) {
  const [view, setView] = useState<ReleaseNotesSettingsView>();
  const [error, setError] = useState<ErrorBody>();
  const [draft, setDraft] = useState<TemplateDraft>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorBody>();
  const [saved, setSaved] = useState(false);

  const load = useCallback(() => {
    setError(undefined);
    void invoke('getReleaseNotesSettings', {}).then((result) => {
      if (!result.ok) return setError(result.error);
      setView(result.data);
      setDraft({ template: result.data.settings.template, publishing: result.data.settings.publishing });
    });
  }, []);
  useEffect(() => load(), [load]);

  const dirty = !!(view && draft && (!sameTemplate(view.settings.template, draft.template) || JSON.stringify(view.settings.publishing) !== JSON.stringify(draft.publishing)));

  const saveFieldErrors = fieldErrors(saveError, TEMPLATE_FIELD_LABELS);

  const save = () => {
    if (!draft || !view) return;
    setSaving(true);
    setSaveError(undefined);
    void invoke('saveReleaseNotesSettings', { ...draft, revision: view.revision }).then((result) => {
      setSaving(false);
      if (!result.ok) return setSaveError(result.error);
      setView(result.data);
      setDraft({ template: result.data.settings.template, publishing: result.data.settings.publishing });
      setSaved(true);
    });
  };

  return (
    <section data-testid="release-notes-settings" aria-labelledby="release-notes-settings-heading" style={{ display: 'flex', flexDirection: 'column', gap: space.s150 }}>
      <Heading size="medium" as="h2" id="release-notes-settings-heading">
        Release notes
      </Heading>
      <p style={{ margin: 0, font: font.body, color: color.textSubtle }}>
        How {projectKey ?? 'this project'}&apos;s release notes are generated from the issues of a version, and where they are published in
        Confluence. Preview them on the Releases page, Release notes tab.
      </p>
      {error && <ErrorMessage title="Could not load the release-notes settings" error={error} onRetry={load} />}
      {!view && !error && <Spinner label="Loading release-notes settings" />}
      {view && draft && (
        <>
          {!view.canEdit && (
            <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>Only administrators of the project and its release managers can change these settings.</p>
          )}
          {view.problems.length > 0 && !dirty && (
            <ErrorMessage title="The saved template has problems" error={{ code: 'VALIDATION', message: 'Fix these, then save.', details: view.problems }} />
          )}
          <TemplateEditor
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              setSaved(false);
            }}
            catalog={view.catalog}
            siteSpaceKey={view.target?.spaceKey}
            disabled={!view.canEdit || saving}
            errors={saveFieldErrors}
          />
          {saveError && (
            <SaveError
              title="The settings were not saved"
              error={formLevelError(saveError, saveFieldErrors)}
              onReload={() => {
                setSaveError(undefined);
                load();
              }}
            />
          )}
          {view.canEdit && (
            <div style={{ display: 'flex', gap: space.s100, alignItems: 'center' }}>
              <Button appearance="primary" isDisabled={!dirty || saving} onClick={save} testId="notes-settings-save">
                {saving ? 'Saving…' : 'Save release-notes settings'}
              </Button>
              <Button appearance="subtle" isDisabled={!dirty || saving} onClick={() => setDraft({ template: view.settings.template, publishing: view.settings.publishing })}>
                Discard changes
              </Button>
              {saved && !dirty && <span style={{ font: font.small, color: color.textSuccess }}>Saved.</span>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
