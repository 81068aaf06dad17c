import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ErrorBody, NotesPublication, ReleaseNotesSession, ReleaseNotesSettingsView } from '../../../../src/contract';
import { ErrorMessage, SaveError } from '../components/ErrorMessage';
import { formatDateTime } from '../date-format';
import { useProjectTime } from '../project-time';
import { color, font, radius, space } from '../design';
import { invoke, openInNewTab } from '../platform';
import { copyText, downloadText } from '../download';
import { NotesPreview } from '../release-notes/NotesPreview';
import { fieldErrors, formLevelError } from '../field-errors';
import { defaultVersionId, orderVersions, publicationSummary, sameTemplate, versionLabel } from '../release-notes/notes-model';
import { TEMPLATE_FIELD_LABELS, type TemplateDraft, TemplateEditor } from '../release-notes/TemplateEditor';
import { useCheckedTemplate, useRenderedNotes } from '../release-notes/use-notes-preview';

interface Props {
  projectKey: string;
  /** A version chosen elsewhere (the overview's "Release notes" action). */
  initialVersionId?: string;
}

type Load<T> = { data?: T; error?: ErrorBody; loading: boolean };

/**
 * Release notes of a version: preview, Markdown download, publication to Confluence with the
 * "overwrite an edited page?" question, and the project's template editor whose unsaved changes
 * the preview shows at once. One call opens the page with the version's issues; every template
 * edit re-renders them here with the server's own pure code (src/domain/release-notes), so an
 * editing session reads the version once. A template naming a custom field the loaded issues lack
 * reads the version again with it; choosing another version reads that version.
 */
export function ReleaseNotesPage({ projectKey, initialVersionId }: Props) {
  const [settings, setSettings] = useState<Load<ReleaseNotesSettingsView>>({ loading: true });
  const [versionId, setVersionId] = useState<string>();
  const [draft, setDraft] = useState<TemplateDraft>();
  const [editing, setEditing] = useState(false);
  const [session, setSession] = useState<Load<ReleaseNotesSession>>({ loading: false });
  const [publishing, setPublishing] = useState(false);
  const [publishError, setPublishError] = useState<ErrorBody>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ErrorBody>();
  const [savedNotice, setSavedNotice] = useState(false);
  const [showMarkdown, setShowMarkdown] = useState(false);
  const [copyNote, setCopyNote] = useState<string>();
  const latestLoad = useRef(0);

  const applySettings = useCallback((view: ReleaseNotesSettingsView) => {
    setSettings({ loading: false, data: view });
    setDraft({ template: view.settings.template, publishing: view.settings.publishing });
  }, []);

  // The page's one call on opening: settings and the first version's issues together.
  const open = useCallback(() => {
    const request = ++latestLoad.current;
    setSettings((s) => ({ ...s, loading: true }));
    void invoke('openReleaseNotes', initialVersionId ? { versionId: initialVersionId } : {}).then((result) => {
      if (!result.ok) return setSettings({ loading: false, error: result.error });
      applySettings(result.data.settings);
      if (request !== latestLoad.current) return;
      const first = result.data.session;
      setVersionId(first?.source.version.id ?? defaultVersionId(result.data.settings.versions, initialVersionId));
      setSession(first ? { loading: false, data: first } : { loading: false });
    });
  }, [initialVersionId, applySettings]);

  // After a refused save: the settings again, without reading the version's issues.
  const reloadSettings = useCallback(() => {
    void invoke('getReleaseNotesSettings', {}).then((result) => {
      if (!result.ok) return setSettings((s) => ({ ...s, error: result.error }));
      applySettings(result.data);
    });
  }, [applySettings]);

  const loadSession = useCallback((id: string, fields?: string[]) => {
    const request = ++latestLoad.current;
    setSession((s) => ({ ...s, loading: true }));
    void invoke('loadReleaseNotesSession', fields?.length ? { versionId: id, fields } : { versionId: id }).then((result) => {
      if (request !== latestLoad.current) return;
      setSession((s) => (result.ok ? { loading: false, data: result.data } : { loading: false, error: result.error, ...(s.data ? { data: s.data } : {}) }));
    });
  }, []);

  useEffect(() => open(), [open]);
  useEffect(() => {
    if (initialVersionId) setVersionId(initialVersionId);
  }, [initialVersionId]);

  const saved = settings.data?.settings;
  const dirty = !!(draft && saved && (!sameTemplate(draft.template, saved.template) || JSON.stringify(draft.publishing) !== JSON.stringify(saved.publishing)));
  const templateDirty = !!(draft && saved && !sameTemplate(draft.template, saved.template));
  const loaded = session.data?.source;

  // Another version chosen: its issues (a new session). The open call already read the first one.
  useEffect(() => {
    if (!versionId || !settings.data || session.loading || session.error) return;
    if (loaded?.version.id !== versionId) loadSession(versionId);
  }, [versionId, settings.data, loaded, session.loading, session.error, loadSession]);

  const { shown, check, recheck } = useCheckedTemplate(draft?.template, saved?.template, templateDirty);
  const { render: shownRender, missing } = useRenderedNotes(loaded, shown, versionId);

  // A template reading a custom field the loaded issues lack: read the version again with it.
  useEffect(() => {
    if (loaded && missing.length && !session.loading && !session.error) loadSession(loaded.version.id, [...loaded.fields, ...missing]);
  }, [loaded, missing, session.loading, session.error, loadSession]);

  const versions = useMemo(() => orderVersions(settings.data?.versions ?? []), [settings.data]);

  const publish = (force: boolean) => {
    if (!versionId) return;
    setPublishing(true);
    setPublishError(undefined);
    void invoke('publishReleaseNotes', force ? { versionId, force: true } : { versionId }).then((result) => {
      setPublishing(false);
      if (!result.ok) return setPublishError(result.error);
      setSession((s) => (s.data ? { ...s, data: { ...s.data, publication: result.data.publication } } : s));
    });
  };

  const save = () => {
    if (!draft || !settings.data) return;
    setSaving(true);
    setSaveError(undefined);
    setSavedNotice(false);
    void invoke('saveReleaseNotesSettings', { ...draft, revision: settings.data.revision }).then((result) => {
      setSaving(false);
      if (!result.ok) return setSaveError(result.error);
      applySettings(result.data);
      setSavedNotice(true);
    });
  };

  if (!settings.data) {
    if (settings.error) return <ErrorMessage title="Could not load the release notes" error={settings.error} onRetry={open} />;
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
        <Spinner size="large" label="Loading release notes" />
      </div>
    );
  }

  const view = settings.data;
  const data = shownRender && session.data ? { ...shownRender, publication: session.data.publication } : undefined;
  const previewLoading = session.loading || check.loading || missing.length > 0;
  const previewError = (templateDirty ? check.error : undefined) ?? session.error;
  const previewFieldErrors = fieldErrors(templateDirty ? check.error : undefined, TEMPLATE_FIELD_LABELS);
  const saveFieldErrors = fieldErrors(saveError, TEMPLATE_FIELD_LABELS);
  const editorErrors = Object.keys(saveFieldErrors.byPath).length ? saveFieldErrors : previewFieldErrors;
  const previewRefusedFields = Object.keys(previewFieldErrors.byPath).length > 0;
  const canPublish = view.canEdit && !!data && !data.document.empty && !!view.target && !templateDirty;
  const publication = data?.publication ?? null;

  return (
    <div data-testid="release-notes-page" style={{ display: 'flex', flexDirection: 'column', gap: space.s200 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.s100, alignItems: 'center' }}>
        <label style={{ font: font.body, color: color.textSubtle }} htmlFor="notes-version">
          Version
        </label>
        <select
          id="notes-version"
          data-testid="notes-version"
          className="rr-select"
          value={versionId ?? ''}
          onChange={(e) => {
            setVersionId(e.currentTarget.value);
            setSession((s) => ({ ...s, error: undefined }));
            setPublishError(undefined);
          }}
          style={{ font: font.body, color: color.text, background: color.bgInput, border: `1px solid ${color.borderInput}`, borderRadius: radius, height: 32, padding: `0 ${space.s100}`, minWidth: 240 }}
        >
          {versions.length === 0 && <option value="">No versions in {projectKey}</option>}
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {versionLabel(v)}
            </option>
          ))}
        </select>
        <div style={{ flex: 1 }} />
        <Button isDisabled={!data} onClick={() => data && downloadText(data.fileName, data.markdown)} testId="notes-download">
          Download Markdown
        </Button>
        <Button
          appearance="subtle"
          isDisabled={!data}
          onClick={() => {
            if (!data) return;
            void copyText(data.markdown).then((ok) => {
              setCopyNote(ok ? 'Markdown copied.' : 'This frame may not use the clipboard: copy the Markdown below.');
              if (!ok) setShowMarkdown(true);
            });
          }}
        >
          Copy Markdown
        </Button>
        <Button appearance="subtle" isDisabled={!data} isSelected={showMarkdown} onClick={() => setShowMarkdown((s) => !s)} testId="notes-show-markdown">
          {showMarkdown ? 'Hide Markdown' : 'Show Markdown'}
        </Button>
        {view.canEdit && (
          <Button appearance="primary" isDisabled={!canPublish || publishing} onClick={() => publish(false)} testId="notes-publish">
            {publishing ? 'Publishing…' : publication?.status === 'published' ? 'Publish again' : 'Publish to Confluence'}
          </Button>
        )}
      </div>

      {copyNote && <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>{copyNote}</p>}
      {!view.target && (
        <SectionMessage appearance="warning" title="No Confluence space for release notes">
          <p>Choose a Confluence space in the template settings below (Publishing) or in the site&apos;s report settings to publish release notes.</p>
        </SectionMessage>
      )}
      {view.canEdit && templateDirty && (
        <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>The preview shows your unsaved template. Save it to publish with it.</p>
      )}
      {!view.canEdit && (
        <p data-testid="notes-read-only" style={{ margin: 0, font: font.small, color: color.textSubtle }}>
          Only administrators of {projectKey} and its release managers can publish release notes and change the template.
        </p>
      )}
      {view.problems.length > 0 && !dirty && (
        <SectionMessage appearance="warning" title="The saved template has problems">
          <ul>
            {view.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </SectionMessage>
      )}
      {publishError && <ErrorMessage title="Could not publish the release notes" error={publishError} />}
      <PublicationMessage publication={publication} canEdit={view.canEdit} onOverwrite={() => publish(true)} busy={publishing} />

      <div style={{ display: 'flex', gap: space.s300, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: '2 1 520px', minWidth: 0, display: 'flex', flexDirection: 'column', gap: space.s150 }}>
          {previewError && previewRefusedFields && (
            <SectionMessage appearance="warning" title={data ? 'The preview shows the last valid template' : 'The template cannot be previewed yet'} testId="notes-preview-stale">
              <p style={{ margin: 0 }}>{Object.values(previewFieldErrors.byPath).join(' ')} Fix it in the template editor; the preview follows.</p>
            </SectionMessage>
          )}
          {previewError && !previewRefusedFields && (
            <ErrorMessage
              title="Could not generate the release notes"
              error={previewError}
              onRetry={() => {
                if (session.error && versionId) loadSession(versionId, loaded?.fields);
                else recheck();
              }}
            />
          )}
          {!data && previewLoading && (
            <div style={{ display: 'flex', justifyContent: 'center', padding: space.s400 }}>
              <Spinner size="large" label="Generating release notes" />
            </div>
          )}
          {data && (
            <div style={{ opacity: previewLoading ? 0.6 : 1, transition: 'opacity 120ms' }} aria-busy={previewLoading}>
              <NotesPreview document={data.document} />
            </div>
          )}
          {data && showMarkdown && (
            <textarea
              readOnly
              aria-label="Release notes as Markdown"
              data-testid="notes-markdown"
              value={data.markdown}
              style={{ font: 'normal 400 12px/18px ui-monospace, SFMono-Regular, Menlo, monospace', color: color.text, background: color.surfaceSunken, border: `1px solid ${color.border}`, borderRadius: radius, minHeight: 240, padding: space.s100 }}
            />
          )}
        </div>

        {view.canEdit && draft && (
          <aside style={{ flex: '1 1 360px', minWidth: 0, display: 'flex', flexDirection: 'column', gap: space.s150 }} aria-label="Release-notes template">
            <div style={{ display: 'flex', alignItems: 'center', gap: space.s100 }}>
              <h2 style={{ margin: 0, fontSize: 16, fontWeight: 600, color: color.text, flex: 1 }}>Template for {projectKey}</h2>
              <Button appearance="subtle" onClick={() => setEditing((e) => !e)} testId="notes-edit-template" isSelected={editing}>
                {editing ? 'Close editor' : 'Edit template'}
              </Button>
            </div>
            {!editing && (
              <p style={{ margin: 0, font: font.small, color: color.textSubtle }}>
                {view.isDefault ? 'The default template: ' : ''}
                {draft.template.sections.map((s) => s.title).join(', ')} · for {draft.template.audience === 'customer' ? 'customers' : 'the team'} ·{' '}
                {draft.publishing.autoPublish ? 'published when the version is released' : 'published on demand only'}
                {view.target ? ` to ${view.target.spaceKey}` : ''}.
              </p>
            )}
            {editing && (
              <>
                <TemplateEditor draft={draft} onChange={(next) => {
                    setDraft(next);
                    setSavedNotice(false);
                  }} catalog={view.catalog} siteSpaceKey={view.target?.spaceKey} disabled={saving} errors={editorErrors} />
                {saveError && (
                  <SaveError
                    title="The template was not saved"
                    error={formLevelError(saveError, saveFieldErrors)}
                    onReload={() => {
                      setSaveError(undefined);
                      reloadSettings();
                    }}
                  />
                )}
                {savedNotice && !dirty && <p style={{ margin: 0, font: font.small, color: color.textSuccess }}>Saved.</p>}
                <div style={{ display: 'flex', gap: space.s100 }}>
                  <Button appearance="primary" isDisabled={!dirty || saving} onClick={save} testId="notes-save-template">
                    {saving ? 'Saving…' : 'Save template'}
                  </Button>
                  <Button appearance="subtle" isDisabled={!dirty || saving} onClick={() => saved && setDraft({ template: saved.template, publishing: saved.publishing })}>
                    Discard changes
                  </Button>
                </div>
              </>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}

function PublicationMessage({ publication, canEdit, onOverwrite, busy }: { publication: NotesPublication | null; canEdit: boolean; onOverwrite: () => void; busy: boolean }) {
  const { timeZone } = useProjectTime();
  const summary = publicationSummary(publication, (iso) => formatDateTime(iso, timeZone));
  if (!summary || !publication) return null;
  const pageUrl = publication.status === 'needs-confirmation' ? publication.conflict?.pageUrl : publication.pageUrl;
  const actions = [
    ...(publication.status === 'needs-confirmation' && canEdit
      ? [
          <SectionMessageAction key="overwrite" onClick={busy ? undefined : onOverwrite} testId="notes-overwrite">
            Overwrite the page
          </SectionMessageAction>,
        ]
      : []),
    ...(pageUrl
      ? [
          <SectionMessageAction key="open" onClick={() => void openInNewTab(pageUrl).catch(() => undefined)}>
            Open in Confluence
          </SectionMessageAction>,
        ]
      : []),
  ];
  return (
    <div data-testid="notes-publication" data-status={publication.status}>
      <SectionMessage appearance={summary.tone === 'information' ? 'information' : summary.tone} title={summary.title} actions={actions}>
        <p>{summary.text}</p>
      </SectionMessage>
    </div>
  );
}
