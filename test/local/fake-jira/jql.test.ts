import { generateDemoDataset } from '../../../local/fake-jira/demo-data';
import type { DatasetIssue } from '../../../local/fake-jira/dataset';
import { JqlError, parseJql } from '../../../local/fake-jira/jql';
import { compileJql, runJql } from '../../../local/fake-jira/jql-compile';
import { JiraStore, type Principal } from '../../../local/fake-jira/store';
import { DAY, parseJiraTime } from '../../../local/fake-jira/time';
import { ANCHOR } from './helpers';

describe('JQL parser', () => {
  it('builds AND/OR/NOT trees with parentheses and precedence', () => {
    expect(parseJql('project = SHOP AND (status = Done OR NOT labels IN (a, "b c")) ORDER BY created DESC, key')).toEqual({
      where: {
        kind: 'and',
        children: [
          { kind: 'clause', field: 'project', operator: '=', operand: { kind: 'literal', text: 'SHOP', quoted: false }, position: 1 },
          {
            kind: 'or',
            children: [
              { kind: 'clause', field: 'status', operator: '=', operand: { kind: 'literal', text: 'Done', quoted: false }, position: 21 },
              {
                kind: 'not',
                child: {
                  kind: 'clause',
                  field: 'labels',
                  operator: 'in',
                  operand: { kind: 'list', items: [{ kind: 'literal', text: 'a', quoted: false }, { kind: 'literal', text: 'b c', quoted: true }] },
                  position: 42,
                },
              },
            ],
          },
        ],
      },
      orderBy: [
        { field: 'created', direction: 'desc' },
        { field: 'key', direction: 'asc' },
      ],
    });
  });

  it.each([
    ['is not empty', 'fixVersion is not EMPTY', { operator: 'is not', operand: { kind: 'empty' } }],
    ['not in', 'status NOT IN (Done)', { operator: 'not in' }],
    ['a function', 'fixVersion in unreleasedVersions(SHOP)', { operand: { kind: 'function', name: 'unreleasedVersions', args: ['SHOP'] } }],
    ['cf[] names', 'cf[10016] >= 5', { field: 'cf[10016]', operator: '>=' }],
    ['&& and ||', 'a = 1 && b = 2', {}],
    ['a relative date', 'updated >= -7d', { operand: { kind: 'literal', text: '-7d', quoted: false } }],
    ['a quoted field name', '"Story point estimate" > 3', { field: 'Story point estimate' }],
  ])('parses %s', (_name, jql, expected) => {
    const { where } = parseJql(jql);
    if (Object.keys(expected).length) expect(where).toMatchObject(expected);
    else expect(where?.kind).toBe('and');
  });

  it('accepts an ORDER BY alone (unbounded, decided later)', () => {
    expect(parseJql('ORDER BY key DESC')).toEqual({ orderBy: [{ field: 'key', direction: 'desc' }] });
  });

  it.each([
    ['a missing operator', 'project SHOP', /Expecting operator but got 'SHOP'\. The valid operators are .* \(line 1, character 9\)/],
    ['a dangling AND', 'project = SHOP AND', /Expecting a field name but got the end of the query/],
    ['an unclosed parenthesis', '(project = SHOP', /Expecting '\)' but got the end of the query/],
    ['an unclosed string', 'summary ~ "abc', /quoted string 'abc' has not been completed/],
    ['IS without EMPTY', 'fixVersion is 1.0', /Expecting 'EMPTY' or 'NULL'/],
    ['IN without a list', 'status in Done', /Expecting '\('/],
    ['two values', 'project = SHOP PAY', /Expecting either 'OR' or 'AND' but got 'PAY'/],
    ['a reserved character', 'summary = a&b', /reserved JQL character/],
    ['ORDER without BY', 'project = SHOP ORDER key', /Expecting 'by'/],
  ])('rejects %s', (_name, jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(() => parseJql(jql)).toThrow(message);
  });
});

describe('JQL evaluation on the demo data', () => {
  const dataset = generateDemoDataset(ANCHOR, 1);
  const now = ANCHOR.getTime();
  const store = new JiraStore(dataset, () => now);
  const app: Principal = { kind: 'app', user: undefined };
  const viewer: Principal = { kind: 'user', user: dataset.users.find((u) => u.displayName === 'Sam Okafor')! };
  const shop = dataset.projects.find((p) => p.key === 'SHOP')!;
  const pay = dataset.projects.find((p) => p.key === 'PAY')!;
  const version = (name: string) => dataset.versions.find((v) => v.name === name)!;
  const status = (name: string) => dataset.statuses.find((s) => s.name === name)!;
  const type = (name: string) => dataset.issueTypes.find((t) => t.name === name)!;
  const category = (i: DatasetIssue) => dataset.statuses.find((s) => s.id === i.statusId)!.categoryKey;
  const time = (text: string | null) => (text === null ? null : parseJiraTime(text));
  const someIssue = dataset.issues.find((i) => i.projectId === shop.id && i.fixVersionIds.includes(version('SHOP 2.4').id) && i.parentId === null)!;
  const parentWithChildren = dataset.issues.find((i) => dataset.issues.some((c) => c.parentId === i.id))!;
  const blocked = dataset.issueLinks[0]!;

  const cases: Array<[string, (i: DatasetIssue) => boolean]> = [
    ['project = SHOP', (i) => i.projectId === shop.id],
    ['project in (SHOP, PAY) AND issuetype = Incident', (i) => i.issueTypeId === type('Incident').id],
    ['project = "Web Shop" AND type != Bug', (i) => i.projectId === shop.id && i.issueTypeId !== type('Bug').id],
    ['project = SHOP AND status = "In Review"', (i) => i.projectId === shop.id && i.statusId === status('In Review').id],
    ['project = SHOP AND status not in ("To Do", Done)', (i) => i.projectId === shop.id && [status('In Progress').id, status('In Review').id].includes(i.statusId)],
    ['project = PAY AND statusCategory = "In Progress"', (i) => i.projectId === pay.id && category(i) === 'indeterminate'],
    ['project = PAY AND statusCategory != done', (i) => i.projectId === pay.id && category(i) !== 'done'],
    ['project = SHOP AND resolution = Unresolved', (i) => i.projectId === shop.id && i.resolutionId === null],
    ['project = SHOP AND resolution is not EMPTY', (i) => i.projectId === shop.id && i.resolutionId !== null],
    ['resolution in ("Won\'t Do", Duplicate, "Cannot Reproduce")', (i) => i.resolutionId !== null && i.resolutionId !== '10000'],
    ['fixVersion = "SHOP 2.4"', (i) => i.fixVersionIds.includes(version('SHOP 2.4').id)],
    [`fixVersion = ${version('PAY 3.1').id}`, (i) => i.fixVersionIds.includes(version('PAY 3.1').id)],
    ['project = SHOP AND fixVersion is EMPTY', (i) => i.projectId === shop.id && i.fixVersionIds.length === 0],
    ['project = SHOP AND fixVersion != "SHOP 2.4"', (i) => i.projectId === shop.id && i.fixVersionIds.length > 0 && !i.fixVersionIds.includes(version('SHOP 2.4').id)],
    ['project = SHOP AND fixVersion in unreleasedVersions()', (i) => i.projectId === shop.id && i.fixVersionIds.some((id) => !dataset.versions.find((v) => v.id === id)!.released)],
    ['fixVersion in releasedVersions(PAY)', (i) => i.fixVersionIds.some((id) => dataset.versions.find((v) => v.id === id)!.released && dataset.versions.find((v) => v.id === id)!.projectId === pay.id)],
    ['fixVersion = earliestUnreleasedVersion(SHOP)', (i) => i.fixVersionIds.includes(version('SHOP 2.3.1').id)],
    ['affectedVersion = "SHOP 2.3"', (i) => i.affectsVersionIds.includes(version('SHOP 2.3').id)],
    ['project = SHOP AND affectedVersion is not EMPTY AND type = Incident', (i) => i.projectId === shop.id && i.affectsVersionIds.length > 0 && i.issueTypeId === type('Incident').id],
    ['project = SHOP AND priority in (Highest, High)', (i) => i.projectId === shop.id && ['1', '2'].includes(i.priorityId)],
    ['project = SHOP AND labels = customer', (i) => i.projectId === shop.id && i.labels.includes('customer')],
    ['project = SHOP AND labels not in (customer, frontend)', (i) => i.projectId === shop.id && i.labels.length > 0 && !i.labels.some((l) => l === 'customer' || l === 'frontend')],
    ['project = SHOP AND labels is EMPTY', (i) => i.projectId === shop.id && i.labels.length === 0],
    ['project = SHOP AND component = Checkout', (i) => i.projectId === shop.id && i.componentIds.includes(shop.components.find((c) => c.name === 'Checkout')!.id)],
    [`parent = ${parentWithChildren.key}`, (i) => i.parentId === parentWithChildren.id],
    ['project = SHOP AND type in subTaskIssueTypes()', (i) => i.projectId === shop.id && i.parentId !== null],
    ['project = SHOP AND flagged = Impediment', (i) => i.projectId === shop.id && i.flagged],
    ['project = SHOP AND cf[10021] is EMPTY', (i) => i.projectId === shop.id && !i.flagged],
    ['project = SHOP AND "Story point estimate" >= 5', (i) => i.projectId === shop.id && i.storyPoints !== null && i.storyPoints >= 5],
    ['project = SHOP AND customfield_10016 is EMPTY', (i) => i.projectId === shop.id && i.storyPoints === null],
    ['project = SHOP AND created >= -30d', (i) => i.projectId === shop.id && time(i.created)! >= now - 30 * DAY],
    ['project = SHOP AND updated < "2026-01-01"', (i) => i.projectId === shop.id && time(i.updated)! < Date.UTC(2026, 0, 1)],
    ['project = SHOP AND resolved >= "2026/02/01 08:30"', (i) => i.projectId === shop.id && i.resolutiondate !== null && time(i.resolutiondate)! >= Date.UTC(2026, 1, 1, 8, 30)],
    ['project = SHOP AND resolutiondate <= startOfDay(-10d)', (i) => i.projectId === shop.id && i.resolutiondate !== null && time(i.resolutiondate)! <= Date.UTC(2026, 2, 10) - 10 * DAY],
    ['project = SHOP AND resolution is EMPTY AND updated > -1w2d', (i) => i.projectId === shop.id && i.resolutionId === null && time(i.updated)! > now - 9 * DAY],
    [`key = ${someIssue.key}`, (i) => i.id === someIssue.id],
    [`issuekey in (${someIssue.key}, ${someIssue.key}, PAY-1)`, (i) => i.id === someIssue.id || i.key === 'PAY-1'],
    [`id = ${someIssue.id}`, (i) => i.id === someIssue.id],
    ['key > SHOP-300', (i) => i.projectId === shop.id && Number(i.key.split('-')[1]) > 300],
    [`issue in linkedIssues(${dataset.issues.find((i) => i.id === blocked.destinationIssueId)!.key}, "is blocked by")`, (i) => dataset.issueLinks.some((l) => l.destinationIssueId === blocked.destinationIssueId && l.sourceIssueId === i.id)],
    ['project = SHOP AND assignee is EMPTY', (i) => i.projectId === shop.id && i.assigneeAccountId === null],
    ['project = SHOP AND assignee = "dana.kowalski@example.com"', (i) => i.projectId === shop.id && i.assigneeAccountId === '5b109f2e9729b51b54dc274d'],
    ['project = SHOP AND summary ~ "checkout"', (i) => i.projectId === shop.id && i.summary.toLowerCase().includes('checkout')],
    ['project = SHOP AND NOT (status = Done OR status = "To Do")', (i) => i.projectId === shop.id && category(i) === 'indeterminate'],
    ['project=PAY&&(status=Done||labels=api)', (i) => i.projectId === pay.id && (category(i) === 'done' || i.labels.includes('api'))],
    ['(project = PAY OR fixVersion = "SHOP 2.4") AND status = Done', (i) => (i.projectId === pay.id || i.fixVersionIds.includes(version('SHOP 2.4').id)) && category(i) === 'done'],
  ];

  it.each(cases)('%s', (jql, expected) => {
    const got = runJql(jql, store, app, now).map((i) => i.key);
    const want = dataset.issues.filter(expected);
    expect(want.length).toBeGreaterThan(0);
    expect(new Set(got)).toEqual(new Set(want.map((i) => i.key)));
    expect(got.length).toBe(want.length);
  });

  it.each([
    ['key order by default', 'project = SHOP', (a: DatasetIssue, b: DatasetIssue) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1])],
    ['created descending', 'project = SHOP ORDER BY created DESC', (a: DatasetIssue, b: DatasetIssue) => time(b.created)! - time(a.created)!],
    ['priority, most important first', 'project = PAY ORDER BY priority DESC', (a: DatasetIssue, b: DatasetIssue) => Number(a.priorityId) - Number(b.priorityId) || Number(a.key.split('-')[1]) - Number(b.key.split('-')[1])],
    ['resolved ascending with empties last', 'project = PAY ORDER BY resolved ASC, key ASC', (a: DatasetIssue, b: DatasetIssue) => (time(a.resolutiondate) ?? Infinity) - (time(b.resolutiondate) ?? Infinity) || Number(a.id) - Number(b.id)],
  ])('orders by %s', (_name, jql, compare) => {
    const got = runJql(jql, store, app, now);
    const want = [...got].sort(compare);
    expect(got.map((i) => i.key)).toEqual(want.map((i) => i.key));
  });

  it('silently leaves out projects the user may not browse', () => {
    const keys = runJql('fixVersion in unreleasedVersions() AND status != Done', store, viewer, now).map((i) => i.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('SHOP-'))).toBe(true);
  });

  it.each([
    ['an unknown field', 'colour = red', "Field 'colour' does not exist or you do not have permission to view it."],
    ['an unknown project', 'project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['a hidden project', 'project = PAY', "The value 'PAY' does not exist for the field 'project'."],
    ['an unknown version', 'project = SHOP AND fixVersion = "9.9"', "The value '9.9' does not exist for the field 'fixVersion'."],
    ['an unknown issue key', 'key = SHOP-99999', "An issue with key 'SHOP-99999' does not exist for field 'key'."],
    ['an unsupported operator', 'project ~ SHOP', "The operator '~' is not supported by the 'project' field."],
    ['a bad date', 'project = SHOP AND created > "yesterday"', /Date value 'yesterday' for field 'created' is invalid/],
    ['an unknown function', 'project = SHOP AND fixVersion in nextVersions()', "Unable to find JQL function 'nextVersions()'."],
    ['a list with =', 'project = (SHOP, PAY)', /Expecting either a value, an empty value or a function but got '\('/],
    ['an unsortable field', 'project = SHOP ORDER BY labels', "Not able to sort using field 'labels'."],
  ])('rejects %s', (_name, jql, message) => {
    expect(() => compileJql(jql, store, viewer, now)).toThrow(message);
  });

  it('knows when a query is unbounded', () => {
    expect(compileJql('ORDER BY key', store, app, now).bounded).toBe(false);
    expect(compileJql('', store, app, now).bounded).toBe(false);
    expect(compileJql('status = Done', store, app, now).bounded).toBe(true);
  });
});
