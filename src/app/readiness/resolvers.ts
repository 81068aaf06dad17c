import { z } from 'zod';
import type { ReadinessResolverContract } from '../../contract-readiness';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { getIssueReadiness, signOffCheck } from './issue-readiness';
import { getReadinessPolicy, saveReadinessPolicy } from './policy';
import { getReleaseReadiness } from './release-readiness';

type Contract = ReadinessResolverContract;
interface Definition<N extends keyof Contract> {
  payload: z.ZodType<Contract[N]['payload']>;
  handle(deps: AppDeps, context: InvocationContext, payload: Contract[N]['payload']): Promise<Contract[N]['result']>;
}

const empty = z.object({}).strict() as z.ZodType<Record<string, never>>;

/** Evidence must be a web link: nothing else (javascript:, data:) is ever rendered as a link. */
const evidenceUrl = z
  .string()
  .trim()
  .max(500, 'at most 500 characters')
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
    } catch {
      return false;
    }
  }, 'must be an http(s) link');

/** The readiness resolvers, spread into the resolver table (src/app/resolvers.ts). */
export const readinessResolvers: { [N in keyof Contract]: Definition<N> } = {
  getIssueReadiness: { payload: empty, handle: (deps, context) => getIssueReadiness(deps, context) },
  signOffCheck: {
    payload: z
      .object({
        criterionId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a check id'),
        action: z.enum(['sign', 'revoke']),
        evidenceUrl: z.union([evidenceUrl, z.literal('')]).optional().transform((v) => v || undefined),
        comment: z.string().trim().max(1000, 'at most 1000 characters').optional().transform((v) => v || undefined),
      })
      .strict() as z.ZodType<Contract['signOffCheck']['payload']>,
    handle: signOffCheck,
  },
  getReadinessPolicy: { payload: empty, handle: (deps, context) => getReadinessPolicy(deps, context) },
  saveReadinessPolicy: {
    // The policy itself is checked by validatePolicy, which names every problem at once.
    payload: z.object({ policy: z.unknown(), revision: z.number().int().min(0) }).strict(),
    handle: saveReadinessPolicy,
  },
  getReleaseReadiness: {
    payload: z.object({ versionId: z.string().regex(/^\d{1,20}$/, 'a Jira version id').optional() }).strict(),
    handle: getReleaseReadiness,
  },
};
