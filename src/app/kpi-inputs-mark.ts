/**
 * Marks that a project's KPI inputs changed, after the write it marks. Every writer of facts,
 * version history, Go/No-Go decisions, weekly snapshots and deployments calls it; the stored KPI
 * view (src/app/kpi-view-store.ts) names the mark it was computed at and is computed again once the
 * mark moved.
 *
 * Deployment writers know only the project key. A view is stored only after the key's project id
 * was written (kpiProjectOfKey), so a writer that finds no id has no stored view to outdate: the
 * view computed after it reads its data.
 */
import type { KeyValueStore } from '../ports';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';

export async function markKpiInputsChanged(store: KeyValueStore, project: { projectId: string } | { projectKey: string }): Promise<void> {
  const projectId = 'projectId' in project ? project.projectId : (await store.get<{ projectId: string }>(keys.kpiProjectOfKey(project.projectKey)))?.projectId;
  if (projectId === undefined) return;
  await updateVersioned<{ n: number }>(store, keys.kpiInputsMark(projectId), () => ({ n: 0 }), (doc) => ({ n: doc.n + 1 }));
}
