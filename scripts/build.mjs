// Builds everything the app and the local runtime serve:
//  - static/releases/dist: the Custom UI (Vite), the resource the manifest names;
//  - dist/local-host: the local host page, its bridge shims, the UI Kit forgeDoc renderer and the
//    issue panel bundle (esbuild; the local runtime only, never deployed).
// `--if-stale` skips work when every output is newer than every input, so `npm start` is quick
// the second time.
import { build as esbuild } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, statSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ifStale = process.argv.includes('--if-stale');

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules' && entry !== 'dist') visit(join(p, entry));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function oldestOutput(paths) {
  let oldest = Infinity;
  for (const p of paths) {
    if (!existsSync(p)) return 0;
    oldest = Math.min(oldest, statSync(p).mtimeMs);
  }
  return oldest;
}

const customUiInputs = ['static/releases/src', 'static/releases/index.html', 'static/releases/vite.config.mts', 'static/releases/main-chunk-budget.mjs', 'src/contract.ts'].map((p) => join(root, p));
const customUiOutputs = [join(root, 'static/releases/dist/index.html')];
const hostInputs = ['local/host/src', 'src/frontend', 'src/contract.ts'].map((p) => join(root, p));
const hostEntries = {
  'host': 'local/host/src/host.tsx',
  'custom-ui-bridge': 'local/host/src/custom-ui-bridge.ts',
  'panel-frame': 'local/host/src/panel-frame.tsx',
  'issue-panel': 'src/frontend/issue-panel.tsx',
};
const hostOutputs = Object.keys(hostEntries).map((name) => join(root, 'dist/local-host', `${name}.js`));

async function buildCustomUi() {
  const { build } = await import('vite');
  await build({ root: join(root, 'static/releases'), configFile: join(root, 'static/releases/vite.config.mts'), logLevel: 'warn' });
}

async function buildHost() {
  const outdir = join(root, 'dist/local-host');
  mkdirSync(outdir, { recursive: true });
  await esbuild({
    entryPoints: Object.fromEntries(Object.entries(hostEntries).map(([name, file]) => [name, join(root, file)])),
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    // Atlaskit ships its styles as extracted `*.compiled.css` files: bundle them (host.css,
    // panel-frame.css next to the scripts; the HTML pages link them).
    loader: { '.css': 'css', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    logLevel: 'warning',
  });
  // Compiled atomic CSS must be ordered shorthands-first, pseudo-classes and at-rules last.
  const { sortAtomicCss } = (await import('../local/host/sort-atomic-css.cjs')).default;
  for (const name of Object.keys(hostEntries)) {
    const css = join(outdir, `${name}.css`);
    if (existsSync(css)) writeFileSync(css, sortAtomicCss(readFileSync(css, 'utf8')));
  }
  for (const file of ['index.html', 'panel.html']) {
    const src = join(root, 'local/host/src', file);
    if (existsSync(src)) copyFileSync(src, join(outdir, file));
  }
}

const started = Date.now();
const jobs = [];
if (!ifStale || newestMtime(customUiInputs) > oldestOutput(customUiOutputs)) jobs.push(buildCustomUi());
if (!ifStale || newestMtime(hostInputs) > oldestOutput(hostOutputs)) jobs.push(buildHost());
await Promise.all(jobs);
if (jobs.length) console.log(`build: ${jobs.length} bundle set(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
