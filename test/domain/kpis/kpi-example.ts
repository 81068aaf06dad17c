/**
 * The worked examples of docs/kpi-definitions.md as engine input: issues with ISO times and type
 * names, versions with their recorded history, deployments as CI sends them.
 */
import type { IssueFact } from '../../../src/domain/kpis/facts';
import type { KpiDeploymentEvent, KpiInput } from '../../../src/domain/kpis/model';
import { kpiSettingsSchema, withZone } from '../../../src/domain/kpis/settings';

export interface ExampleIssue {
  key: string;
  type: string;
  created: string;
  started?: string;
  resolved?: string;
  resolution?: string;
  fixVersions?: Array<[string, string, string | null]>;
  affects?: string[];
}

export interface ExampleVersion {
  id: string;
  name: string;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  history?: Array<{ startDate?: string; releaseDate?: string; released: boolean; observedAt: string; source?: 'event' | 'reconciliation' }>;
}

export interface KpiExample {
  name: string;
  now: string;
  settings?: Record<string, unknown>;
  issues?: ExampleIssue[];
  versions?: ExampleVersion[];
  deployments?: KpiDeploymentEvent[];
  /** Versions decided as hotfix or emergency releases on the Go/No-Go board. */
  hotfixVersionIds?: string[];
  /** From when the deployments given are complete. */
  deploymentsSince?: string;
  expect: Record<string, Record<string, number | string | null>>;
}

const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

export function exampleFact(issue: ExampleIssue): IssueFact {
  const created = minutes(issue.created);
  const started = issue.started ? minutes(issue.started) : null;
  const resolved = issue.resolved ? minutes(issue.resolved) : null;
  const fixVersions = (issue.fixVersions ?? []).map(([versionId, from, to]) => ({ versionId, from: minutes(from), to: to === null ? null : minutes(to) }));
  const times = [created, started ?? 0, resolved ?? 0, ...fixVersions.flatMap((f) => [f.from, f.to ?? 0])];
  return {
    id: issue.key,
    key: issue.key,
    typeId: issue.type,
    created,
    updated: Math.max(...times),
    started,
    resolved,
    resolutionId: issue.resolution ?? null,
    category: resolved !== null ? 'done' : started !== null ? 'indeterminate' : 'new',
    fixVersions,
    affects: issue.affects ?? [],
    resolutions: resolved !== null ? [{ from: resolved, to: null }] : [],
  };
}

export function exampleInput(example: KpiExample): KpiInput {
  const types = ['Story', 'Task', 'Bug', 'Incident', 'Sub-task'];
  const resolutions = ['Done', "Won't Do", 'Duplicate', 'Cannot Reproduce'];
  return {
    project: { id: '10000', key: 'P', name: 'Example' },
    // Examples without a zone count days in UTC, as a project whose site says UTC would.
    settings: withZone(kpiSettingsSchema.parse(example.settings ?? {}), 'UTC'),
    facts: (example.issues ?? []).map(exampleFact),
    dictionaries: {
      issueTypes: Object.fromEntries(types.map((t) => [t, { name: t, subtask: t === 'Sub-task' }])),
      resolutions: Object.fromEntries(resolutions.map((r) => [r, r])),
    },
    versions: (example.versions ?? []).map((v) => ({
      id: v.id,
      name: v.name,
      ...(v.startDate ? { startDate: v.startDate } : {}),
      ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}),
      released: v.released,
      history: (v.history ?? []).map((r) => ({
        startDate: r.startDate ?? null,
        releaseDate: r.releaseDate ?? null,
        released: r.released,
        observedAt: r.observedAt,
        source: r.source ?? 'reconciliation',
      })),
    })),
    deployments: example.deployments ?? [],
    ...(example.hotfixVersionIds ? { hotfixVersionIds: example.hotfixVersionIds } : {}),
    ...(example.deploymentsSince ? { deploymentsSince: example.deploymentsSince } : {}),
  };
}
