import { AppError } from '../../errors';
import type { ProductClient } from '../http/product-client';
import { query, seg } from '../http/product-client';
import type {
  IssueChangelogs,
  JiraField,
  JiraGroupRef,
  JiraIssue,
  JiraProject,
  JiraUser,
  JiraVersion,
  PageBean,
  PermissionsResponse,
  SearchPage,
} from './types';

export type JiraPermission =
  | 'BROWSE_PROJECTS'
  | 'ADMINISTER_PROJECTS'
  | 'EDIT_ISSUES'
  | 'SCHEDULE_ISSUES'
  | 'RESOLVE_ISSUES'
  | 'TRANSITION_ISSUES';

const ISSUE_FETCH_CHUNK = 100;
const CHANGELOG_FETCH_CHUNK = 1000;

/**
 * The Jira REST calls the app makes, each asking only for what it needs. Pagination lives here so
 * no caller can forget it; retries and rate limits live in ProductClient.
 */
export class JiraClient {
  constructor(private readonly http: ProductClient) {}

  async myPermissions(projectKey: string, permissions: JiraPermission[]): Promise<Record<JiraPermission, boolean>> {
    const response = await this.http.send(
      {
        method: 'GET',
        path: `/rest/api/3/mypermissions${query({ projectKey, permissions })}`,
      },
      // Jira answers 404 for a project the user may not see (or that does not exist): no permission there.
      { acceptStatuses: [404] },
    );
    const body = (response.status === 404 ? {} : response.body) as PermissionsResponse;
    const result = {} as Record<JiraPermission, boolean>;
    for (const permission of permissions) result[permission] = body.permissions?.[permission]?.havePermission === true;
    return result;
  }

  async getProject(projectIdOrKey: string): Promise<JiraProject> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/project/${seg(projectIdOrKey)}` });
    const body = response.body as JiraProject;
    return { id: String(body.id), key: body.key, name: body.name };
  }

  /** A project with its issue types and components (what release-note templates may name). */
  async getProjectCatalog(projectIdOrKey: string): Promise<JiraProject & { issueTypes: Array<{ id: string; name: string; subtask: boolean }>; components: Array<{ id: string; name: string }> }> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/project/${seg(projectIdOrKey)}` });
    const body = response.body as JiraProject & { issueTypes?: Array<{ id: string; name: string; subtask?: boolean }>; components?: Array<{ id: string; name: string }> };
    return {
      id: String(body.id),
      key: body.key,
      name: body.name,
      issueTypes: (body.issueTypes ?? []).map((t) => ({ id: String(t.id), name: t.name, subtask: t.subtask === true })),
      components: (body.components ?? []).map((c) => ({ id: String(c.id), name: c.name })),
    };
  }

  /** Every field of the site, system and custom (GET /field is not paged). */
  async listFields(): Promise<JiraField[]> {
    const response = await this.http.send({ method: 'GET', path: '/rest/api/3/field' });
    const body = response.body as Array<{ id: string; name: string; custom?: boolean; schema?: { type?: string; custom?: string } }>;
    return (Array.isArray(body) ? body : []).map((f) => ({
      id: f.id,
      name: f.name,
      custom: f.custom === true,
      ...(f.schema?.type ? { schemaType: f.schema.type } : {}),
      ...(f.schema?.custom ? { customType: f.schema.custom } : {}),
    }));
  }

  /** The site's base URL, for links in reports (Forge functions are not told it). */
  async siteBaseUrl(): Promise<string> {
    const response = await this.http.send({ method: 'GET', path: '/rest/api/3/serverInfo' });
    const baseUrl = (response.body as { baseUrl?: unknown }).baseUrl;
    if (typeof baseUrl !== 'string') throw new AppError('UPSTREAM', 'Jira did not say its base URL.');
    return baseUrl.replace(/\/$/, '');
  }

  /** The site's default time zone (IANA) as Jira reports it, if it says one. */
  async siteTimeZone(): Promise<string | undefined> {
    const response = await this.http.send({ method: 'GET', path: '/rest/api/3/serverInfo' });
    const zone = (response.body as { serverTimeZone?: unknown }).serverTimeZone;
    return typeof zone === 'string' && zone.length > 0 ? zone : undefined;
  }

  /** Every project the caller can see, following Jira's pages. */
  async listProjects(): Promise<JiraProject[]> {
    const projects: JiraProject[] = [];
    for (let startAt = 0; ; ) {
      const response = await this.http.send({
        method: 'GET',
        path: `/rest/api/3/project/search${query({ startAt, maxResults: 50 })}`,
      });
      const page = response.body as PageBean<JiraProject>;
      projects.push(...page.values.map((p) => ({ id: String(p.id), key: p.key, name: p.name })));
      if (page.isLast || page.values.length === 0) return projects;
      startAt += page.values.length;
    }
  }

  /**
   * Every version of a project, following Jira's pages. `expand: 'issuesstatus'` adds each
   * version's issue counts per status category at no extra request.
   */
  async listVersions(projectIdOrKey: string, options: { expand?: 'issuesstatus' } = {}): Promise<JiraVersion[]> {
    const versions: JiraVersion[] = [];
    for (let startAt = 0; ; ) {
      const response = await this.http.send({
        method: 'GET',
        path: `/rest/api/3/project/${seg(projectIdOrKey)}/version${query({ startAt, maxResults: 100, orderBy: 'sequence', ...(options.expand ? { expand: options.expand } : {}) })}`,
      });
      const page = response.body as PageBean<JiraVersion>;
      versions.push(...page.values);
      if (page.isLast || page.values.length === 0) return versions;
      startAt += page.values.length;
    }
  }

  /**
   * The project's issue security scheme id, or undefined when Jira says it has none (no content,
   * or a scheme without an id). Needs Administer Projects: ask as the app. Errors are thrown, so
   * a caller that cannot tell treats the project as secured.
   */
  async issueSecuritySchemeOf(projectKeyOrId: string): Promise<string | undefined> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/project/${seg(projectKeyOrId)}/issuesecuritylevelscheme` });
    const id = (response.body as { id?: unknown } | undefined)?.id;
    return id === undefined || id === null ? undefined : String(id);
  }

  async getVersion(id: string): Promise<JiraVersion> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/version/${seg(id)}` });
    return response.body as JiraVersion;
  }

  /** Every status with its category key (changelogs name statuses by id only). One request, no issues. */
  async listStatuses(): Promise<Array<{ id: string; name: string; categoryKey: string }>> {
    const response = await this.http.send({ method: 'GET', path: '/rest/api/3/status' });
    const statuses = (response.body as Array<{ id: string | number; name: string; statusCategory?: { key?: string } }>) ?? [];
    return statuses.map((s) => ({ id: String(s.id), name: s.name, categoryKey: s.statusCategory?.key ?? '' }));
  }

  /** `moveUnfixedIssuesTo` (the target version's self URL) moves the unresolved issues as the version is released. */
  async updateVersion(id: string, patch: Partial<Pick<JiraVersion, 'released' | 'releaseDate' | 'startDate' | 'description' | 'archived'>> & { moveUnfixedIssuesTo?: string }): Promise<JiraVersion> {
    const response = await this.http.send({ method: 'PUT', path: `/rest/api/3/version/${seg(id)}`, body: patch });
    return response.body as JiraVersion;
  }

  async getIssue(issueIdOrKey: string, fields: string[]): Promise<JiraIssue> {
    const response = await this.http.send({
      method: 'GET',
      path: `/rest/api/3/issue/${seg(issueIdOrKey)}${query({ fields })}`,
    });
    return response.body as JiraIssue;
  }

  /**
   * Who is asking and the Jira groups they are in (`/myself?expand=groups`: works for any logged-in
   * user, no "Browse users and groups" needed). Group membership includes nested groups.
   */
  async myselfWithGroups(): Promise<{ accountId: string; displayName: string; groups: string[] }> {
    const response = await this.http.send({ method: 'GET', path: '/rest/api/3/myself?expand=groups' });
    const body = response.body as { accountId?: unknown; displayName?: unknown; groups?: { items?: Array<{ name?: unknown }> } };
    if (typeof body.accountId !== 'string') throw new AppError('UPSTREAM', 'Jira did not say who is asking.');
    const groups = (body.groups?.items ?? []).map((g) => g.name).filter((name): name is string => typeof name === 'string');
    return { accountId: body.accountId, displayName: typeof body.displayName === 'string' ? body.displayName : body.accountId, groups };
  }

  /** One page of an enhanced JQL search; the JQL must be bounded (a project, keys or ids). */
  async searchPage(jql: string, fields: string[], options: { maxResults?: number; nextPageToken?: string; expand?: string } = {}): Promise<SearchPage> {
    const response = await this.http.send(
      {
        method: 'POST',
        path: '/rest/api/3/search/jql',
        body: {
          jql,
          fields,
          maxResults: options.maxResults ?? 100,
          ...(options.nextPageToken ? { nextPageToken: options.nextPageToken } : {}),
          ...(options.expand ? { expand: options.expand } : {}),
        },
      },
      { idempotent: true },
    );
    return response.body as SearchPage;
  }

  /** Pages of issues until Jira says it is the last one (or `maxIssues` is reached). */
  async *search(jql: string, fields: string[], options: { pageSize?: number; maxIssues?: number } = {}): AsyncGenerator<JiraIssue[]> {
    let nextPageToken: string | undefined;
    let seen = 0;
    do {
      const page = await this.searchPage(jql, fields, { maxResults: options.pageSize ?? 100, nextPageToken });
      seen += page.issues.length;
      if (page.issues.length) yield page.issues;
      nextPageToken = page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken : undefined;
      if (options.maxIssues !== undefined && seen >= options.maxIssues) return;
    } while (nextPageToken);
  }

  async searchAll(jql: string, fields: string[], options: { pageSize?: number; maxIssues?: number } = {}): Promise<JiraIssue[]> {
    const all: JiraIssue[] = [];
    for await (const page of this.search(jql, fields, options)) all.push(...page);
    return options.maxIssues !== undefined ? all.slice(0, options.maxIssues) : all;
  }

  /** Costs one request and no per-issue points: prefer it to a search when only a number is needed. */
  async approximateCount(jql: string): Promise<number> {
    const response = await this.http.send(
      { method: 'POST', path: '/rest/api/3/search/approximate-count', body: { jql } },
      { idempotent: true },
    );
    const count = (response.body as { count?: unknown }).count;
    if (typeof count !== 'number') throw new AppError('UPSTREAM', 'Jira returned no issue count.');
    return count;
  }

  /** Issues by id or key, 100 a request; ids or keys Jira does not know (deleted, moved) are left out. */
  async bulkFetchIssues(issueIdsOrKeys: string[], fields: string[], options: { expand?: string } = {}): Promise<JiraIssue[]> {
    const issues: JiraIssue[] = [];
    for (let i = 0; i < issueIdsOrKeys.length; i += ISSUE_FETCH_CHUNK) {
      const response = await this.http.send(
        {
          method: 'POST',
          path: '/rest/api/3/issue/bulkfetch',
          body: { issueIdsOrKeys: issueIdsOrKeys.slice(i, i + ISSUE_FETCH_CHUNK), fields, ...(options.expand ? { expand: [options.expand] } : {}) },
        },
        { idempotent: true },
      );
      issues.push(...((response.body as { issues?: JiraIssue[] }).issues ?? []));
    }
    return issues;
  }

  /** Changelogs of many issues for a few fields (at most 10 field ids), following pages. */
  async bulkFetchChangelogs(issueIdsOrKeys: string[], fieldIds: string[]): Promise<IssueChangelogs[]> {
    if (fieldIds.length > 10) throw new AppError('VALIDATION', 'At most 10 fields per changelog request.');
    const byIssue = new Map<string, IssueChangelogs>();
    for (let i = 0; i < issueIdsOrKeys.length; i += CHANGELOG_FETCH_CHUNK) {
      let nextPageToken: string | undefined;
      do {
        const response = await this.http.send(
          {
            method: 'POST',
            path: '/rest/api/3/changelog/bulkfetch',
            body: {
              issueIdsOrKeys: issueIdsOrKeys.slice(i, i + CHANGELOG_FETCH_CHUNK),
              fieldIds,
              maxResults: 1000,
              ...(nextPageToken ? { nextPageToken } : {}),
            },
          },
          { idempotent: true },
        );
        const body = response.body as { issueChangeLogs?: IssueChangelogs[]; nextPageToken?: string };
        for (const entry of body.issueChangeLogs ?? []) {
          const existing = byIssue.get(entry.issueId);
          if (existing) existing.changeHistories.push(...entry.changeHistories);
          else byIssue.set(entry.issueId, { issueId: entry.issueId, changeHistories: [...entry.changeHistories] });
        }
        nextPageToken = body.nextPageToken;
      } while (nextPageToken);
    }
    return [...byIssue.values()];
  }

  /** The first page of projects the caller may browse, by key (for pickers; not every project). */
  async searchProjectsPage(maxResults = 100): Promise<JiraProject[]> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/project/search${query({ startAt: 0, maxResults, orderBy: 'key' })}` });
    return (response.body as PageBean<JiraProject>).values.map((p) => ({ id: String(p.id), key: p.key, name: p.name }));
  }

  /** The projects among `keys` the caller may browse (hidden and unknown ones are left out). */
  async projectsByKeys(keys: string[]): Promise<JiraProject[]> {
    const projects: JiraProject[] = [];
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += 50) {
      const chunk = unique.slice(i, i + 50);
      const params = chunk.map((key) => `keys=${seg(key)}`).join('&');
      const response = await this.http.send({ method: 'GET', path: `/rest/api/3/project/search?${params}&maxResults=50` });
      const page = response.body as PageBean<JiraProject>;
      projects.push(...page.values.map((p) => ({ id: String(p.id), key: p.key, name: p.name })));
    }
    return projects;
  }

  /** Display names of accounts (at most 200 per call); unknown accounts are left out. */
  async usersByIds(accountIds: string[]): Promise<JiraUser[]> {
    const users: JiraUser[] = [];
    const unique = [...new Set(accountIds)];
    for (let i = 0; i < unique.length; i += 200) {
      const params = unique.slice(i, i + 200).map((id) => `accountId=${seg(id)}`).join('&');
      const response = await this.http.send({ method: 'GET', path: `/rest/api/3/user/bulk?${params}&maxResults=200` });
      users.push(...((response.body as PageBean<JiraUser>).values ?? []).map(toUser));
    }
    return users;
  }

  /** People whose name or e-mail starts with `text` (Jira's user search), for pickers. */
  async searchUsers(text: string, maxResults = 20): Promise<JiraUser[]> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/user/search${query({ query: text, maxResults })}` });
    return ((response.body as JiraUser[]) ?? []).filter((u) => u.accountType === undefined || u.accountType === 'atlassian').map(toUser);
  }

  /** Groups whose name contains `text`, case-insensitive (Jira's group picker), for pickers. */
  async searchGroups(text: string, maxResults = 20): Promise<JiraGroupRef[]> {
    const response = await this.http.send({ method: 'GET', path: `/rest/api/3/groups/picker${query({ query: text, maxResults, caseInsensitive: true })}` });
    const body = (response.body ?? {}) as { groups?: Array<{ name?: string; groupId?: string }> };
    return (body.groups ?? []).filter((g): g is { name: string; groupId?: string } => typeof g.name === 'string').map((g) => ({ name: g.name, ...(g.groupId ? { groupId: g.groupId } : {}) }));
  }
}

function toUser(user: JiraUser): JiraUser {
  return { accountId: user.accountId, displayName: user.displayName, ...(user.accountType ? { accountType: user.accountType } : {}), ...(user.active === undefined ? {} : { active: user.active }) };
}
