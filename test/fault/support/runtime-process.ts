/**
 * The local runtime as a real child process (`npm start` runs local/main.ts the same way), on a
 * temp data dir, that the crash tests kill with SIGKILL at an injected point
 * (FAULT_KILL_AFTER_WRITE, local/kv/fault-injection.ts) and start again on the same files.
 *
 * local/main.ts is bundled once with esbuild (what tsx does per file at every start) so that
 * each start costs about a second instead of a cold transpile of the whole app.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { ResolverResult } from '../../../src/contract';
import { FileKvStore } from '../../../local/kv/file-kv-store';
import type { KvSnapshot } from '../../../local/kv/in-memory-kv-store';

const ROOT = resolve(__dirname, '../../..');

export function bundleRuntime(): { entry: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rr-fault-bundle-'));
  const entry = join(dir, 'main.cjs');
  // Modules find the repository (manifest.yml, dist/) from their own folder: keep it local/'s, not the bundle's temp folder.
  buildSync({ entryPoints: [join(ROOT, 'local/main.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile: entry, logLevel: 'warning', define: { __dirname: JSON.stringify(join(ROOT, 'local')) } });
  return { entry, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RuntimeProcess {
  hostUrl: string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** Stops the process as a crash would (the store is durable, so nothing needs a clean shutdown). */
  kill(): Promise<void>;
}

export interface StartOptions {
  entry: string;
  dataDir: string;
  /** The runtime's pinned clock (NOW). */
  now: Date;
  /** `<key prefix>#<n>`: SIGKILL right after the n-th durable write to such a key. */
  killAfterWrite?: string;
}

export async function startRuntime(options: StartOptions): Promise<RuntimeProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_PATH: join(ROOT, 'node_modules'),
    DATA_DIR: options.dataDir,
    PORT: '0',
    NOW: options.now.toISOString(),
    FAULT_KILL_AFTER_WRITE: options.killAfterWrite ?? '',
  };
  for (const name of ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'DEPLOYMENT_WEBHOOK_SECRET']) delete env[name];
  const child: ChildProcess = spawn(process.execPath, [options.entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const hostUrl = await new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      const match = /Host page \(open this\):\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearInterval(timer);
        done(match[1] as string);
      }
    }, 20);
    void exited.then(({ code, signal }) => {
      clearInterval(timer);
      fail(new Error(`The runtime ended before it was up (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  return {
    hostUrl,
    exited,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A resolver call as the host page makes it (the host states the context). */
export async function invoke<T>(hostUrl: string, request: { accountId: string; moduleKey: string; extension: Record<string, unknown>; functionKey: string; payload?: unknown }): Promise<ResolverResult<T>> {
  const response = await fetch(`${hostUrl}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return (await response.json()) as ResolverResult<T>;
}

/** The store as the next start will find it (opening it folds the log into the snapshot, as a start does). */
export function storeOnDisk(dataDir: string): KvSnapshot {
  new FileKvStore(join(dataDir, 'kvs.json')).close();
  return JSON.parse(readFileSync(join(dataDir, 'kvs.json'), 'utf8')) as KvSnapshot;
}

/** Polls until `check` returns a value (or gives up after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error('Timed out waiting.');
    await new Promise((done) => setTimeout(done, 100));
  }
}
