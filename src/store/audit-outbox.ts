import type { AuditEntry } from '../contract-go-no-go';
import type { KeyValueStore } from '../ports';

/** An audit entry waiting in a document's outbox to be copied to its own create-once key. */
export interface PendingAudit {
  key: string;
  entry: AuditEntry;
}

export async function flushAudit(store: KeyValueStore, pending: readonly PendingAudit[] | undefined): Promise<void> {
  if (!pending?.length) return;
  await Promise.all(pending.map((p) => store.setIfAbsent(p.key, p.entry)));
}
