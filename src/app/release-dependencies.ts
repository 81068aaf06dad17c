/**
 * The dependency graph of the project's unreleased versions for the calendar: edges are Jira
 * "is blocked by" links between issues of different versions (any project), taken from the
 * readiness roll-ups' stored facts. A look costs one version list (which also checks the user may
 * browse the project) and store reads; a release whose roll-up is not built yet is named as such.
 */
import type { ReleaseDependenciesView } from '../contract-charts';
import { type GraphIssue, buildDependencyGraph } from '../domain/releases/dependency-graph';
import { requireProjectPermission } from './authorize';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';
import { builtAtOf, readReleaseShards } from './readiness/rollup-store';

export async function getReleaseDependencies(deps: AppDeps, context: InvocationContext): Promise<ReleaseDependenciesView> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  await requireProjectPermission(jira, project.key, 'BROWSE_PROJECTS');
  const versions = (await jira.listVersions(project.key)).filter((v) => !v.released && !v.archived);
  const issues: GraphIssue[] = [];
  const notBuilt: string[] = [];
  for (const version of versions) {
    const id = String(version.id);
    const shards = await readReleaseShards(deps.store, id);
    if (!builtAtOf(shards)) notBuilt.push(id);
    for (const shard of shards) for (const entry of Object.values(shard.issues)) issues.push({ key: entry.key, versionId: id, blockers: entry.blockers });
  }
  const graph = buildDependencyGraph(
    versions.map((v) => ({ id: String(v.id), name: v.name, projectKey: project.key, released: v.released, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}) })),
    issues,
  );
  return { project: { id: project.id, key: project.key }, generatedAt: deps.clock.now().toISOString(), graph, notBuilt };
}
