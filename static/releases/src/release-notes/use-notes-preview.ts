/** The notes page's preview, computed in the browser from the issues the page loaded once. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorBody, ReleaseNotesTemplate } from '../../../../src/contract';
import { type NotesSource, missingTemplateFields, renderNotesPreview } from '../../../../src/domain/release-notes/release-notes';
import { invoke } from '../platform';

/** Waits this long after the last template edit before checking it. */
const CHECK_DEBOUNCE_MS = 400;

/**
 * The template the preview shows: the saved one, or the last unsaved one the server accepted. The
 * server checks edits with the schema and words it saves with (`checkReleaseNotesTemplate` reads
 * neither Jira nor storage), after a pause so typing stays smooth; a refused template keeps the
 * last good one on screen and `check.error` names the fields.
 */
export function useCheckedTemplate(draft: ReleaseNotesTemplate | undefined, saved: ReleaseNotesTemplate | undefined, dirty: boolean) {
  const [shown, setShown] = useState<ReleaseNotesTemplate>();
  const [check, setCheck] = useState<{ loading: boolean; error?: ErrorBody }>({ loading: false });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!draft || !saved) return;
    if (!dirty) {
      ++latest.current;
      setShown(saved);
      setCheck({ loading: false });
      return;
    }
    const timer = setTimeout(() => {
      const request = ++latest.current;
      setCheck((c) => ({ ...c, loading: true }));
      void invoke('checkReleaseNotesTemplate', { template: draft }).then((result) => {
        if (request !== latest.current) return;
        if (result.ok) setShown(draft);
        setCheck(result.ok ? { loading: false } : { loading: false, error: result.error });
      });
    }, CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, saved, dirty, attempt]);

  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { shown, check, recheck };
}

/**
 * The notes of the loaded version with `template`, rendered by the server's own pure code. While
 * the template reads a custom field the loaded issues lack (`missing`: the page reads them again),
 * the last render stays on screen.
 */
export function useRenderedNotes(source: NotesSource | undefined, template: ReleaseNotesTemplate | undefined, versionId: string | undefined) {
  const missing = useMemo(() => (source && template ? missingTemplateFields(source, template) : []), [source, template]);
  const last = useRef<ReturnType<typeof renderNotesPreview>>();
  const current = useMemo(() => {
    if (!source || !template || missing.length || source.version.id !== versionId) return undefined;
    return renderNotesPreview(source, template);
  }, [source, template, missing, versionId]);
  if (current) last.current = current;
  const render = current ?? (source?.version.id === versionId ? last.current : undefined);
  return { render, missing };
}
