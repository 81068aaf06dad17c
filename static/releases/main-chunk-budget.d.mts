import type { Plugin } from 'vite';

export interface MainChunkSize {
  /** The entry and every chunk it imports statically, as index.html preloads them. */
  files: string[];
  bytes: number;
  gzipBytes: number;
  budgetGzipBytes: number;
}

export function mainChunkSize(
  bundle: Record<string, { type: string; fileName: string; isEntry?: boolean; imports?: string[]; code?: string }>,
  budgetGzipBytes: number,
): MainChunkSize | undefined;

export function mainChunkBudget(budgetGzipBytes: number, reportFile: string): Plugin;
