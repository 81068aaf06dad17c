import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { type WriteObserver, killSwitchFromEnvironment } from './fault-injection';
import { InMemoryKvStore, type KvSnapshot } from './in-memory-kv-store';

/** One change in the log: the key's state after the write (absent: deleted). */
type LogRecord = { p: string; v?: string } | { x: string; v?: string; r?: number };

/**
 * The local runtime's store: Forge KVS semantics and limits, kept on disk so nothing acknowledged
 * is lost. Every write is appended to a log and fsync'ed before it is acknowledged (a write costs
 * what it changes, not the whole store); on start the snapshot is read and the log replayed, then
 * both are compacted into a new snapshot (temp file, fsync, rename). Secrets (Forge's secret
 * storage) live in a file of their own, `<file>.secrets`, rewritten whole (temp file, fsync, rename)
 * on each change: they are few and small, and they never travel with a copy of the data. Every file
 * is readable by its owner only.
 */
export class FileKvStore extends InMemoryKvStore {
  private fd: number | undefined;
  private readonly log: string;
  private readonly secretsFile: string;
  /** The crash tests' kill switch (FAULT_KILL_AFTER_WRITE); undefined in normal use. */
  private readonly afterWrite: WriteObserver | undefined = killSwitchFromEnvironment(process.env.FAULT_KILL_AFTER_WRITE);

  constructor(private readonly file: string) {
    super(FileKvStore.read(file));
    this.log = `${file}.log`;
    this.secretsFile = `${file}.secrets`;
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    if (existsSync(this.secretsFile)) this.secrets = new Map(Object.entries(JSON.parse(readFileSync(this.secretsFile, 'utf8')) as Record<string, string>));
    this.replay();
    this.compact();
  }

  /** Replaces `target` whole and durably: a crash leaves the old file or the new one, never half of it. */
  private static writeAtomically(target: string, text: string): void {
    const temp = `${target}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  }

  private static read(file: string): KvSnapshot | undefined {
    if (!existsSync(file)) return undefined;
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as KvSnapshot;
    return { plain: snapshot.plain ?? {}, versioned: snapshot.versioned ?? {} };
  }

  /** Applies the log written since the last snapshot; a torn last line (a crash mid-write) was never acknowledged. */
  private replay(): void {
    if (!existsSync(this.log)) return;
    for (const line of readFileSync(this.log, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        break;
      }
      if ('p' in record) {
        if (record.v === undefined) this.plain.delete(record.p);
        else this.plain.set(record.p, record.v);
      } else if (record.v === undefined) this.versioned.delete(record.x);
      else this.versioned.set(record.x, { value: record.v, rev: record.r ?? 1 });
    }
  }

  /** Writes the whole store as the new snapshot and starts an empty log. */
  private compact(): void {
    this.closeLog();
    FileKvStore.writeAtomically(this.file, JSON.stringify(this.snapshot()));
    writeFileSync(this.log, '', { mode: 0o600 });
    this.fd = openSync(this.log, 'a', 0o600);
  }

  protected override changed(plainKeys: string[], versionedKeys: string[]): void {
    const lines: string[] = [];
    for (const key of plainKeys) {
      const value = this.plain.get(key);
      lines.push(JSON.stringify(value === undefined ? { p: key } : { p: key, v: value }));
    }
    for (const key of versionedKeys) {
      const doc = this.versioned.get(key);
      lines.push(JSON.stringify(doc === undefined ? { x: key } : { x: key, v: doc.value, r: doc.rev }));
    }
    if (!lines.length || this.fd === undefined) return;
    writeSync(this.fd, `${lines.join('\n')}\n`);
    fsyncSync(this.fd);
    this.afterWrite?.([...plainKeys, ...versionedKeys]);
    // Keep restarts quick: fold a long log into the snapshot now and then.
    if (statSync(this.log).size > 16 * 1024 * 1024) this.compact();
  }

  protected override secretsChanged(): void {
    FileKvStore.writeAtomically(this.secretsFile, JSON.stringify(Object.fromEntries(this.secrets)));
  }

  /** Everything is on disk already; kept for callers that flush before exit. */
  flush(): void {
    if (this.fd !== undefined) fsyncSync(this.fd);
  }

  private closeLog(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  close(): void {
    this.closeLog();
  }
}
