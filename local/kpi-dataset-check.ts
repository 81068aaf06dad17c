/**
 * What `npm run kpi` checks before it computes anything: a data set that contradicts itself
 * (unknown types or projects, duplicate keys, a changelog that disagrees with the current values)
 * changes figures silently, so it is refused with the file and the item at fault.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import type { DatasetChangeHistory, JiraDataset } from './fake-jira/dataset';

export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`}`);
    this.name = 'DatasetError';
  }
}

/** Reads and parses a JSON file of the data set; errors name the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DatasetError(basename(path), [`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DatasetError(basename(path), [`is not valid JSON: ${(error as Error).message}`]);
  }
}

/** Parses with a schema; every problem names its place in the file. */
export function parseFile<T>(path: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DatasetError(
    basename(path),
    parsed.error.issues.map((issue) => `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(the file)'}: ${issue.message}`),
  );
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/** The value a field had after the last change of it, or undefined when it never changed. */
function lastChange(changelog: DatasetChangeHistory[], fieldId: string): { to: string | null } | undefined {
  for (let h = changelog.length - 1; h >= 0; h--) {
    const items = (changelog[h] as DatasetChangeHistory).items;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i]!;
      if (item.fieldId === fieldId) return { to: item.to };
    }
  }
  return undefined;
}

/** References and consistency of a data set; every problem names the item. */
export function datasetProblems(dataset: JiraDataset): string[] {
  const problems: string[] = [];
  const projects = new Set(dataset.projects.map((p) => p.id));
  const types = new Set(dataset.issueTypes.map((t) => t.id));
  const statuses = new Set(dataset.statuses.map((s) => s.id));
  const resolutions = new Set(dataset.resolutions.map((r) => r.id));
  const versions = new Set(dataset.versions.map((v) => v.id));
  for (const key of duplicates(dataset.projects.map((p) => p.key))) problems.push(`projects: the key ${key} is used twice`);
  for (const id of duplicates(dataset.versions.map((v) => v.id))) problems.push(`versions: the id ${id} is used twice`);
  for (const key of duplicates(dataset.issues.map((i) => i.key))) problems.push(`issues: the key ${key} is used twice`);
  for (const id of duplicates(dataset.issues.map((i) => i.id))) problems.push(`issues: the id ${id} is used twice`);
  dataset.versions.forEach((v, index) => {
    if (!projects.has(v.projectId)) problems.push(`versions[${index}] (${v.name}): project ${v.projectId} is not in projects`);
  });
  dataset.issues.forEach((issue, index) => {
    const where = `issues[${index}] (${issue.key})`;
    if (!projects.has(issue.projectId)) problems.push(`${where}: project ${issue.projectId} is not in projects`);
    if (!types.has(issue.issueTypeId)) problems.push(`${where}: issue type ${issue.issueTypeId} is not in issueTypes`);
    if (!statuses.has(issue.statusId)) problems.push(`${where}: status ${issue.statusId} is not in statuses`);
    if (issue.resolutionId !== null && !resolutions.has(issue.resolutionId)) problems.push(`${where}: resolution ${issue.resolutionId} is not in resolutions`);
    for (const v of [...issue.fixVersionIds, ...issue.affectsVersionIds]) if (!versions.has(v)) problems.push(`${where}: version ${v} is not in versions`);
    const times = issue.changelog.map((h) => Date.parse(h.created));
    if (times.some((t, i) => i > 0 && t < (times[i - 1] as number))) problems.push(`${where}: the changelog is not oldest first`);
    // The changelog must end where the issue stands, or its history says something else happened.
    const status = lastChange(issue.changelog, 'status');
    if (status && status.to !== issue.statusId) problems.push(`${where}: the changelog last moves the status to ${status.to}, but the issue's status is ${issue.statusId}`);
    const resolution = lastChange(issue.changelog, 'resolution');
    if (resolution && resolution.to !== issue.resolutionId) problems.push(`${where}: the changelog last sets the resolution to ${resolution.to ?? 'none'}, but the issue's is ${issue.resolutionId ?? 'none'}`);
    if ((issue.resolutionId === null) !== (issue.resolutiondate === null)) problems.push(`${where}: resolution and resolutiondate must be both set or both empty`);
  });
  return problems;
}
