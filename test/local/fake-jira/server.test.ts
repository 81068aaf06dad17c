import { DEMO_ACCOUNT, generateSyntheticDataset, type FakeJira, type JiraProductEvent } from '../../../local/fake-jira';
import { ANCHOR, call, startTestJira } from './helpers';

const { admin, releaseManager, developer, qa, viewer, outsider } = DEMO_ACCOUNT;

describe('fake Jira over HTTP', () => {
  let jira: FakeJira;
  beforeAll(async () => {
    jira = await startTestJira();
  });
  afterAll(() => jira.close());
  beforeEach(() => {
    Object.assign(jira.faults, { latencyMs: 0, fail429Next: 0, quotaExhausted: false, fail5xxNext: 0 });
    jira.resetStats();
  });

  const versionId = (name: string) => jira.dataset.versions.find((v) => v.name === name)!.id;

  describe('authentication', () => {
    it.each([
      ['no header', 'none'],
      ['an unknown user', 'user-that-does-not-exist'],
    ])('answers 401 with a Jira error body for %s', async (_name, who) => {
      const answer = await call(jira, who, 'GET', '/rest/api/3/myself');
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ errorMessages: [expect.stringContaining('not authenticated')], errors: {} });
    });

    it.each([
      ['a bearer user token', developer, 'Dana Kowalski'],
      ['basic auth with the e-mail address', { basic: 'priya.shah@example.com' }, 'Priya Shah'],
      ['the app', 'app', 'Release Readiness'],
    ] as const)('knows who is asking with %s', async (_name, who, displayName) => {
      const answer = await call(jira, who, 'GET', '/rest/api/3/myself');
      expect(answer.status).toBe(200);
      expect(answer.body.displayName).toBe(displayName);
    });

    it('lists the caller’s groups with expand=groups, with stable ids, and leaves them out otherwise', async () => {
      const qa = jira.dataset.users.find((u) => u.displayName === 'Priya Shah')!;
      const answer = await call(jira, qa.accountId, 'GET', '/rest/api/3/myself?expand=groups');
      expect(answer.body.groups.size).toBe(qa.groups.length);
      expect(answer.body.groups.items.map((g: { name: string }) => g.name)).toEqual(qa.groups);
      expect(answer.body.groups.items.map((g: { name: string }) => g.name)).toContain('qa-team');
      const again = await call(jira, qa.accountId, 'GET', '/rest/api/3/myself?expand=groups');
      expect(again.body.groups.items[0].groupId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(again.body.groups).toEqual(answer.body.groups);
      expect((await call(jira, qa.accountId, 'GET', '/rest/api/3/myself')).body.groups).toBeUndefined();
      expect((await call(jira, 'app', 'GET', '/rest/api/3/myself?expand=groups')).body.groups).toEqual({ size: 0, items: [] });
    });
  });

  describe('permissions', () => {
    it('hides projects a user may not browse', async () => {
      const keys = async (who: string) => (await call(jira, who, 'GET', '/rest/api/3/project/search')).body.values.map((p: { key: string }) => p.key);
      expect(await keys('app')).toEqual(['PAY', 'SHOP']);
      expect(await keys(viewer)).toEqual(['SHOP']);
      expect(await keys(outsider)).toEqual([]);
      expect((await call(jira, viewer, 'GET', '/rest/api/3/project/PAY')).status).toBe(404);
      expect((await call(jira, viewer, 'GET', '/rest/api/3/project/PAY/version')).status).toBe(404);
      expect((await call(jira, viewer, 'GET', `/rest/api/3/version/${versionId('PAY 3.1')}`)).status).toBe(404);
    });

    it('answers 404 for an issue in a hidden project and leaves it out of searches', async () => {
      const answer = await call(jira, viewer, 'GET', '/rest/api/3/issue/PAY-1');
      expect(answer).toMatchObject({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
      const search = await call(jira, viewer, 'POST', '/rest/api/3/search/jql', { jql: 'status = Done', fields: ['key'], maxResults: 100 });
      expect(search.status).toBe(200);
      expect(search.body.issues.length).toBeGreaterThan(0);
      expect(search.body.issues.every((i: { key: string }) => i.key.startsWith('SHOP-'))).toBe(true);
      const bulk = await call(jira, viewer, 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['SHOP-1', 'PAY-1'], fields: ['summary'] });
      expect(bulk.body.issues.map((i: { key: string }) => i.key)).toEqual(['SHOP-1']);
      expect(bulk.body.issueErrors).toEqual([{ id: 'PAY-1', errorMessage: expect.any(String) }]);
    });

    it.each([
      ['admin', 'PAY', admin, { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER: true }],
      ['release manager', 'SHOP', releaseManager, { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER: false }],
      ['release manager', 'PAY', releaseManager, { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: false, EDIT_ISSUES: false, ADMINISTER: false }],
      ['developer', 'SHOP', developer, { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: false, EDIT_ISSUES: true, ADMINISTER: false }],
      ['QA engineer', 'PAY', qa, { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: false, EDIT_ISSUES: true, ADMINISTER: false }],
      ['viewer', 'SHOP', viewer, { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: false, EDIT_ISSUES: false, ADMINISTER: false }],
      ['the app', 'PAY', 'app', { BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: true, EDIT_ISSUES: true, ADMINISTER: true }],
    ])('mypermissions of the %s in %s', async (_role, projectKey, who, expected) => {
      const answer = await call(jira, who, 'GET', `/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,EDIT_ISSUES,ADMINISTER`);
      expect(answer.status).toBe(200);
      const have = Object.fromEntries(Object.entries(answer.body.permissions as Record<string, { havePermission: boolean }>).map(([k, v]) => [k, v.havePermission]));
      expect(have).toEqual(expected);
      expect(answer.body.permissions.BROWSE_PROJECTS).toMatchObject({ id: '10', key: 'BROWSE_PROJECTS', type: 'PROJECT', name: 'Browse Projects' });
    });

    it.each([
      ['no permissions parameter', '/rest/api/3/mypermissions?projectKey=SHOP', 400],
      ['an unknown permission', '/rest/api/3/mypermissions?projectKey=SHOP&permissions=FLY', 400],
      ['an unknown project', '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS', 404],
    ])('mypermissions rejects %s', async (_name, path, status) => {
      const answer = await call(jira, developer, 'GET', path);
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ errorMessages: [expect.any(String)], errors: {} });
    });

    // The spec: 404 "if the project or issue is not found or the user does not have permission to view" it.
    it.each([
      ['the viewer', 'PAY', viewer],
      ['an outsider', 'SHOP', outsider],
    ])('mypermissions answers 404 to %s for a project they may not browse (%s), as for one that does not exist', async (_who, projectKey, who) => {
      const answer = await call(jira, who, 'GET', `/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=BROWSE_PROJECTS,EDIT_ISSUES`);
      const unknown = await call(jira, who, 'GET', '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS,EDIT_ISSUES');
      expect([answer.status, unknown.status]).toEqual([404, 404]);
      // Word for word the answer about a project that does not exist: nothing tells the two apart.
      expect(JSON.stringify(answer.body)).toBe(JSON.stringify(unknown.body).replace('NOPE', projectKey));
    });

    it('mypermissions takes projectId over projectKey, as the spec says', async () => {
      const pay = jira.dataset.projects.find((p) => p.key === 'PAY')!;
      const answer = await call(jira, viewer, 'GET', `/rest/api/3/mypermissions?projectId=${pay.id}&projectKey=SHOP&permissions=BROWSE_PROJECTS`);
      expect(answer.status).toBe(404);
    });


    it('lets only project administrators (and the app) edit versions', async () => {
      const id = versionId('PAY 3.2');
      expect((await call(jira, releaseManager, 'PUT', `/rest/api/3/version/${id}`, { description: 'x' })).status).toBe(403);
      expect((await call(jira, viewer, 'PUT', `/rest/api/3/version/${id}`, { description: 'x' })).status).toBe(404);
      expect((await call(jira, developer, 'PUT', `/rest/api/3/version/${versionId('SHOP 2.5')}`, { description: 'x' })).status).toBe(403);
      const ok = await call(jira, admin, 'PUT', `/rest/api/3/version/${id}`, { description: 'Gift card ledger.' });
      expect(ok).toMatchObject({ status: 200, body: { id, description: 'Gift card ledger.' } });
    });
  });

  describe('search', () => {
    const jql = 'project = SHOP ORDER BY key';

    it('pages with nextPageToken until isLast, without gaps or repeats', async () => {
      const keys: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const answer = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 70, ...(token ? { nextPageToken: token } : {}) });
        expect(answer.status).toBe(200);
        keys.push(...answer.body.issues.map((i: { key: string }) => i.key));
        token = answer.body.nextPageToken;
        expect(answer.body.isLast).toBe(token === undefined);
        pages++;
      } while (token);
      const expected = jira.dataset.issues.filter((i) => i.key.startsWith('SHOP-')).map((i) => i.key);
      expect(keys).toEqual([...expected].sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1])));
      expect(pages).toBe(Math.ceil(expected.length / 70));
    });

    it('works the same with GET and query parameters', async () => {
      const post = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql, maxResults: 5, fields: ['summary', 'status'] });
      const get = await call(jira, 'app', 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&maxResults=5&fields=summary&fields=status`);
      expect(get.body).toEqual(post.body);
      const page2 = await call(jira, 'app', 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}&maxResults=5&fields=summary,status&nextPageToken=${post.body.nextPageToken}`);
      expect(page2.body.issues[0].key).toBe('SHOP-6');
    });

    it.each([
      ['ids only by default', undefined, 50, ['id']],
      ['only the fields asked for', ['summary', 'fixVersions'], 50, ['expand', 'id', 'self', 'key', 'fields']],
      ['at most 100 issues with fields', ['summary'], 100, ['expand', 'id', 'self', 'key', 'fields']],
      ['up to 5000 for ids only', ['id'], 5000, ['id']],
    ])('returns %s', async (_name, fields, maxResults, keys) => {
      const answer = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'project in (SHOP, PAY)', maxResults: 9999, ...(fields ? { fields } : {}) });
      if (maxResults !== 50) expect(answer.body.issues.length).toBe(Math.min(maxResults, jira.dataset.issues.length));
      expect(Object.keys(answer.body.issues[0])).toEqual(keys);
      if (fields && fields[0] !== 'id') expect(Object.keys(answer.body.issues[0].fields).sort()).toEqual(fields.filter((f) => f !== 'id').sort());
      const defaultPage = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP' });
      expect(defaultPage.body.issues).toHaveLength(50);
    });

    it.each([
      ['*all minus description', ['*all', '-description'], (f: string[]) => f.includes('statuscategorychangedate') && !f.includes('description') && f.includes('customfield_10016')],
      ['*navigable', ['*navigable'], (f: string[]) => f.includes('issuelinks') && !f.includes('description')],
      ['custom fields by id', ['customfield_10016', 'customfield_10021'], (f: string[]) => f.length === 2],
    ])('honours fields=%s', async (_name, fields, check) => {
      const answer = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'key = SHOP-10', fields });
      expect(check(Object.keys(answer.body.issues[0].fields))).toBe(true);
    });

    it('expands the changelog, newest first', async () => {
      const answer = await call(jira, 'app', 'GET', '/rest/api/3/issue/SHOP-20?fields=status&expand=changelog,names');
      const histories = answer.body.changelog.histories as Array<{ created: string }>;
      expect(answer.body.changelog.total).toBe(jira.dataset.issues.find((i) => i.key === 'SHOP-20')!.changelog.length);
      expect(histories.map((h) => h.created)).toEqual([...histories.map((h) => h.created)].sort().reverse());
      expect(answer.body.names).toEqual({ status: 'Status' });
    });

    it.each([
      ['unbounded JQL', { jql: 'ORDER BY created DESC' }, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      ['empty JQL', {}, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
      ['bad syntax', { jql: 'project SHOP' }, expect.stringContaining('Expecting operator')],
      ['an unknown field in the body', { jql: 'project = SHOP', startAt: 0 }, 'Unrecognized field "startAt"'],
      ['a forged page token', { jql: 'project = SHOP', nextPageToken: 'abc' }, 'The provided next page token is invalid or expired.'],
    ])('answers 400 for %s', async (_name, body, message) => {
      const answer = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', body);
      expect(answer).toMatchObject({ status: 400, body: { errorMessages: [message], errors: {} } });
    });

    it('counts approximately without charging per issue', async () => {
      const answer = await call(jira, 'app', 'POST', '/rest/api/3/search/approximate-count', { jql: 'project = SHOP AND statusCategory = Done' });
      expect(answer.body.count).toBe(jira.dataset.issues.filter((i) => i.key.startsWith('SHOP-') && i.statusId === '10002').length);
      expect(jira.stats().byRoute['POST /rest/api/3/search/approximate-count']).toEqual({ requests: 1, points: 1 });
    });

    it('answers 410 Gone for the old search', async () => {
      expect((await call(jira, 'app', 'GET', '/rest/api/3/search?jql=project=SHOP')).status).toBe(410);
      expect((await call(jira, 'app', 'POST', '/rest/api/3/search', { jql: 'project = SHOP' })).status).toBe(410);
    });
  });

  describe('bulk fetches', () => {
    it('fetches up to 100 issues in id order and refuses more', async () => {
      const answer = await call(jira, 'app', 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['SHOP-3', 'SHOP-1', 'NOPE-1'], fields: ['summary'] });
      expect(answer.body.issues.map((i: { key: string }) => i.key)).toEqual(['SHOP-1', 'SHOP-3']);
      expect(answer.body.issueErrors).toHaveLength(1);
      const tooMany = await call(jira, 'app', 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: Array.from({ length: 101 }, (_, i) => `SHOP-${i + 1}`) });
      expect(tooMany.status).toBe(400);
    });

    it('pages changelogs oldest first, filtered by field id', async () => {
      const keys = jira.dataset.issues.filter((i) => i.key.startsWith('PAY-')).map((i) => i.key);
      const seen: Array<{ issueId: string; created: string; items: Array<{ fieldId: string }> }> = [];
      let token: string | undefined;
      do {
        const answer = await call(jira, 'app', 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: keys, fieldIds: ['status', 'fixVersions'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) });
        expect(answer.status).toBe(200);
        for (const entry of answer.body.issueChangeLogs) for (const h of entry.changeHistories) seen.push({ issueId: entry.issueId, ...h });
        token = answer.body.nextPageToken;
      } while (token);
      const expected = jira.dataset.issues.filter((i) => i.key.startsWith('PAY-')).flatMap((i) => i.changelog.filter((h) => h.items.some((it) => it.fieldId === 'status' || it.fieldId === 'fixVersions')));
      expect(seen).toHaveLength(expected.length);
      expect(seen.every((h) => h.items.every((it) => it.fieldId === 'status' || it.fieldId === 'fixVersions'))).toBe(true);
      const invalid = await call(jira, 'app', 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: keys, fieldIds: Array.from({ length: 11 }, (_, i) => `f${i}`) });
      expect(invalid.status).toBe(400);
    });
  });

  describe('versions', () => {
    it.each([
      ['sequence', 'orderBy=sequence', ['SHOP 2.0', 'SHOP 2.1', 'SHOP 2.2', 'SHOP 2.3', 'SHOP 2.3.1', 'SHOP 2.4', 'SHOP 2.5', 'SHOP 3.0']],
      ['-releaseDate', 'orderBy=-releaseDate', ['SHOP 3.0', 'SHOP 2.5', 'SHOP 2.4', 'SHOP 2.3.1', 'SHOP 2.3', 'SHOP 2.2', 'SHOP 2.1', 'SHOP 2.0']],
      ['unreleased only', 'status=unreleased', ['SHOP 2.3.1', 'SHOP 2.4', 'SHOP 2.5', 'SHOP 3.0']],
      ['released and archived', 'status=released,archived&orderBy=name', ['SHOP 2.0', 'SHOP 2.1', 'SHOP 2.2', 'SHOP 2.3']],
      ['a text query', 'query=hotfix', ['SHOP 2.3.1']],
      ['a second page', 'startAt=6&maxResults=3', ['SHOP 2.5', 'SHOP 3.0']],
    ])('lists project versions by %s', async (_name, query, names) => {
      const answer = await call(jira, 'app', 'GET', `/rest/api/3/project/SHOP/version?${query}`);
      expect(answer.status).toBe(200);
      expect(answer.body.values.map((v: { name: string }) => v.name)).toEqual(names);
    });

    it('reports overdue versions and counts', async () => {
      const overdue = await call(jira, 'app', 'GET', `/rest/api/3/version/${versionId('SHOP 2.3.1')}`);
      expect(overdue.body).toMatchObject({ overdue: true, released: false, projectId: 10000 });
      const counts = await call(jira, 'app', 'GET', `/rest/api/3/version/${versionId('SHOP 2.4')}/relatedIssueCounts`);
      const inVersion = jira.dataset.issues.filter((i) => i.fixVersionIds.includes(versionId('SHOP 2.4')));
      expect(counts.body.issuesFixedCount).toBe(inVersion.length);
      const unresolved = await call(jira, 'app', 'GET', `/rest/api/3/version/${versionId('SHOP 2.4')}/unresolvedIssueCount`);
      expect(unresolved.body).toMatchObject({ issuesCount: inVersion.length, issuesUnresolvedCount: inVersion.filter((i) => i.resolutionId === null).length });
    });

    it.each([
      ['a bad date', { releaseDate: '2026-13-01' }, { releaseDate: expect.any(String) }],
      ['a start after the release', { startDate: '2026-05-01', releaseDate: '2026-04-01' }, { startDate: 'The start date must be before the release date.' }],
      ['a duplicate name', { name: 'SHOP 2.4' }, { name: 'A version with this name already exists in this project.' }],
    ])('refuses %s', async (_name, body, errors) => {
      const answer = await call(jira, 'app', 'PUT', `/rest/api/3/version/${versionId('SHOP 2.5')}`, body);
      expect(answer).toMatchObject({ status: 400, body: { errorMessages: [], errors } });
    });
  });

  describe('changes and events', () => {
    it('releases a version, moving unfixed issues, and emits events', async () => {
      const events: JiraProductEvent[] = [];
      const stop = jira.onEvent((e) => events.push(e));
      const hotfix = versionId('SHOP 2.3.1');
      const unfixed = jira.dataset.issues.filter((i) => i.fixVersionIds.includes(hotfix) && i.resolutionId === null);
      const answer = await call(jira, releaseManager, 'PUT', `/rest/api/3/version/${hotfix}`, {
        released: true,
        releaseDate: '2026-03-10',
        moveUnfixedIssuesTo: `${jira.url}/rest/api/3/version/${versionId('SHOP 2.4')}`,
      });
      stop();
      expect(answer.body).toMatchObject({ released: true, releaseDate: '2026-03-10', overdue: false });
      expect(unfixed.length).toBeGreaterThan(0);
      expect(unfixed.every((i) => i.fixVersionIds.includes(versionId('SHOP 2.4')) && !i.fixVersionIds.includes(hotfix))).toBe(true);
      expect(events.filter((e) => e.eventType === 'avi:jira:updated:issue')).toHaveLength(unfixed.length);
      const released = events.at(-1)!;
      expect(released).toMatchObject({ eventType: 'avi:jira:released:version', atlassianId: releaseManager, version: { id: hotfix, name: 'SHOP 2.3.1', projectId: 10000, released: true } });
    });

    it('transitions an issue, records the changelog and emits avi:jira:updated:issue', async () => {
      const issue = jira.dataset.issues.find((i) => i.key.startsWith('SHOP-') && i.statusId === '3')!;
      const before = issue.changelog.length;
      const transitions = await call(jira, developer, 'GET', `/rest/api/3/issue/${issue.key}/transitions`);
      const done = transitions.body.transitions.find((t: { to: { name: string } }) => t.to.name === 'Done');
      expect(transitions.body.transitions.map((t: { name: string }) => t.name)).not.toContain('In Progress');
      const events: JiraProductEvent[] = [];
      const stop = jira.onEvent((e) => events.push(e));
      const answer = await call(jira, developer, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: done.id } });
      stop();
      expect(answer.status).toBe(204);
      expect(issue).toMatchObject({ statusId: '10002', resolutionId: '10000', resolutiondate: '2026-03-10T12:00:00.000+0000', updated: '2026-03-10T12:00:00.000+0000' });
      expect(issue.changelog).toHaveLength(before + 1);
      expect(events).toEqual([
        {
          eventType: 'avi:jira:updated:issue',
          issue: { id: issue.id, key: issue.key, fields: expect.objectContaining({ summary: issue.summary, status: expect.objectContaining({ name: 'Done' }) }) },
          atlassianId: developer,
          associatedUsers: [{ accountId: developer }],
          changelog: {
            id: issue.changelog.at(-1)!.id,
            items: [
              { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '3', fromString: 'In Progress', to: '10002', toString: 'Done' },
              { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
            ],
          },
        },
      ]);
      // The search sees the change at once.
      const found = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql: `key = ${issue.key} AND status = Done AND updated >= -1m` });
      expect(found.body.issues).toEqual([{ id: issue.id }]);
      // Reopening clears the resolution.
      const reopen = transitions.body.transitions.find((t: { to: { name: string } }) => t.to.name === 'To Do');
      await call(jira, developer, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, { transition: { id: reopen.id } });
      expect(issue).toMatchObject({ statusId: '10000', resolutionId: null, resolutiondate: null });
    });

    it.each([
      ['a viewer (no transition permission)', viewer, { transition: { id: '41' } }, 400],
      ['a missing transition', developer, {}, 400],
      ['an unknown transition', developer, { transition: { id: '999' } }, 400],
      ['a resolution on a non-done status', developer, { transition: { id: '21' }, fields: { resolution: { name: 'Done' } } }, 400],
    ])('refuses a transition by %s', async (_name, who, body, status) => {
      const issue = jira.dataset.issues.find((i) => i.key.startsWith('SHOP-') && i.statusId === '10000')!;
      expect((await call(jira, who, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, body)).status).toBe(status);
    });

    it('edits fields, creates issues and links them, with events', async () => {
      const events: JiraProductEvent[] = [];
      const stop = jira.onEvent((e) => events.push(e));
      const created = await call(jira, qa, 'POST', '/rest/api/3/issue', {
        fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'Checkout: new bug', fixVersions: [{ name: 'SHOP 2.4' }], labels: ['customer'] },
      });
      expect(created).toMatchObject({ status: 201, body: { id: expect.any(String), key: expect.stringMatching(/^SHOP-\d+$/) } });
      const edited = await call(jira, developer, 'PUT', `/rest/api/3/issue/${created.body.key}`, {
        fields: { customfield_10016: 3, customfield_10021: [{ value: 'Impediment' }] },
        update: { labels: [{ add: 'security' }, { remove: 'customer' }], fixVersions: [{ set: [{ name: 'SHOP 2.5' }] }] },
      });
      expect(edited.status).toBe(204);
      const link = await call(jira, developer, 'POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: created.body.key }, outwardIssue: { key: 'SHOP-1' } });
      expect(link.status).toBe(201);
      stop();
      const fetched = await call(jira, developer, 'GET', `/rest/api/3/issue/${created.body.key}?fields=labels,fixVersions,customfield_10016,customfield_10021,issuelinks,status`);
      expect(fetched.body.fields).toMatchObject({
        labels: ['security'],
        fixVersions: [{ name: 'SHOP 2.5' }],
        customfield_10016: 3,
        customfield_10021: [{ value: 'Impediment' }],
        issuelinks: [{ type: { name: 'Blocks' }, outwardIssue: { key: 'SHOP-1' } }],
        status: { name: 'To Do' },
      });
      const other = await call(jira, developer, 'GET', '/rest/api/3/issue/SHOP-1?fields=issuelinks');
      expect(other.body.fields.issuelinks).toContainEqual(expect.objectContaining({ inwardIssue: expect.objectContaining({ key: created.body.key }) }));
      expect(events.map((e) => e.eventType)).toEqual(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:created:issuelink']);
      expect(events[2]).toMatchObject({ sourceIssueId: Number(created.body.id), issueLinkType: { name: 'Blocks', outwardName: 'blocks', inwardName: 'is blocked by' } });
      expect((await call(jira, viewer, 'PUT', `/rest/api/3/issue/${created.body.key}`, { fields: { summary: 'x' } })).status).toBe(403);
      expect((await call(jira, developer, 'PUT', `/rest/api/3/issue/${created.body.key}`, { fields: { duedate: '2026-01-01' } })).status).toBe(400);
    });
  });

  describe('faults, latency and points', () => {
    it('answers a 429 burst with Retry-After: 1, then recovers', async () => {
      jira.faults.fail429Next = 2;
      const first = await call(jira, 'app', 'GET', '/rest/api/3/myself');
      const second = await call(jira, 'app', 'GET', '/rest/api/3/myself');
      const third = await call(jira, 'app', 'GET', '/rest/api/3/myself');
      expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
      expect(first.headers).toMatchObject({ 'retry-after': '1', 'ratelimit-reason': 'jira-burst-based' });
    });

    it('answers every request with the quota reason until the next UTC hour', async () => {
      jira.faults.quotaExhausted = true;
      const answers = await Promise.all([call(jira, 'app', 'GET', '/rest/api/3/myself'), call(jira, viewer, 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP' })]);
      for (const answer of answers) {
        expect(answer.status).toBe(429);
        expect(answer.headers['ratelimit-reason']).toBe('jira-quota-global-based');
        expect(answer.headers['retry-after']).toBe('3600'); // the clock says 12:00:00; the quota resets at 13:00
      }
    });

    it('answers 503 for the next n requests', async () => {
      jira.faults.fail5xxNext = 1;
      expect((await call(jira, 'app', 'GET', '/rest/api/3/serverInfo')).status).toBe(503);
      expect((await call(jira, 'app', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
    });

    it('waits the latency before every answer (how long that takes is measured in bench/)', async () => {
      const waits: number[] = [];
      const slow = await startTestJira({ latencyMs: 120, sleep: async (ms) => void waits.push(ms) });
      try {
        expect((await call(slow, 'app', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
        slow.faults.latencyMs = 0;
        expect((await call(slow, 'app', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
        slow.faults.latencyMs = 30;
        expect((await call(slow, 'app', 'GET', '/rest/api/3/serverInfo')).status).toBe(200);
        expect(waits).toEqual([120, 30]);
      } finally {
        await slow.close();
      }
    });

    it('charges 1 point per request, 1 per issue and 2 per user, by route', async () => {
      await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 10 });
      await call(jira, 'app', 'GET', '/rest/api/3/users/search?maxResults=3');
      await call(jira, 'app', 'GET', `/rest/api/3/version/${versionId('SHOP 2.4')}`);
      expect(jira.stats()).toEqual({
        requests: 3,
        points: 11 + 7 + 1,
        byRoute: {
          'POST /rest/api/3/search/jql': { requests: 1, points: 11 },
          'GET /rest/api/3/users/search': { requests: 1, points: 7 },
          'GET /rest/api/3/version/{id}': { requests: 1, points: 1 },
        },
      });
    });

    it('offers the switches and stats on admin routes', async () => {
      const put = await fetch(`${jira.url}/__admin/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fail5xxNext: 1 }) });
      expect(await put.json()).toEqual({ latencyMs: 0, fail429Next: 0, quotaExhausted: false, fail5xxNext: 1 });
      expect(jira.faults.fail5xxNext).toBe(1);
      expect((await call(jira, 'app', 'GET', '/rest/api/3/serverInfo')).status).toBe(503);
      const stats = await (await fetch(`${jira.url}/__admin/stats`)).json();
      expect(stats).toMatchObject({ requests: 1, points: 0 });
      await fetch(`${jira.url}/__admin/reset-stats`, { method: 'POST' });
      expect(jira.stats()).toEqual({ requests: 0, points: 0, byRoute: {} });
      const bad = await fetch(`${jira.url}/__admin/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latency: 5 }) });
      expect(bad.status).toBe(400);
    });
  });
});

describe('fake Jira with a 50,000-issue project', () => {
  let jira: FakeJira;
  beforeAll(async () => {
    jira = await startTestJira({ dataset: generateSyntheticDataset(ANCHOR, { issueCount: 50_000, projectKey: 'BIG' }) });
  });
  afterAll(() => jira.close());

  // How fast is measured by bench/fakes.ts.
  it('pages through every open issue with page tokens, each once', async () => {
    const seen = new Set<string>();
    let token: string | undefined;
    let count = 0;
    do {
      const answer = await call(jira, 'app', 'POST', '/rest/api/3/search/jql', { jql: 'project = BIG AND statusCategory != Done ORDER BY updated DESC', fields: ['id'], maxResults: 5000, ...(token ? { nextPageToken: token } : {}) });
      count += answer.body.issues.length;
      for (const issue of answer.body.issues as Array<{ id: string }>) seen.add(issue.id);
      token = answer.body.nextPageToken;
    } while (token);
    expect(count).toBe(jira.dataset.issues.filter((i) => i.statusId !== '10002').length);
    expect(seen.size).toBe(count);
  });
});
