import { z } from 'zod';
import type { QueuedJob } from '../ports';

/** Work fanned out through the queue, one small job per project so each fits a function run. */
export const jobSchemas = {
  'reconcile-project-versions': z.object({ projectId: z.string().min(1), projectKey: z.string().min(1) }).strict(),
  'publish-project-status': z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/) }).strict(),
} as const;

export type JobType = keyof typeof jobSchemas;

export function job<T extends JobType>(type: T, body: z.infer<(typeof jobSchemas)[T]>): QueuedJob {
  return { type, body };
}
