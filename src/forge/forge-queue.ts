import { Queue } from '@forge/events';
import type { QueuedJob, WorkQueue } from '../ports';

export const WORK_QUEUE_KEY = 'work-queue';
/** Forge accepts at most 50 events per push. */
const MAX_EVENTS_PER_PUSH = 50;

export function createForgeQueue(): WorkQueue {
  const queue = new Queue({ key: WORK_QUEUE_KEY });
  return {
    async push(jobs: QueuedJob[], options = {}) {
      for (let i = 0; i < jobs.length; i += MAX_EVENTS_PER_PUSH) {
        await queue.push(
          jobs.slice(i, i + MAX_EVENTS_PER_PUSH).map((job) => ({
            body: { type: job.type, body: job.body },
            ...(options.delaySeconds ? { delayInSeconds: Math.min(900, options.delaySeconds) } : {}),
          })),
        );
      }
    },
  };
}
