/** Chooses the versions (of this and related projects) a version depends on. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { CalendarVersion, ErrorBody, ReleaseCalendarView } from '../../../../src/contract';
import { ErrorMessage } from '../components/ErrorMessage';
import { color, font, space } from '../design';
import { Checkbox, EditorPanel } from './form-controls';
import { versionRef } from './plan-model';
import { type Mutate, versionLabel } from './editor-parts';

export function DependencyEditor({ view, version, mutate, onClose }: { view: ReleaseCalendarView; version: CalendarVersion; mutate: Mutate; onClose: (message?: string, view?: ReleaseCalendarView) => void }) {
  const candidates = view.versions.filter((v) => v.projectKey !== version.projectKey && !v.released);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(version.dependsOn.map((d) => versionRef(d.projectKey, d.versionId))));
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ErrorBody>();
  const save = async () => {
    setBusy(true);
    setServerError(undefined);
    const dependsOn = [...chosen].map((ref) => {
      const [projectKey, versionId] = ref.split('/') as [string, string];
      return { projectKey, versionId };
    });
    const outcome = await mutate('setVersionDependencies', { versionId: version.id, dependsOn });
    setBusy(false);
    if (!outcome.ok) return setServerError(outcome.error);
    onClose(`Saved the dependencies of ${version.name}.`, outcome.view);
  };
  const byProject = new Map<string, CalendarVersion[]>();
  for (const c of candidates) byProject.set(c.projectKey, [...(byProject.get(c.projectKey) ?? []), c]);
  return (
    <EditorPanel title={`${version.name} depends on`} onCancel={() => onClose()} testId="dependency-editor">
      {candidates.length === 0 ? (
        <p style={{ margin: 0, color: color.textSubtle }}>No unreleased versions of other projects are shown. Add the projects it depends on as related projects (Release settings), then choose their versions here.</p>
      ) : (
        [...byProject].map(([projectKey, versions]) => (
          <fieldset key={projectKey} style={{ border: 'none', margin: 0, padding: 0 }}>
            <legend style={{ font: font.small, fontWeight: 600, color: color.textSubtle, marginBottom: 4 }}>{view.projects.find((p) => p.key === projectKey)?.name ?? projectKey}</legend>
            <div style={{ display: 'flex', gap: space.s150, flexWrap: 'wrap' }}>
              {versions.map((v) => {
                const ref = versionRef(v.projectKey, v.id);
                return (
                  <Checkbox
                    key={ref}
                    label={versionLabel(v)}
                    checked={chosen.has(ref)}
                    onChange={(checked) =>
                      setChosen((current) => {
                        const next = new Set(current);
                        if (checked) next.add(ref);
                        else next.delete(ref);
                        return next;
                      })
                    }
                  />
                );
              })}
            </div>
          </fieldset>
        ))
      )}
      {serverError && <ErrorMessage title="The dependencies were not saved" error={serverError} />}
      <div style={{ display: 'flex', gap: space.s100 }}>
        <Button appearance="primary" onClick={() => void save()} isDisabled={busy || candidates.length === 0} testId="dependencies-save">
          Save dependencies
        </Button>
        <Button onClick={() => onClose()}>Cancel</Button>
      </div>
    </EditorPanel>
  );
}

