import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The published Atlassian OpenAPI documents the fakes and clients are checked against. */
export type OpenApiSpecName = 'jira-platform-v3' | 'confluence-v2';

/**
 * Where the specs live: `$OPENAPI_DIR`, else `shared/openapi` inside the repository, else the
 * `shared/openapi` beside it (the team's checkout layout). One place, so no test names a machine's path.
 */
export function openApiSpecPath(name: OpenApiSpecName): string {
  const root = resolve(__dirname, '../..');
  const candidates = [process.env.OPENAPI_DIR, join(root, 'shared/openapi'), join(root, '../shared/openapi')]
    .filter((dir): dir is string => !!dir)
    .map((dir) => join(dir, `${name}.json`));
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`OpenAPI spec ${name}.json not found; looked in ${candidates.join(', ')} (or set OPENAPI_DIR).`);
  return found;
}

export function readOpenApiSpec<T>(name: OpenApiSpecName): T {
  return JSON.parse(readFileSync(openApiSpecPath(name), 'utf8')) as T;
}
