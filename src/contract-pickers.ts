/**
 * The pickers' resolvers: people, Jira groups and Confluence spaces and pages found by name, so
 * settings store ids while people see names. Types only (see contract.ts).
 */
import type { UserRef } from './contract-release-plan';

/** Longest text a picker sends; Jira's and Confluence's own pickers stop well before it. */
export const PICKER_QUERY_MAX = 100;
/** Most entries a picker shows for one search. */
export const PICKER_RESULTS_MAX = 20;

export interface GroupRef {
  /** What Jira checks memberships by, and what the settings store. */
  name: string;
  groupId?: string;
}

export interface ConfluenceSpaceRef {
  key: string;
  name: string;
}

export interface ConfluencePageRef {
  id: string;
  title: string;
}

export interface PickerQuery {
  query: string;
}

/** Pages of one space, by title text, or the pages with these ids (to name stored ids). */
export type ConfluencePagesQuery = { spaceKey: string; query: string } | { spaceKey: string; pageIds: string[] };

export interface PickerResolverContract {
  lookupUsers: { payload: { accountIds: string[] }; result: UserRef[] };
  searchGroups: { payload: PickerQuery; result: GroupRef[] };
  searchConfluenceSpaces: { payload: PickerQuery; result: ConfluenceSpaceRef[] };
  searchConfluencePages: { payload: ConfluencePagesQuery; result: ConfluencePageRef[] };
}

export const PICKER_RESOLVERS = {
  lookupUsers: 'lookupUsers',
  searchGroups: 'searchGroups',
  searchConfluenceSpaces: 'searchConfluenceSpaces',
  searchConfluencePages: 'searchConfluencePages',
} as const satisfies { [K in keyof PickerResolverContract]: K };
