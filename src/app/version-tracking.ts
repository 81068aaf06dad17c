import { type ProjectVersionHistory, type VersionObservation, recordObservation } from '../domain/versions/version-history';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import type { AppDeps } from './deps';
import { markKpiInputsChanged } from './kpi-inputs-mark';

export function observationOf(
  version: { id: string | number; name: string; startDate?: string | undefined; releaseDate?: string | undefined; released?: boolean | undefined },
  observedAt: string, source: VersionObservation['source']): VersionObservation {
  return {
    versionId: String(version.id),
    name: version.name,
    startDate: version.startDate ?? null,
    releaseDate: version.releaseDate ?? null,
    released: version.released === true,
    observedAt,
    source,
  };
}

/** Records what changed in a project's versions: one store read and at most one write. */
export async function recordVersionObservations(deps: AppDeps, projectId: string, observations: VersionObservation[]): Promise<{ written: boolean }> {
  const { written } = await updateVersioned<ProjectVersionHistory>(
    deps.store,
    keys.versionHistory(projectId),
    () => ({ projectId, versions: {} }),
    (current) => {
      let history = current;
      let changed = false;
      for (const observation of observations) {
        const result = recordObservation(history, observation);
        history = result.history;
        changed ||= result.changed;
      }
      return changed ? history : undefined;
    },
  );
  // Marked even when nothing changed: an event retried after a run that died before marking.
  await markKpiInputsChanged(deps.store, { projectId });
  return { written };
}

export async function readVersionHistory(deps: AppDeps, projectId: string): Promise<ProjectVersionHistory | undefined> {
  return (await deps.store.getVersioned<ProjectVersionHistory>(keys.versionHistory(projectId)))?.value;
}
