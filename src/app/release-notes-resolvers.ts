import { z } from 'zod';
import type { ReleaseNotesResolverContract } from '../contract-release-notes';
import type { AppDeps } from './deps';
import { type InvocationContext, requireProject } from './invocation-context';
import { loadReleaseNotesSession, openReleaseNotes, previewReleaseNotes, publishReleaseNotesNow } from './release-notes';
import { getReleaseNotesSettings, notesPublishingSchema, notesTemplateSchema, saveReleaseNotesSettings } from './release-notes-settings';

type Contract = ReleaseNotesResolverContract;
interface Definition<N extends keyof Contract> {
  payload: z.ZodType<Contract[N]['payload']>;
  handle(deps: AppDeps, context: InvocationContext, payload: Contract[N]['payload']): Promise<Contract[N]['result']>;
}

const versionId = z.string().regex(/^\d{1,20}$/, 'a Jira version id');

/** The release-notes resolvers, spread into the resolver table (src/app/resolvers.ts). */
export const releaseNotesResolvers: { [N in keyof Contract]: Definition<N> } = {
  getReleaseNotesSettings: {
    payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
    handle: (deps, context) => getReleaseNotesSettings(deps, context),
  },
  saveReleaseNotesSettings: {
    payload: z.object({ template: notesTemplateSchema, publishing: notesPublishingSchema, revision: z.number().int().min(0) }).strict(),
    handle: saveReleaseNotesSettings,
  },
  previewReleaseNotes: {
    payload: z.object({ versionId, template: notesTemplateSchema.optional() }).strict(),
    handle: previewReleaseNotes,
  },
  openReleaseNotes: {
    payload: z.object({ versionId: versionId.optional() }).strict(),
    handle: openReleaseNotes,
  },
  loadReleaseNotesSession: {
    payload: z.object({ versionId, fields: z.array(notesTemplateSchema.shape.releaseNoteField.unwrap()).max(20).optional() }).strict(),
    handle: loadReleaseNotesSession,
  },
  // The editor's check of an unsaved template: the same schema and words as saving. It reads and
  // writes nothing (the payload is all it looks at), so it costs no Jira points or storage units.
  checkReleaseNotesTemplate: {
    payload: z.object({ template: notesTemplateSchema }).strict(),
    handle: async (_deps, context) => {
      requireProject(context);
      return { valid: true as const };
    },
  },
  publishReleaseNotes: {
    payload: z.object({ versionId, force: z.boolean().optional() }).strict(),
    handle: publishReleaseNotesNow,
  },
};
