/**
 * Files each ingested deployment in the KPI index (per project and month, src/domain/deployments/
 * deployment-index.ts) and reads it back for a KPI run. Filing is idempotent by deployment id, so
 * the web trigger files replays too: an event whose filing failed once is filed on its retry.
 */
import type { StoredDeployment } from '../domain/deployments/deployment-event';
import {
  type DeploymentIndexDoc,
  type IndexedDeployment,
  appendToIndex,
  indexedDeploymentOf,
  monthOfInstant,
  projectsOfDeployment,
  removeFromIndex,
} from '../domain/deployments/deployment-index';
import type { KeyValueStore } from '../ports';
import { keys } from '../store/keys';
import { updateVersioned } from '../store/versioned-update';
import { mapWithConcurrency } from './concurrency';
import { markKpiInputsChanged } from './kpi-inputs-mark';

/** Parts a month may grow to before filing refuses (200 KiB each: far beyond any real pipeline). */
const MAX_PARTS = 50;

class PartFull extends Error {}

/**
 * Files the event under every project it names; returns those projects. With `previous` (a status
 * update or a correction of the same id), the old entry is taken out first wherever it was filed,
 * so a changed month or project never leaves it counted twice.
 */
export async function indexDeploymentForKpis(store: KeyValueStore, event: StoredDeployment, previous?: StoredDeployment): Promise<string[]> {
  const projects = projectsOfDeployment(event);
  const entry = indexedDeploymentOf(event);
  const month = monthOfInstant(entry.at);
  if (previous) {
    const before = monthOfInstant(indexedDeploymentOf(previous).at);
    for (const projectKey of projectsOfDeployment(previous)) {
      if (before !== month || !projects.includes(projectKey)) await removeEntry(store, projectKey, before, previous.deploymentId);
    }
  }
  for (const projectKey of projects) await fileEntry(store, projectKey, month, entry);
  // Marked even when a replay found everything filed: the run that filed it may have died before marking.
  for (const projectKey of new Set([...projects, ...(previous ? projectsOfDeployment(previous) : [])])) await markKpiInputsChanged(store, { projectKey });
  return projects;
}

/** Takes a deployment out of the KPI index (it was deleted). */
export async function unindexDeployment(store: KeyValueStore, event: StoredDeployment): Promise<void> {
  const month = monthOfInstant(indexedDeploymentOf(event).at);
  for (const projectKey of projectsOfDeployment(event)) {
    await removeEntry(store, projectKey, month, event.deploymentId);
    await markKpiInputsChanged(store, { projectKey });
  }
}

async function removeEntry(store: KeyValueStore, projectKey: string, month: string, id: string): Promise<void> {
  for (let part = 0; part < MAX_PARTS; part++) {
    const key = keys.kpiDeployments(projectKey, month, part);
    if (!(await store.getVersioned<DeploymentIndexDoc>(key))) return;
    await updateVersioned<DeploymentIndexDoc>(store, key, () => ({ entries: [] }), (doc) => removeFromIndex(doc, id));
  }
}

async function fileEntry(store: KeyValueStore, projectKey: string, month: string, entry: IndexedDeployment): Promise<void> {
  // A full part never takes entries again, so an id already filed is found in order.
  for (let part = 0; part < MAX_PARTS; part++) {
    try {
      await updateVersioned<DeploymentIndexDoc>(store, keys.kpiDeployments(projectKey, month, part), () => ({ entries: [] }), (doc) => {
        const next = appendToIndex(doc, entry);
        if (next === 'present') return undefined;
        if (next === 'full') throw new PartFull();
        return next;
      });
      return;
    } catch (error) {
      if (!(error instanceof PartFull)) throw error;
    }
  }
  throw new Error(`The deployment index of ${projectKey} for ${month} is full.`);
}

/** Every filed deployment of a project in the given months (oldest first). */
export async function readDeploymentIndex(store: KeyValueStore, projectKey: string, months: string[]): Promise<IndexedDeployment[]> {
  const perMonth = await mapWithConcurrency(months, 6, async (month) => {
    const entries: IndexedDeployment[] = [];
    for (let part = 0; part < MAX_PARTS; part++) {
      const doc = await store.getVersioned<DeploymentIndexDoc>(keys.kpiDeployments(projectKey, month, part));
      if (!doc) break;
      entries.push(...doc.value.entries);
    }
    return entries;
  });
  return perMonth.flat().sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}
