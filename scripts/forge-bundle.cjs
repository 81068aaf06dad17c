// Bundles the app with @forge/bundler, the bundler `forge deploy` uses, offline: the functions
// (every handler module in manifest.yml) and the UI Kit resources. Any webpack error throws, so a
// dependency or import Forge cannot bundle fails `npm test` here instead of at deploy time.
// Run directly (`node scripts/forge-bundle.mjs`) it prints the sizes; the benchmarks record them.
// CommonJS because the bundler refuses to run without `require.main`, as under the Forge CLI.
// `--json` prints the sizes as JSON for the benchmarks.
const { readFileSync, readdirSync, statSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { gzipSync } = require('node:zlib');
const { parse } = require('yaml');
const { getEntryPoints, getNodeBundler, NativeUIBundler } = require('@forge/bundler');

const root = resolve(__dirname, '..');

/** Collects warnings; `forge deploy` prints them, we report them and fail only on errors. */
function collectingLogger(warnings) {
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace() {},
    debug() {},
    info() {},
    warn: (message) => warnings.push(message),
    error: (error) => warnings.push(String(error?.message ?? error)),
  };
}

// `forge deploy` downloads Forge's runtime wrapper (a loader the platform adds around the bundle)
// from Atlassian's CDN. Offline there is none: the wrapper files are left out of what we measure,
// and the bundle of our own code is exactly what webpack produced.
const noWrapper = {
  getNodeRuntimeWrapper: async () => ({ script: '', source: 'offline', version: 'none' }),
  getNodeRuntimeLoader: async () => ({ script: '', source: 'offline', version: 'none' }),
};

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Bytes and gzip bytes of the JavaScript webpack wrote to `dir`. */
function measure(dir) {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of filesUnder(dir).filter((f) => /\.c?js$/.test(f))) {
    const content = readFileSync(file);
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes };
}

/** Bundles functions and UI Kit resources as `forge deploy` would; throws on any bundling error. */
async function forgeBundle() {
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
  const warnings = [];
  const logger = collectingLogger(warnings);
  const previousCwd = process.cwd();
  process.chdir(root); // the bundler resolves src/ and tsconfig.json from the working directory, as the CLI runs it
  try {
    const functions = await getNodeBundler(logger, noWrapper, { readConfig: async () => manifest }).bundle({
      appDirectory: root,
      // A handler `index.resolver` is export `resolver` of module src/index, as the CLI reads it.
      entryPoints: getEntryPoints(manifest.modules.function.map((f) => ({ module: f.handler.slice(0, f.handler.lastIndexOf('.')) }))),
    });
    const nativeResources = manifest.resources
      .filter((r) => /\.[jt]sx?$/.test(r.path))
      .map((r) => ({ ...r, resourceType: 'nativeUI' }));
    const ui = await new NativeUIBundler(logger).bundleResources(nativeResources);
    const sizes = {
      functions: measure(functions.outputDir),
      ...Object.fromEntries(ui.nativeUiBundlesDetails.map((r) => [r.key, measure(r.path)])),
    };
    for (const dir of [functions.outputDir, ...ui.nativeUiBundlesDetails.map((r) => r.path)]) rmSync(dir, { recursive: true, force: true });
    return { sizes, warnings };
  } finally {
    process.chdir(previousCwd);
  }
}

module.exports = { forgeBundle };

if (require.main === module) {
  forgeBundle().then(({ sizes, warnings }) => {
    if (process.argv.includes('--json')) return console.log(JSON.stringify(sizes));
    for (const w of warnings) console.warn(`forge bundler warning: ${w.split('\n')[0]}`);
    for (const [name, s] of Object.entries(sizes)) console.log(`forge bundle ${name}: ${(s.bytes / 1024).toFixed(1)} KiB, ${(s.gzipBytes / 1024).toFixed(1)} KiB gzip`);
  }, (error) => {
    console.error(`Forge bundling failed:\n${error?.message ?? error}`);
    process.exit(1);
  });
}
