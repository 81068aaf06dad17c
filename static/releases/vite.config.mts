import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { mainChunkBudget } from './main-chunk-budget.mjs';

/** Gzip bytes every page downloads before its first paint (the entry and its static imports). */
const MAIN_CHUNK_GZIP_BUDGET = 200 * 1024;

// The Custom UI resource of the manifest: static/releases/dist with index.html at its root.
// Forge serves it from a sandboxed iframe under an unknown path, so every asset URL is relative.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), mainChunkBudget(MAIN_CHUNK_GZIP_BUDGET, fileURLToPath(new URL('../../dist/custom-ui-main-chunk.json', import.meta.url)))],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
});
