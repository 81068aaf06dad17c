import { z } from 'zod';

/** Where the app publishes its Confluence reports (weekly status, portfolio, release notes by default). */
const pageId = z.string().regex(/^\d{1,20}$/);

export const reportSettingsSchema = z
  .object({
    spaceKey: z.string().regex(/^[A-Za-z0-9~]{1,255}$/, 'a Confluence space key such as REL'),
    parentPageId: pageId.optional(),
    /** Parent of the release-notes pages (default: parentPageId). */
    notesParentPageId: pageId.optional(),
  })
  .strict();

export type ReportSettings = z.infer<typeof reportSettingsSchema>;
