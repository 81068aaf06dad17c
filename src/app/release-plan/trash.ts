/**
 * The project's trash of plan deletes: each delete of a slot, window or environment writes the
 * record here in the same transaction that removes it, so Undo (./undo.ts) can put it back.
 */
import type { PlanSlot, PlanWindow } from '../../contract-release-plan';
import { keys } from '../../store/keys';
import { type InvocationContext, requireProject } from '../invocation-context';
import type { StoredEnvironment } from './documents';

/** How long a deleted record stays restorable: the page's 10 s and room for a slow network. */
export const TRASH_RETENTION_MS = 15 * 60 * 1000;
export const MAX_TRASH_ITEMS = 100;
/** Well under the 240 KiB value limit, whatever one environment's windows weigh. */
export const MAX_TRASH_BYTES = 160 * 1024;

export type DeletedRecord =
  | { kind: 'slot'; slot: PlanSlot }
  | { kind: 'window'; window: PlanWindow }
  | { kind: 'environment'; environment: StoredEnvironment; windows: PlanWindow[] };

export interface TrashItem {
  deletionId: string;
  deletedAt: string;
  deletedBy: string;
  record: DeletedRecord;
  /** Set by the undo: a repeated undo (a retry) then changes nothing. */
  restoredAt?: string;
}

export interface TrashDoc {
  items: TrashItem[];
}

export const emptyTrash = (): TrashDoc => ({ items: [] });

/** The trash with one more deleted record, records past the retention dropped. */
export function withDeleted(trash: TrashDoc, item: TrashItem, now: number): TrashDoc {
  const kept = trash.items.filter((i) => i.deletionId !== item.deletionId && now - Date.parse(i.deletedAt) < TRASH_RETENTION_MS);
  const items = [...kept, item].slice(-MAX_TRASH_ITEMS);
  // Oldest first out until the document fits; a record too big on its own cannot be undone.
  while (items.length > 0 && new TextEncoder().encode(JSON.stringify(items)).length > MAX_TRASH_BYTES) items.shift();
  return { items };
}

export function trashKeyOf(context: InvocationContext): string {
  return keys.planTrash(requireProject(context).key);
}

/** A delete that was already recorded under this id (a retried request): nothing more to do. */
export function alreadyDeleted(trash: TrashDoc, deletionId: string): boolean {
  return trash.items.some((i) => i.deletionId === deletionId);
}
