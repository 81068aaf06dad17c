import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
// Plain JavaScript: Vite's config loader imports it natively.

/**
 * What a page downloads before it can paint: the entry chunk and its static imports (index.html
 * preloads them), with their raw and gzip bytes.
 * @param {Record<string, {type: string, fileName: string, isEntry?: boolean, imports?: string[], code?: string}>} bundle
 * @param {number} budgetGzipBytes
 */
export function mainChunkSize(bundle, budgetGzipBytes) {
  const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
  if (!entry) return undefined;
  /** @type {string[]} */
  const files = [];
  /** @param {string} fileName */
  const visit = (fileName) => {
    const chunk = bundle[fileName];
    if (files.includes(fileName) || chunk?.type !== 'chunk') return;
    files.push(fileName);
    (chunk.imports ?? []).forEach(visit);
  };
  visit(entry.fileName);
  const codes = files.map((f) => bundle[f]?.code ?? '');
  return {
    files,
    bytes: codes.reduce((sum, code) => sum + Buffer.byteLength(code), 0),
    gzipBytes: codes.reduce((sum, code) => sum + gzipSync(code).length, 0),
    budgetGzipBytes,
  };
}

/**
 * Fails the build when the main chunk's gzip size passes the budget, instead of the page quietly
 * growing (sub-pages load lazily: static/releases/src/components/LazyPage.tsx). Writes the size to
 * `reportFile` (outside the deployed resource) for the benchmarks.
 * @param {number} budgetGzipBytes
 * @param {string} reportFile
 * @returns {import('vite').Plugin}
 */
export function mainChunkBudget(budgetGzipBytes, reportFile) {
  return {
    name: 'main-chunk-budget',
    generateBundle(_options, bundle) {
      const size = mainChunkSize(bundle, budgetGzipBytes);
      if (!size) return;
      mkdirSync(dirname(reportFile), { recursive: true });
      writeFileSync(reportFile, JSON.stringify(size, null, 2));
      if (size.gzipBytes > budgetGzipBytes) {
        this.error(
          `The Custom UI main chunk (${size.files[0]} and its static imports) is ${(size.gzipBytes / 1024).toFixed(1)} KiB gzip, over its budget of ` +
            `${(budgetGzipBytes / 1024).toFixed(0)} KiB: load new code lazily (components/LazyPage.tsx) or trim it.`,
        );
      }
    },
  };
}
