import { webTrigger } from '@forge/api';
import { type AppDeps, createAppDeps } from '../app/deps';
import { createConsoleLogger, realTiming } from '../app/console-logger';
import { systemClock } from '../app/clock';
import { ForgeKvStore } from './forge-kv-store';
import { createForgeQueue } from './forge-queue';
import { createForgeRealtime } from './forge-realtime';
import { createForgeTransports } from './forge-transports';

/** The Forge composition point: the only place the ports meet @forge/* adapters. */
export function composeForge(scope: string, invokingAccountId?: string): AppDeps {
  const log = createConsoleLogger(scope);
  return createAppDeps({
    transports: createForgeTransports(invokingAccountId),
    store: new ForgeKvStore(),
    queue: createForgeQueue(),
    clock: systemClock,
    timing: realTiming,
    log,
    timeZone: 'UTC',
    webTriggerUrl: (key) => webTrigger.getUrl(key),
    live: createForgeRealtime(log),
  });
}
