/**
 * Which issues release roll-up entries read something of: their blockers, open sub-tasks and open
 * linked issues (src/domain/readiness/facts.ts). A status or priority change of an issue no entry
 * reads cannot change any roll-up but the issue's own, so its event is applied from its changelog;
 * a referenced one is read, and the read re-reads the issues that depend on it.
 *
 * One small document per project key of the referenced issues, grown before the entries that read
 * them are written (a superset: an issue no longer read stays listed, which only costs a read).
 * Past REFERENCES_MAX_BYTES it says "everything", and every such change is read as before.
 */
import type { IssueFacts } from '../../domain/readiness/facts';
import { jsonBytes } from '../../domain/json-size';
import type { KeyValueStore } from '../../ports';
import { keys } from '../../store/keys';
import { updateVersioned } from '../../store/versioned-update';

export interface ReferencesDoc {
  keys: string[];
  /** Too many to list: treat every issue of the project as referenced. */
  all?: true;
}

export const REFERENCES_MAX_BYTES = 160 * 1024;

const projectKeyOf = (issueKey: string) => issueKey.slice(0, issueKey.lastIndexOf('-'));

/** The keys a stored entry reads. */
export function referencedKeys(facts: Pick<IssueFacts, 'blockers' | 'subtasks' | 'linked'>): string[] {
  return [...facts.blockers, ...facts.subtasks.open, ...facts.linked].map((l) => l.key);
}

/** Adds the keys these entries read; writes only when one is new. */
export async function recordReferences(store: KeyValueStore, entries: ReadonlyArray<Pick<IssueFacts, 'blockers' | 'subtasks' | 'linked'>>): Promise<void> {
  const byProject = new Map<string, Set<string>>();
  for (const key of entries.flatMap(referencedKeys)) {
    const project = projectKeyOf(key);
    if (!project) continue;
    byProject.set(project, (byProject.get(project) ?? new Set()).add(key));
  }
  for (const [project, wanted] of byProject) {
    await updateVersioned<ReferencesDoc>(store, keys.readinessReferences(project), () => ({ keys: [] }), (doc) => {
      if (doc.all) return undefined;
      const known = new Set(doc.keys);
      const added = [...wanted].filter((key) => !known.has(key));
      if (!added.length) return undefined;
      const next = { keys: [...doc.keys, ...added] };
      return jsonBytes(next) > REFERENCES_MAX_BYTES ? { keys: [], all: true } : next;
    });
  }
}

/** Whether some roll-up entry may read this issue. */
export async function isReferenced(store: KeyValueStore, issueKey: string): Promise<boolean> {
  const doc = (await store.getVersioned<ReferencesDoc>(keys.readinessReferences(projectKeyOf(issueKey))))?.value;
  return !!doc && (doc.all === true || doc.keys.includes(issueKey));
}
