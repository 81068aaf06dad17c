import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InMemoryKvStore, type KvSnapshot } from './in-memory-kv-store';

/**
 * The local runtime's store: Forge KVS semantics and limits, persisted to one JSON file so data
 * survives restarts. Writes are coalesced and the file is replaced atomically (write, rename).
 */
export class FileKvStore extends InMemoryKvStore {
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly flushDelayMs = 50,
  ) {
    super(FileKvStore.read(file));
  }

  private static read(file: string): KvSnapshot | undefined {
    if (!existsSync(file)) return undefined;
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as KvSnapshot;
    return { plain: snapshot.plain ?? {}, versioned: snapshot.versioned ?? {} };
  }

  protected override changed(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), this.flushDelayMs);
    this.flushTimer.unref?.();
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(this.snapshot()));
    renameSync(temp, this.file);
  }
}
