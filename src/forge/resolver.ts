import Resolver from '@forge/resolver';
import { dispatchResolver, resolverNames } from '../app/resolvers';
import { composeForge } from './compose';

const resolver = new Resolver();
for (const name of resolverNames) {
  resolver.define(name, async ({ payload, context }) => {
    const accountId = (context as { accountId?: string }).accountId;
    return dispatchResolver(composeForge(`resolver:${name}`, accountId), name, payload, context);
  });
}

export const handler = resolver.getDefinitions();
