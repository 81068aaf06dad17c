import {
  issueListRequest,
  issueRequest,
  jiraErrorText,
  jiraJson,
  parseIssue,
  parseSearch,
  parseVersions,
  versionsRequest,
} from '../../../local/host/src/jira-data';

describe('requests', () => {
  it('lists a project through the bounded enhanced search, fields named', () => {
    const req = issueListRequest('SHOP');
    expect(req.restPath).toBe('/rest/api/3/search/jql');
    expect(req.method).toBe('POST');
    expect(JSON.parse(req.body)).toEqual({ jql: 'project = SHOP ORDER BY key', fields: ['summary', 'status', 'issuetype', 'fixVersions'], maxResults: 100 });
  });

  it('reads one issue and the versions', () => {
    expect(issueRequest('SHOP-12').restPath).toMatch(/^\/rest\/api\/3\/issue\/SHOP-12\?fields=summary,status,issuetype,fixVersions,project,/);
    expect(versionsRequest('SHOP')).toEqual({ restPath: '/rest/api/3/project/SHOP/version?maxResults=100&orderBy=-sequence', method: 'GET' });
  });
});

describe('parseSearch', () => {
  it('maps issues and paging', () => {
    const out = parseSearch({
      issues: [
        {
          id: '10012',
          key: 'SHOP-12',
          fields: {
            summary: 'Checkout',
            status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
            issuetype: { name: 'Story' },
            fixVersions: [{ id: '1', name: 'Shop 2.4' }],
          },
        },
        { id: '10013', key: 'SHOP-13', fields: {} },
      ],
      nextPageToken: 'abc',
      isLast: false,
    });
    expect(out.isLast).toBe(false);
    expect(out.issues).toEqual([
      { id: '10012', key: 'SHOP-12', summary: 'Checkout', status: 'In Progress', statusCategory: 'indeterminate', issueType: 'Story', fixVersions: [{ id: '1', name: 'Shop 2.4' }] },
      { id: '10013', key: 'SHOP-13', summary: '', status: '—', statusCategory: 'undefined', issueType: '—', fixVersions: [] },
    ]);
    expect(parseSearch({ issues: [], isLast: true }).isLast).toBe(true);
    expect(parseSearch(null)).toEqual({ issues: [], isLast: true });
  });
});

describe('parseIssue', () => {
  it('maps fields, people and links in both directions', () => {
    const issue = parseIssue({
      id: '10012',
      key: 'SHOP-12',
      fields: {
        summary: 'Checkout',
        status: { name: 'Done', statusCategory: { key: 'done' } },
        issuetype: { name: 'Bug' },
        fixVersions: [],
        project: { id: '10000', key: 'SHOP', name: 'Shop' },
        assignee: { accountId: 'u1', displayName: 'Alice' },
        reporter: { accountId: 'u2' },
        priority: { name: 'High' },
        labels: ['a', 'b'],
        duedate: '2026-12-01',
        issuelinks: [
          { type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, inwardIssue: { key: 'SHOP-7', fields: { summary: 'Tokenise', status: { name: 'To Do', statusCategory: { key: 'new' } } } } },
          { type: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }, outwardIssue: { key: 'SHOP-20', fields: { summary: 'Later' } } },
          { type: { name: 'Broken' } },
        ],
      },
    });
    expect(issue).toMatchObject({
      key: 'SHOP-12',
      project: { id: '10000', key: 'SHOP', name: 'Shop' },
      assignee: 'Alice',
      reporter: 'u2',
      priority: 'High',
      labels: ['a', 'b'],
      dueDate: '2026-12-01',
      statusCategory: 'done',
    });
    expect(issue.links).toEqual([
      { direction: 'inward', label: 'is blocked by', key: 'SHOP-7', summary: 'Tokenise', status: 'To Do', statusCategory: 'new' },
      { direction: 'outward', label: 'blocks', key: 'SHOP-20', summary: 'Later', status: '—', statusCategory: 'undefined' },
    ]);
    expect(parseIssue({ key: 'X-1', fields: {} })).toMatchObject({ assignee: null, priority: null, links: [], dueDate: null });
  });
});

describe('parseVersions / jiraJson / jiraErrorText', () => {
  it('reads paged and bare version lists', () => {
    const v = { id: '1', name: 'Shop 2.4', released: false, releaseDate: '2026-12-01', archived: false };
    expect(parseVersions({ values: [v], isLast: true })).toEqual([{ id: '1', name: 'Shop 2.4', released: false, releaseDate: '2026-12-01' }]);
    expect(parseVersions([{ ...v, archived: true, released: true }])).toEqual([{ id: '1', name: 'Shop 2.4', released: true, releaseDate: '2026-12-01', archived: true }]);
    expect(parseVersions({})).toEqual([]);
  });

  it.each<[{ status?: number; body?: unknown }, { status: number; json: unknown }]>([
    [{ status: 200, body: '{"a":1}' }, { status: 200, json: { a: 1 } }],
    [{ status: 204, body: '' }, { status: 204, json: null }],
    [{ status: 502, body: '<html>bad gateway</html>' }, { status: 502, json: '<html>bad gateway</html>' }],
    [{ status: 200, body: { already: 'parsed' } }, { status: 200, json: { already: 'parsed' } }],
    [{}, { status: 0, json: null }],
  ])('jiraJson(%j)', (answer, expected) => {
    expect(jiraJson(answer)).toEqual(expected);
  });

  it('words Jira errors', () => {
    expect(jiraErrorText(400, { errorMessages: ['Bad JQL'], errors: { jql: 'unknown field' } })).toBe('Jira answered 400: Bad JQL; jql: unknown field');
    expect(jiraErrorText(500, null)).toBe('Jira answered 500');
    expect(jiraErrorText(502, 'upstream down')).toBe('Jira answered 502: upstream down');
  });
});
