import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Who is asking and from where, as the platform (Forge, or the local host standing in for it)
 * reports it. Identifiers in resolver payloads are never used for authorization; these are.
 */
const entityRef = z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string().min(1) }).passthrough();

const contextSchema = z
  .object({
    accountId: z.string().min(1).optional(),
    cloudId: z.string().optional(),
    moduleKey: z.string().optional(),
    extension: z
      .object({
        type: z.string().optional(),
        project: entityRef.optional(),
        issue: entityRef.extend({ type: z.string().optional() }).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export interface InvocationContext {
  accountId: string;
  cloudId?: string;
  moduleKey?: string;
  project?: { id: string; key: string };
  issue?: { id: string; key: string; type?: string };
}

export function readInvocationContext(raw: unknown): InvocationContext {
  const parsed = contextSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new AppError('UNAUTHENTICATED', undefined, ['The invocation context is not readable.']);
  const { accountId, cloudId, moduleKey, extension } = parsed.data;
  if (!accountId) throw new AppError('UNAUTHENTICATED');
  const context: InvocationContext = { accountId };
  if (cloudId) context.cloudId = cloudId;
  if (moduleKey) context.moduleKey = moduleKey;
  if (extension?.project) context.project = { id: extension.project.id, key: extension.project.key };
  if (extension?.issue) {
    context.issue = { id: extension.issue.id, key: extension.issue.key };
    if (extension.issue.type) context.issue.type = extension.issue.type;
  }
  return context;
}

export function requireProject(context: InvocationContext): { id: string; key: string } {
  if (!context.project) throw new AppError('VALIDATION', 'This view is not inside a Jira project.');
  return context.project;
}

export function requireIssue(context: InvocationContext): { id: string; key: string } {
  if (!context.issue) throw new AppError('VALIDATION', 'This view is not on a Jira issue.');
  return context.issue;
}
