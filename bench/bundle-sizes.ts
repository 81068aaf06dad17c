/**
 * Bundle sizes: the Custom UI's main chunk (what every page downloads before its first paint, as
 * the last Vite build measured it against its budget) and the bundles `forge deploy` would upload
 * (@forge/bundler, offline: scripts/forge-bundle.cjs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Record_ = (name: string, value: number, unit: string, note?: string) => void;

interface Size {
  bytes: number;
  gzipBytes: number;
}

const ROOT = join(__dirname, '..');
const kib = (bytes: number) => bytes / 1024;

export async function bundleSizesBench(record: Record_): Promise<void> {
  const mainChunkFile = join(ROOT, 'dist/custom-ui-main-chunk.json');
  if (!existsSync(mainChunkFile)) throw new Error('No Custom UI build to measure: run npm run build first.');
  const main = JSON.parse(readFileSync(mainChunkFile, 'utf8')) as Size & { files: string[]; budgetGzipBytes: number };
  record('Custom UI main chunk (entry + static imports)', kib(main.bytes), 'KiB', `${main.files.length} files`);
  record('Custom UI main chunk, gzip', kib(main.gzipBytes), 'KiB', `budget ${kib(main.budgetGzipBytes)} KiB`);

  // A process of its own: the bundler needs to be the main module, as under the Forge CLI.
  const sizes = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'scripts/forge-bundle.cjs'), '--json'], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, Size>;
  for (const [name, size] of Object.entries(sizes)) {
    record(`Forge bundle ${name === 'functions' ? 'back end (functions)' : name}`, kib(size.bytes), 'KiB', `${kib(size.gzipBytes).toFixed(1)} KiB gzip`);
  }
}
