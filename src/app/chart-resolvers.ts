import { z } from 'zod';
import type { ChartResolverContract } from '../contract-charts';
import type { AppDeps } from './deps';
import type { InvocationContext } from './invocation-context';
import { getReleaseBurnup } from './release-burnup';
import { getReleaseDependencies } from './release-dependencies';

type Contract = ChartResolverContract;
interface Definition<N extends keyof Contract> {
  payload: z.ZodType<Contract[N]['payload']>;
  handle(deps: AppDeps, context: InvocationContext, payload: Contract[N]['payload']): Promise<Contract[N]['result']>;
}

/** The charts' resolvers, spread into the resolver table (src/app/resolvers.ts). */
export const chartResolvers: { [N in keyof Contract]: Definition<N> } = {
  getReleaseBurnup: {
    payload: z.object({ versionId: z.string().regex(/^\d{1,20}$/, 'a Jira version id') }).strict(),
    handle: getReleaseBurnup,
  },
  getReleaseDependencies: {
    payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
    handle: (deps, context) => getReleaseDependencies(deps, context),
  },
};
