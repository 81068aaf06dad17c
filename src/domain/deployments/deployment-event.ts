import { z } from 'zod';

/**
 * The JSON a CI/CD pipeline posts for each deployment (documented in docs/deployments.md).
 * Strict: unknown fields are refused so typos are noticed instead of silently dropped.
 */
export const deploymentEventSchema = z
  .object({
    deploymentId: z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, 'use 1-120 letters, digits, dot, dash or underscore'),
    environment: z.string().trim().min(1).max(80),
    status: z.enum(['pending', 'in_progress', 'successful', 'failed', 'rolled_back', 'cancelled']),
    deployedAt: z.iso.datetime({ offset: true }),
    /** When the pipeline last changed this deployment (status updates): a newer one wins. */
    updatedAt: z.iso.datetime({ offset: true }).optional(),
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'a Jira project key such as SHOP').optional(),
    version: z.string().trim().min(1).max(255).optional(),
    issueKeys: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,19}-\d{1,9}$/, 'Jira issue keys such as SHOP-12')).max(500).optional(),
    pipeline: z.object({ name: z.string().max(200), url: z.url().max(2000).optional() }).strict().optional(),
    commit: z.string().max(80).optional(),
    /** The commits this deployment brought to production, with when each was made: DORA's lead time. */
    commits: z
      .array(z.object({ sha: z.string().regex(/^[0-9a-fA-F]{4,64}$/, 'a commit hash'), committedAt: z.iso.datetime({ offset: true }) }).strict())
      .max(500)
      .optional(),
    /** When only the oldest commit's time is known: one lead time for the deployment. */
    firstCommitAt: z.iso.datetime({ offset: true }).optional(),
    isRollback: z.boolean().optional(),
    /** This deployment fixes a failure of the one before it in production (a hotfix). */
    isHotfix: z.boolean().optional(),
  })
  .strict();

export type DeploymentEvent = z.infer<typeof deploymentEventSchema>;

export interface StoredDeployment extends DeploymentEvent {
  receivedAt: string;
}
