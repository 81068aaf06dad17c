/**
 * A version's burn-up for the overview and the Go/No-Go page. No issue is read from Jira: the
 * history is the issue facts the KPI sync already keeps (fix-version and resolution intervals from
 * the changelog, src/app/kpi-fact-store.ts), so a look costs one version list (which also proves
 * the user may browse the project) and store reads, however many issues the version holds.
 */
import type { GetReleaseBurnupPayload, ReleaseBurnupView } from '../contract-charts';
import { parseCalendarDate } from '../domain/calendar/calendar-date';
import { decodeFact } from '../domain/kpis/facts';
import { computeBurnup } from '../domain/releases/burnup';
import { AppError } from '../errors';
import { requireProjectPermission } from './authorize';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';
import { readFacts } from './kpi-fact-store';
import { readSyncDoc, readableFacts } from './kpi-sync';

export async function getReleaseBurnup(deps: AppDeps, context: InvocationContext, payload: GetReleaseBurnupPayload): Promise<ReleaseBurnupView> {
  const project = requireProject(context);
  const jira = deps.jiraAsUser(context.accountId);
  await requireProjectPermission(jira, project.key, 'BROWSE_PROJECTS');
  const version = (await jira.listVersions(project.key)).find((v) => String(v.id) === payload.versionId);
  if (!version) throw new AppError('NOT_FOUND', `${project.key} has no version with id ${payload.versionId}.`);
  const sync = await readSyncDoc(deps, project.id);
  const readable = sync ? readableFacts(sync) : undefined;
  const { tuples } = readable ? await readFacts(deps.store, project.id, readable.months, readable.generation) : { tuples: [] };
  const versionId = String(version.id);
  // Decoding every fact is the expensive part; the version's own issues are few.
  const issues = tuples.filter((t) => t[9].some(([id]) => id === versionId)).map(decodeFact);
  const startDate = version.startDate ? parseCalendarDate(version.startDate) : undefined;
  const releaseDate = version.releaseDate ? parseCalendarDate(version.releaseDate) : undefined;
  const now = deps.clock.now();
  const burnup = computeBurnup({
    versionId,
    ...(startDate ? { startDate } : {}),
    ...(releaseDate ? { releaseDate } : {}),
    released: version.released,
    issues,
    now,
    timeZone: deps.timeZone,
  });
  const complete = !!sync && (!!sync.live || sync.chunks.every((c) => c.state === 'done'));
  return {
    project: { id: project.id, key: project.key },
    generatedAt: now.toISOString(),
    timeZone: deps.timeZone,
    version: { id: versionId, name: version.name, released: version.released },
    history: { state: !sync ? 'never' : complete ? 'complete' : 'partial', ...(readable ? { horizon: readable.horizon } : {}) },
    burnup,
  };
}
