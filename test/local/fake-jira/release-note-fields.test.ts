import { DEMO_ACCOUNT, generateDemoDataset, type FakeJira, type JiraProductEvent } from '../../../local/fake-jira';
import { ANCHOR, call, startTestJira } from './helpers';

const { developer } = DEMO_ACCOUNT;
const adf = (...lines: string[]) => ({ type: 'doc', version: 1, content: lines.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

describe('the release-note text fields of the fake Jira', () => {
  let jira: FakeJira;
  beforeAll(async () => {
    jira = await startTestJira();
  });
  afterAll(() => jira.close());

  const withNotes = () => jira.dataset.issues.find((i) => i.releaseNotes)!;

  it('lists them in /field as multi-line text fields', async () => {
    const answer = await call(jira, developer, 'GET', '/rest/api/3/field');
    expect(answer.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'customfield_10050', name: 'Release notes', custom: true, schema: expect.objectContaining({ type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' }) }),
        expect.objectContaining({ id: 'customfield_10051', name: 'Upgrade notes', custom: true }),
      ]),
    );
  });

  it('returns them as ADF documents, or null when empty', async () => {
    const issue = withNotes();
    const answer = await call(jira, developer, 'GET', `/rest/api/3/issue/${issue.key}?fields=customfield_10050,customfield_10051`);
    expect(answer.body.fields.customfield_10050).toEqual(adf(issue.releaseNotes!));
    expect(answer.body.fields.customfield_10051).toBeNull();
    const search = await call(jira, developer, 'POST', '/rest/api/3/search/jql', { jql: `key = ${issue.key}`, fields: ['customfield_10050'] });
    expect(search.body.issues[0].fields.customfield_10050).toEqual(adf(issue.releaseNotes!));
  });

  it('takes an ADF document on edit, records the change and sends the event; a plain string is refused', async () => {
    const issue = jira.dataset.issues.find((i) => !i.releaseNotes && jira.dataset.projects.find((p) => p.id === i.projectId)?.key === 'SHOP')!;
    const events: JiraProductEvent[] = [];
    const stop = jira.onEvent((e) => events.push(e));
    const refused = await call(jira, developer, 'PUT', `/rest/api/3/issue/${issue.key}`, { fields: { customfield_10050: 'plain text' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.customfield_10050).toContain('Atlassian Document');

    const edited = await call(jira, developer, 'PUT', `/rest/api/3/issue/${issue.key}`, { fields: { customfield_10050: adf('Faster checkout.', 'For everyone.') } });
    expect(edited.status).toBe(204);
    expect(issue.releaseNotes).toBe('Faster checkout.\nFor everyone.');
    expect(issue.changelog.at(-1)!.items).toEqual([
      { field: 'Release notes', fieldtype: 'custom', fieldId: 'customfield_10050', from: null, fromString: null, to: null, toString: 'Faster checkout.\nFor everyone.' },
    ]);
    expect(events.map((e) => e.eventType)).toEqual(['avi:jira:updated:issue']);
    const cleared = await call(jira, developer, 'PUT', `/rest/api/3/issue/${issue.key}`, { fields: { customfield_10050: null } });
    expect(cleared.status).toBe(204);
    expect(issue.releaseNotes ?? null).toBeNull();
    stop();
  });
});

describe('release-note material in the demo data', () => {
  const dataset = generateDemoDataset(ANCHOR);
  const typeOf = (id: string) => dataset.issueTypes.find((t) => t.id === id)!.name;

  it('is the same for the same anchor and seed', () => {
    const again = generateDemoDataset(ANCHOR);
    expect(again.issues.map((i) => [i.key, i.labels, i.releaseNotes ?? null, i.upgradeNotes ?? null])).toEqual(
      dataset.issues.map((i) => [i.key, i.labels, i.releaseNotes ?? null, i.upgradeNotes ?? null]),
    );
  });

  it('has release-note texts, internal tasks and one breaking story with upgrade notes per version with stories', () => {
    expect(dataset.issues.filter((i) => i.releaseNotes).length).toBeGreaterThan(30);
    expect(dataset.issues.some((i) => typeOf(i.issueTypeId) === 'Task' && i.labels.includes('internal'))).toBe(true);
    for (const version of dataset.versions) {
      const stories = dataset.issues.filter((i) => i.fixVersionIds.includes(version.id) && typeOf(i.issueTypeId) === 'Story' && !i.labels.includes('internal'));
      const breaking = stories.filter((i) => i.labels.includes('breaking-change'));
      expect(breaking.length).toBe(stories.length >= 3 ? 1 : 0);
      for (const issue of breaking) expect(issue.upgradeNotes).toEqual(expect.any(String));
    }
  });
});
