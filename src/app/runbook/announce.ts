import { type RunbookRunNotice, runbookRunChannel } from '../../contract-runbook';
import type { AppDeps } from '../deps';

/**
 * Tells everyone watching a release's run that it changed (Forge Realtime; the page refetches):
 * after a write of the run, its freeze, and each outcome of its run book page. Never throws: the
 * change has landed, and watchers still see it on their next poll.
 */
export async function announceRun(deps: Pick<AppDeps, 'live' | 'log'>, projectId: string, versionId: string, revision: number): Promise<void> {
  const notice: RunbookRunNotice = { versionId, revision };
  try {
    await deps.live.publish({ projectId, channel: runbookRunChannel(versionId) }, { ...notice });
  } catch (error) {
    deps.log.warn('run change notice not sent', { versionId, error: String(error) });
  }
}
