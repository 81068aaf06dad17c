import { publish } from '@forge/realtime';
import type { Logger, LiveUpdates } from '../ports';

/**
 * Forge Realtime behind the LiveUpdates port. `publish` from a resolver goes to the channel in
 * the invoking module's context (the Releases project page in that project), so the project
 * needs no part in the channel's name here; the page subscribes with `realtime.subscribe` from
 * @forge/bridge under the same name. No manifest entry or scope is needed. A notice that cannot be
 * sent is logged, never thrown: the write it reports has already landed, and pages fall back to
 * polling.
 */
export function createForgeRealtime(log: Logger): LiveUpdates {
  return {
    async publish(target, notice) {
      try {
        const result = await publish(target.channel, notice);
        if (result.errors) log.warn('realtime notice not sent', { channel: target.channel, errors: JSON.stringify(result.errors).slice(0, 500) });
      } catch (error) {
        log.warn('realtime notice not sent', { channel: target.channel, error: String(error) });
      }
    },
  };
}
