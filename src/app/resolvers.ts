import { z } from 'zod';
import type { ResolverContract, ResolverName, ResolverResult } from '../contract';
import { RESOLVERS } from '../contract';
import { AppError, toErrorBody } from '../errors';
import type { AppDeps } from './deps';
import { type InvocationContext, readInvocationContext } from './invocation-context';
import { getProjectReleases } from './project-releases';
import { getProjectTime, saveProjectTimeZone, zonedFor } from './project-time';
import { releasePlanResolvers } from './release-plan/resolvers';
import { releaseNotesResolvers } from './release-notes-resolvers';
import { goNoGoResolvers } from './go-no-go/resolvers';
import { readinessResolvers } from './readiness/resolvers';
import { kpiResolvers } from './kpi-resolvers';
import { runbookResolvers } from './runbook/resolvers';
import { chartResolvers } from './chart-resolvers';
import { pickerResolvers } from './pickers';

/** Forge accepts 500 KB from the front end; anything near it is not a request this app sends. */
export const MAX_PAYLOAD_BYTES = 100 * 1024;

interface ResolverDefinition<N extends ResolverName> {
  payload: z.ZodType<ResolverContract[N]['payload']>;
  handle(deps: AppDeps, context: InvocationContext, payload: ResolverContract[N]['payload']): Promise<ResolverContract[N]['result']>;
}

type ResolverTable = { [N in ResolverName]: ResolverDefinition<N> };

/** Every resolver: its payload schema (strict: unknown fields are refused) and its use case. */
export const resolverTable: ResolverTable = {
  getProjectReleases: {
    payload: z.object({ includeOlderReleased: z.boolean().optional() }).strict(),
    handle: getProjectReleases,
  },
  getProjectTime: {
    payload: z.object({ withAccess: z.boolean().optional() }).strict(),
    handle: getProjectTime,
  },
  saveProjectTimeZone: {
    payload: z.object({ timeZone: z.string().min(1).max(64).nullable(), expectedTimeZone: z.string().min(1).max(64).nullable() }).strict(),
    handle: saveProjectTimeZone,
  },
  ...releasePlanResolvers,
  ...releaseNotesResolvers,
  ...goNoGoResolvers,
  ...readinessResolvers,
  ...kpiResolvers,
  ...runbookResolvers,
  ...chartResolvers,
  ...pickerResolvers,
};

export const resolverNames = Object.values(RESOLVERS);

function isResolverName(name: string): name is ResolverName {
  return (resolverNames as string[]).includes(name);
}

function payloadSize(payload: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(payload ?? {})).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * The one entry for UI calls in both runtimes: who is asking (from the context), is the payload
 * what this resolver takes, then the use case; every failure becomes a catalogued error.
 */
export async function dispatchResolver(deps: AppDeps, name: string, payload: unknown, rawContext: unknown): Promise<ResolverResult<unknown>> {
  try {
    if (!isResolverName(name)) throw new AppError('UNKNOWN_RESOLVER', undefined, [`No resolver named "${String(name).slice(0, 60)}".`]);
    const context = readInvocationContext(rawContext);
    if (payloadSize(payload) > MAX_PAYLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    const definition = resolverTable[name] as ResolverDefinition<ResolverName>;
    const parsed = definition.payload.safeParse(payload ?? {});
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION',
        undefined,
        parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`),
      );
    }
    // Days in this call are the project's days: its release zone, not the server's.
    // Also checks that the context's project id and key are the same project's, before any use case.
    const scoped = context.project ? await zonedFor(deps, context.project.id, context.project.key) : deps;
    const data = await definition.handle(scoped, context, parsed.data as never);
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof AppError)) deps.log.error('resolver failed', { resolver: name, error: String(error), stack: (error as Error)?.stack });
    return { ok: false, error: toErrorBody(error) };
  }
}
