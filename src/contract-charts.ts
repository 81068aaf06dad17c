/**
 * The charts' part of the UI/resolver contract (release burn-up, readiness trend, dependency graph
 * of releases). Types only (plus the name table). Re-exported from src/contract.ts.
 */
import type { Burnup } from './domain/releases/burnup';
import type { DependencyGraph } from './domain/releases/dependency-graph';

export const CHART_RESOLVERS = {
  getReleaseBurnup: 'getReleaseBurnup',
  getReleaseDependencies: 'getReleaseDependencies',
} as const;

export interface GetReleaseBurnupPayload {
  versionId: string;
}

export interface ReleaseBurnupView {
  project: { id: string; key: string };
  generatedAt: string;
  timeZone: string;
  version: { id: string; name: string; released: boolean };
  /**
   * Where the history comes from: the issue facts the KPI sync keeps. 'never': no sync has run, so
   * there is no history to draw; 'partial': the first sync is still filling months in.
   */
  history: { state: 'complete' | 'partial' | 'never'; horizon?: string };
  burnup: Burnup;
}

export interface ReleaseDependenciesView {
  project: { id: string; key: string };
  generatedAt: string;
  graph: DependencyGraph;
  /** Unreleased versions whose readiness roll-up is not built yet: their links are not known yet. */
  notBuilt: string[];
}

export interface ChartResolverContract {
  getReleaseBurnup: { payload: GetReleaseBurnupPayload; result: ReleaseBurnupView };
  getReleaseDependencies: { payload: Record<string, never>; result: ReleaseDependenciesView };
}
