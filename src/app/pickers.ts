/**
 * The pickers behind the settings forms: people, Jira groups, Confluence spaces and pages found by
 * name. Only people who may change a project's release settings (its administrators and release
 * managers) may search, as for the release plan's people search; Jira answers people and groups
 * as the caller (so Jira's "Browse users and groups" permission holds), Confluence as the app,
 * which is who publishes the pages.
 */
import { z } from 'zod';
import type { ConfluencePageRef, ConfluencePagesQuery, ConfluenceSpaceRef, GroupRef, PickerResolverContract, UserRef } from '../contract';
import { PICKER_QUERY_MAX, PICKER_RESULTS_MAX } from '../contract';
import type { AppDeps } from './deps';
import type { InvocationContext } from './invocation-context';
import { requireReleaseEditor } from './release-managers';
import { requireSpace } from './report-publishing';

const text = z.string().trim().min(1).max(PICKER_QUERY_MAX);
const accountId = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/, 'an Atlassian account id');
const spaceKey = z.string().regex(/^[A-Za-z0-9~]{1,255}$/, 'a Confluence space key such as REL');
const pageId = z.string().regex(/^\d{1,20}$/, 'a Confluence page id (digits)');

/** Stored ids named at once: a settings form holds a handful. */
const LOOKUP_MAX = 50;
const PAGE_LOOKUP_MAX = 5;

export async function lookupUsers(deps: AppDeps, context: InvocationContext, payload: { accountIds: string[] }): Promise<UserRef[]> {
  const access = await requireReleaseEditor(deps, context);
  if (payload.accountIds.length === 0) return [];
  const users = await access.jira.usersByIds(payload.accountIds);
  return users.map((u) => ({ accountId: u.accountId, displayName: u.displayName }));
}

export async function searchGroups(deps: AppDeps, context: InvocationContext, payload: { query: string }): Promise<GroupRef[]> {
  const access = await requireReleaseEditor(deps, context);
  const groups = await access.jira.searchGroups(payload.query, PICKER_RESULTS_MAX);
  return groups.slice(0, PICKER_RESULTS_MAX);
}

export async function searchConfluenceSpaces(deps: AppDeps, context: InvocationContext, payload: { query: string }): Promise<ConfluenceSpaceRef[]> {
  await requireReleaseEditor(deps, context);
  const spaces = await deps.confluenceAsApp().searchSpaces(payload.query, PICKER_RESULTS_MAX);
  return spaces.map((s) => ({ key: s.key, name: s.name }));
}

export async function searchConfluencePages(deps: AppDeps, context: InvocationContext, payload: ConfluencePagesQuery): Promise<ConfluencePageRef[]> {
  await requireReleaseEditor(deps, context);
  const confluence = deps.confluenceAsApp();
  const space = await requireSpace(confluence, payload.spaceKey);
  if ('query' in payload) {
    const pages = await confluence.searchPagesInSpace(space.id, payload.query, PICKER_RESULTS_MAX);
    return pages.map((p) => ({ id: p.id, title: p.title }));
  }
  // Naming stored ids: a page of another space (or in the trash) is left out, as the save refuses it.
  const pages = await Promise.all(payload.pageIds.map((id) => confluence.getPage(id)));
  return pages.filter((p) => p !== undefined && p.spaceId === space.id).map((p) => ({ id: p!.id, title: p!.title }));
}

type PickerResolvers = {
  [N in keyof PickerResolverContract]: {
    payload: z.ZodType<PickerResolverContract[N]['payload']>;
    handle(deps: AppDeps, context: InvocationContext, payload: PickerResolverContract[N]['payload']): Promise<PickerResolverContract[N]['result']>;
  };
};

export const pickerResolvers: PickerResolvers = {
  lookupUsers: { payload: z.object({ accountIds: z.array(accountId).max(LOOKUP_MAX) }).strict(), handle: lookupUsers },
  searchGroups: { payload: z.object({ query: text }).strict(), handle: searchGroups },
  searchConfluenceSpaces: { payload: z.object({ query: text }).strict(), handle: searchConfluenceSpaces },
  searchConfluencePages: {
    payload: z.union([z.object({ spaceKey, query: text }).strict(), z.object({ spaceKey, pageIds: z.array(pageId).min(1).max(PAGE_LOOKUP_MAX) }).strict()]),
    handle: searchConfluencePages,
  },
};

