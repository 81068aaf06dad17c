/**
 * The fake Jira against the published Jira Cloud platform v3 OpenAPI spec: every endpoint's
 * response (and every request body the fake accepts here) must validate against the spec's
 * schemas. Known differences between the spec and real Jira are listed in SPEC_FIXES.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DEMO_ACCOUNT, type FakeJira } from '../../../local/fake-jira';
import { readOpenApiSpec } from '../../support/openapi-specs';
import { call, startTestJira } from './helpers';

const SPEC_ID = 'https://fake-jira.local/jira-platform-v3.json';

type Schema = Record<string, unknown>;
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
const spec = readOpenApiSpec<{ paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }>('jira-platform-v3');

/**
 * Where the spec and real Jira disagree, the fake follows Jira:
 * - changelog items carry `null` in from/fromString/to/toString when there was no value;
 * - an issue's `issuelinks` entries have either `inwardIssue` or `outwardIssue`, never both.
 */
const SPEC_FIXES: Array<(schemas: Record<string, Schema>) => void> = [
  (s) => {
    for (const key of ['from', 'fromString', 'to', 'toString']) ((s.ChangeDetails as { properties: Record<string, Schema> }).properties[key] as Schema).nullable = true;
  },
  (s) => {
    s.IssueLinkInIssueFields = { ...(s.IssueLink as Schema), required: ['type'] };
  },
];

/** OpenAPI 3.0 → JSON schema: `nullable` becomes a null type. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) if (key !== 'nullable' && key !== 'example') out[key] = convert(value);
  if ((node as Schema).nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const schemas = structuredClone(spec.components.schemas);
for (const fix of SPEC_FIXES) fix(schemas);
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
addFormats(ajv);
ajv.addSchema({ $id: SPEC_ID, components: { schemas: convert(schemas) } });

const compiled = new Map<string, ValidateFunction>();
function validatorFor(schema: Schema): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    const rebased = JSON.parse(key.replaceAll('"#/components/', `"${SPEC_ID}#/components/`)) as Schema;
    validate = ajv.compile(convert(rebased) as Schema);
    compiled.set(key, validate);
  }
  return validate;
}
const component = (name: string) => validatorFor({ $ref: `#/components/schemas/${name}` });

function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
  const valid = validate(value);
  if (!valid) throw new Error(`${what} does not match the spec:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

function responseSchema(template: string, method: string, status: number): Schema | undefined {
  const operation = spec.paths[template]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The spec has no ${method} ${template}`);
  const response = operation.responses[String(status)];
  if (!response) throw new Error(`The spec documents no ${status} answer for ${method} ${template}`);
  return response.content?.['application/json']?.schema;
}

function requestSchema(template: string, method: string): Schema {
  const schema = spec.paths[template]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The spec has no request body for ${method} ${template}`);
  return schema;
}

const ISSUE_FIELD_SCHEMAS: Record<string, string> = {
  status: 'StatusDetails',
  issuetype: 'IssueTypeDetails',
  project: 'ProjectDetails',
  priority: 'Priority',
  resolution: 'Resolution',
  assignee: 'UserDetails',
  reporter: 'UserDetails',
  creator: 'UserDetails',
  parent: 'LinkedIssue',
};
const ISSUE_FIELD_ITEM_SCHEMAS: Record<string, string> = {
  fixVersions: 'Version',
  versions: 'Version',
  components: 'ProjectComponent',
  issuelinks: 'IssueLinkInIssueFields',
  subtasks: 'LinkedIssue',
};

/** Issue field values have no schema in IssueBean (`fields` is free-form): check each known one. */
function expectValidIssueFields(issue: { key?: string; fields?: Record<string, unknown> }): number {
  let checked = 0;
  for (const [field, value] of Object.entries(issue.fields ?? {})) {
    if (value === null) continue;
    const single = ISSUE_FIELD_SCHEMAS[field];
    const item = ISSUE_FIELD_ITEM_SCHEMAS[field];
    if (single) expectValid(component(single), value, `${issue.key}.fields.${field}`);
    if (item) for (const entry of value as unknown[]) expectValid(component(item), entry, `${issue.key}.fields.${field}[]`);
    if (single || item) checked++;
  }
  return checked;
}

const { admin, developer, viewer } = DEMO_ACCOUNT;

describe('contract with the Jira Cloud platform v3 spec', () => {
  let jira: FakeJira;
  beforeAll(async () => {
    jira = await startTestJira();
  });
  afterAll(() => jira.close());

  const versionId = (name: string) => jira.dataset.versions.find((v) => v.name === name)!.id;
  const openIssueKey = () => jira.dataset.issues.find((i) => i.key.startsWith('SHOP-') && i.statusId === '10000')!.key;

  type Case = [name: string, method: string, template: string, path: () => string, body: (() => unknown) | undefined, caller: string, status: number];
  const cases: Case[] = [
    ['myself', 'GET', '/rest/api/3/myself', () => '/rest/api/3/myself', undefined, developer, 200],
    ['myself with groups', 'GET', '/rest/api/3/myself', () => '/rest/api/3/myself?expand=groups', undefined, developer, 200],
    ['myself (unauthenticated)', 'GET', '/rest/api/3/myself', () => '/rest/api/3/myself', undefined, 'none', 401],
    ['user', 'GET', '/rest/api/3/user', () => `/rest/api/3/user?accountId=${admin}`, undefined, developer, 200],
    ['user (unknown)', 'GET', '/rest/api/3/user', () => '/rest/api/3/user?accountId=nobody', undefined, developer, 404],
    ['users/search', 'GET', '/rest/api/3/users/search', () => '/rest/api/3/users/search?startAt=0&maxResults=100', undefined, 'app', 200],
    ['user/search', 'GET', '/rest/api/3/user/search', () => '/rest/api/3/user/search?query=ra&maxResults=5', undefined, developer, 200],
    ['user/bulk', 'GET', '/rest/api/3/user/bulk', () => `/rest/api/3/user/bulk?accountId=${admin}&accountId=${developer}`, undefined, developer, 200],
    ['groups/picker', 'GET', '/rest/api/3/groups/picker', () => '/rest/api/3/groups/picker?query=QA&maxResults=5&caseInsensitive=true', undefined, developer, 200],
    ['groups/picker (no query: all groups)', 'GET', '/rest/api/3/groups/picker', () => '/rest/api/3/groups/picker', undefined, developer, 200],
    ['project/search', 'GET', '/rest/api/3/project/search', () => '/rest/api/3/project/search?maxResults=1&expand=description,lead,insight,issueTypes', undefined, 'app', 200],
    ['project/search by keys', 'GET', '/rest/api/3/project/search', () => '/rest/api/3/project/search?keys=SHOP&keys=PAY', undefined, viewer, 200],
    ['project', 'GET', '/rest/api/3/project/{projectIdOrKey}', () => '/rest/api/3/project/SHOP', undefined, developer, 200],
    ['project (hidden)', 'GET', '/rest/api/3/project/{projectIdOrKey}', () => '/rest/api/3/project/PAY', undefined, viewer, 404],
    ['project versions page', 'GET', '/rest/api/3/project/{projectIdOrKey}/version', () => '/rest/api/3/project/SHOP/version?maxResults=3&orderBy=-releaseDate&expand=issuesstatus,operations', undefined, developer, 200],
    [
      'project issue security scheme',
      'GET',
      '/rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme',
      () => {
        jira.dataset.projects.find((p) => p.key === 'PAY')!.issueSecurityScheme = { id: '10000', name: 'Payments security', levels: [{ id: '10021', name: 'Finance only', description: 'Card data issues.' }] };
        return '/rest/api/3/project/PAY/issuesecuritylevelscheme';
      },
      undefined,
      'app',
      200,
    ],
    ['project issue security scheme (not an administrator)', 'GET', '/rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme', () => '/rest/api/3/project/SHOP/issuesecuritylevelscheme', undefined, developer, 403],
    ['project versions', 'GET', '/rest/api/3/project/{projectIdOrKey}/versions', () => '/rest/api/3/project/PAY/versions', undefined, 'app', 200],
    ['version', 'GET', '/rest/api/3/version/{id}', () => `/rest/api/3/version/${versionId('SHOP 2.3.1')}?expand=issuesstatus`, undefined, developer, 200],
    ['version (unknown)', 'GET', '/rest/api/3/version/{id}', () => '/rest/api/3/version/1', undefined, developer, 404],
    ['version update', 'PUT', '/rest/api/3/version/{id}', () => `/rest/api/3/version/${versionId('SHOP 2.5')}`, () => ({ description: 'Gift cards, delivery slots.', startDate: '2026-03-20', releaseDate: '2026-04-30' }), admin, 200],
    ['version release', 'PUT', '/rest/api/3/version/{id}', () => `/rest/api/3/version/${versionId('PAY 3.0')}`, () => ({ released: true, archived: false }), 'app', 200],
    ['version update (bad date)', 'PUT', '/rest/api/3/version/{id}', () => `/rest/api/3/version/${versionId('SHOP 2.5')}`, () => ({ releaseDate: '2026-02-30' }), admin, 400],
    ['version create', 'POST', '/rest/api/3/version', () => '/rest/api/3/version', () => ({ name: 'SHOP 2.6', projectId: 10000, startDate: '2026-04-25', releaseDate: '2026-05-30', description: 'Next one.' }), admin, 201],
    ['relatedIssueCounts', 'GET', '/rest/api/3/version/{id}/relatedIssueCounts', () => `/rest/api/3/version/${versionId('SHOP 2.3')}/relatedIssueCounts`, undefined, developer, 200],
    ['unresolvedIssueCount', 'GET', '/rest/api/3/version/{id}/unresolvedIssueCount', () => `/rest/api/3/version/${versionId('SHOP 2.4')}/unresolvedIssueCount`, undefined, developer, 200],
    ['search/jql (POST, fields)', 'POST', '/rest/api/3/search/jql', () => '/rest/api/3/search/jql', () => ({ jql: 'project = SHOP AND fixVersion = "SHOP 2.4" ORDER BY key', fields: ['*all'], maxResults: 40, expand: 'changelog,names,schema,transitions' }), developer, 200],
    ['search/jql (POST, ids)', 'POST', '/rest/api/3/search/jql', () => '/rest/api/3/search/jql', () => ({ jql: 'project in (SHOP, PAY)', maxResults: 5000 }), 'app', 200],
    ['search/jql (GET)', 'GET', '/rest/api/3/search/jql', () => `/rest/api/3/search/jql?jql=${encodeURIComponent('project = PAY AND resolution is EMPTY')}&fields=summary,status,issuelinks,parent,subtasks`, undefined, 'app', 200],
    ['search/jql (unbounded)', 'POST', '/rest/api/3/search/jql', () => '/rest/api/3/search/jql', () => ({ jql: 'order by key' }), 'app', 400],
    ['approximate-count', 'POST', '/rest/api/3/search/approximate-count', () => '/rest/api/3/search/approximate-count', () => ({ jql: 'project = SHOP' }), developer, 200],
    ['issue/bulkfetch', 'POST', '/rest/api/3/issue/bulkfetch', () => '/rest/api/3/issue/bulkfetch', () => ({ issueIdsOrKeys: ['SHOP-1', 'SHOP-2', 'PAY-5', 'NOPE-1'], fields: ['*navigable'], expand: ['names'] }), developer, 200],
    ['changelog/bulkfetch', 'POST', '/rest/api/3/changelog/bulkfetch', () => '/rest/api/3/changelog/bulkfetch', () => ({ issueIdsOrKeys: ['SHOP-1', 'SHOP-2', 'SHOP-3', 'PAY-1'], fieldIds: ['status', 'resolution', 'fixVersions'], maxResults: 5 }), 'app', 200],
    ['issue', 'GET', '/rest/api/3/issue/{issueIdOrKey}', () => '/rest/api/3/issue/SHOP-40?expand=changelog,names,schema,transitions', undefined, developer, 200],
    ['issue (hidden)', 'GET', '/rest/api/3/issue/{issueIdOrKey}', () => '/rest/api/3/issue/PAY-1', undefined, viewer, 404],
    ['transitions', 'GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', () => `/rest/api/3/issue/${openIssueKey()}/transitions`, undefined, developer, 200],
    ['transition', 'POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', () => `/rest/api/3/issue/${openIssueKey()}/transitions`, () => ({ transition: { id: '41' }, fields: { resolution: { name: 'Done' } } }), developer, 204],
    ['transition (invalid)', 'POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', () => `/rest/api/3/issue/${openIssueKey()}/transitions`, () => ({ transition: { id: '7' } }), developer, 400],
    ['issue edit', 'PUT', '/rest/api/3/issue/{issueIdOrKey}', () => '/rest/api/3/issue/SHOP-41', () => ({ fields: { summary: 'Renamed', customfield_10016: 5 }, update: { labels: [{ add: 'ux' }] } }), developer, 204],
    ['issue create', 'POST', '/rest/api/3/issue', () => '/rest/api/3/issue', () => ({ fields: { project: { key: 'PAY' }, issuetype: { name: 'Task' }, summary: 'Rotate PSP keys', priority: { name: 'High' } } }), developer, 201],
    ['issue link', 'POST', '/rest/api/3/issueLink', () => '/rest/api/3/issueLink', () => ({ type: { name: 'Blocks' }, inwardIssue: { key: 'PAY-3' }, outwardIssue: { key: 'SHOP-42' } }), developer, 201],
    ['issue link get', 'GET', '/rest/api/3/issueLink/{linkId}', () => `/rest/api/3/issueLink/${jira.dataset.issueLinks[0]!.id}`, undefined, developer, 200],
    ['mypermissions', 'GET', '/rest/api/3/mypermissions', () => '/rest/api/3/mypermissions?projectKey=SHOP&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,ADMINISTER', undefined, viewer, 200],
    ['mypermissions (bad key)', 'GET', '/rest/api/3/mypermissions', () => '/rest/api/3/mypermissions?permissions=NOPE', undefined, viewer, 400],
    ['issueLinkType', 'GET', '/rest/api/3/issueLinkType', () => '/rest/api/3/issueLinkType', undefined, developer, 200],
    ['field', 'GET', '/rest/api/3/field', () => '/rest/api/3/field', undefined, developer, 200],
    ['status', 'GET', '/rest/api/3/status', () => '/rest/api/3/status', undefined, developer, 200],
    ['serverInfo', 'GET', '/rest/api/3/serverInfo', () => '/rest/api/3/serverInfo', undefined, 'app', 200],
  ];

  it.each(cases)('%s', async (_name, method, template, path, body, caller, status) => {
    const payload = body?.();
    if (payload !== undefined && status < 400) expectValid(validatorFor(requestSchema(template, method)), payload, `request body of ${method} ${template}`);
    const answer = await call(jira, caller, method, path(), payload);
    expect(answer.status).toBe(status);
    if (status >= 400) {
      expectValid(component('ErrorCollection'), answer.body, 'error body');
      expect(answer.body.errorMessages.length + Object.keys(answer.body.errors).length).toBeGreaterThan(0);
      return;
    }
    const schema = responseSchema(template, method, status);
    if (!schema || Object.keys(schema).length === 0) {
      expect(answer.body).toBeUndefined();
      return;
    }
    expectValid(validatorFor(schema), answer.body, `${method} ${template} → ${status}`);
    const issues = (answer.body?.issues as Array<Record<string, unknown>> | undefined) ?? (template.endsWith('{issueIdOrKey}') ? [answer.body] : []);
    for (const issue of issues) expectValidIssueFields(issue);
  });

  it('covers every issue field the fake returns with a schema check', async () => {
    const answer = await call(jira, 'app', 'GET', '/rest/api/3/issue/SHOP-2');
    const parentKey = jira.dataset.issues.find((i) => i.parentId !== null && i.key.startsWith('SHOP-'))!.key;
    const child = await call(jira, 'app', 'GET', `/rest/api/3/issue/${parentKey}`);
    const linked = jira.dataset.issues.find((i) => i.id === jira.dataset.issueLinks[0]!.sourceIssueId)!.key;
    const withLinks = await call(jira, 'app', 'GET', `/rest/api/3/issue/${linked}`);
    const checked = expectValidIssueFields(answer.body) + expectValidIssueFields(child.body) + expectValidIssueFields(withLinks.body);
    expect(checked).toBeGreaterThan(20);
  });

  it('has a validator that is as strict as the spec (a check on this test itself)', () => {
    expect(component('Version')({ id: '1', name: 'x', projectId: 10000 })).toBe(true);
    expect(component('Version')({ id: 1 })).toBe(false);
    expect(component('Version')({ colour: 'red' })).toBe(false);
    expect(component('Version')({ releaseDate: '10/Mar/2026' })).toBe(false);
    expect(component('IssueBean')({ id: '1', fields: { anything: 1 }, unknown: true })).toBe(false);
    // (ajv sees the inherited Object.prototype.toString, so a change item must spell out `toString`)
    expect(component('ChangeDetails')({ field: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' })).toBe(true);
    expect(component('ChangeDetails')({ field: 'resolution', from: 10000, toString: 'Done' })).toBe(false);
  });

  it('rejects request bodies the spec rejects', async () => {
    const body = { jql: 'project = SHOP', startAt: 5 };
    expect(validatorFor(requestSchema('/rest/api/3/search/jql', 'POST'))(body)).toBe(false);
    expect((await call(jira, 'app', 'POST', '/rest/api/3/search/jql', body)).status).toBe(400);
    const changelog = { issueIdsOrKeys: [] };
    expect(validatorFor(requestSchema('/rest/api/3/changelog/bulkfetch', 'POST'))(changelog)).toBe(false);
    expect((await call(jira, 'app', 'POST', '/rest/api/3/changelog/bulkfetch', changelog)).status).toBe(400);
    const version = { name: 'x', colour: 'red' };
    expect(validatorFor(requestSchema('/rest/api/3/version/{id}', 'PUT'))(version)).toBe(false);
    expect((await call(jira, admin, 'PUT', `/rest/api/3/version/${versionId('SHOP 3.0')}`, version)).status).toBe(400);
  });
});
