/**
 * A small release made through the fake Jira's REST API, as a person would make it: a SHOP version
 * with a story that is done and a High-priority bug that is not (the blocking issue), so a Go/No-Go
 * board starts at NO-GO and turns green when the bug is fixed.
 */
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { defaultPolicies } from '../../src/domain/go-no-go/policies';

async function jira(baseUrl: string, accountId: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}/rest/api/3${path}`, {
    method,
    headers: { authorization: `Bearer user:${accountId}`, 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Transition ids of the fake Jira's one workflow (docs/fake-jira.md). */
export const TRANSITION = { todo: '11', inProgress: '21', inReview: '31', done: '41' } as const;

export function transition(baseUrl: string, accountId: string, issueKey: string, to: keyof typeof TRANSITION): Promise<unknown> {
  return jira(baseUrl, accountId, 'POST', `/issue/${issueKey}/transitions`, { transition: { id: TRANSITION[to] } });
}

export interface SmallRelease {
  versionId: string;
  name: string;
  storyKey: string;
  bugKey: string;
}

export async function createSmallRelease(baseUrl: string, options: { name: string; releaseDate: string; startDate: string; description?: string }): Promise<SmallRelease> {
  const admin = DEMO_ACCOUNT.admin;
  const version = (await jira(baseUrl, admin, 'POST', '/version', {
    name: options.name,
    projectId: 10000,
    startDate: options.startDate,
    releaseDate: options.releaseDate,
    description: options.description ?? 'Go/No-Go walk-through: one story, one blocking bug.',
  })) as { id: string };
  const create = async (type: string, summary: string, priority: string) =>
    ((await jira(baseUrl, admin, 'POST', '/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: type }, summary, priority: { name: priority }, fixVersions: [{ id: version.id }] },
    })) as { key: string }).key;
  const storyKey = await create('Story', 'Show delivery estimate at checkout', 'Medium');
  const bugKey = await create('Bug', 'Checkout total off by one cent for CHF', 'High');
  await transition(baseUrl, admin, storyKey, 'done');
  await transition(baseUrl, admin, bugKey, 'inProgress');
  return { versionId: String(version.id), name: options.name, storyKey, bugKey };
}

/**
 * Through a running local host: the release manager names Priya (QA) and Dana (Operations) as the
 * approvers of patch releases. Setup for browser tests, not their subject.
 */
export async function namePatchApprovers(hostUrl: string): Promise<void> {
  const policy = defaultPolicies().patch;
  const roles = policy.roles.map((r) => ({ ...r, approverAccountIds: r.id === 'qa' ? [DEMO_ACCOUNT.qa] : [DEMO_ACCOUNT.developer] }));
  const response = await fetch(`${hostUrl}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      accountId: DEMO_ACCOUNT.releaseManager,
      moduleKey: 'releases-page',
      extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } },
      functionKey: 'saveGoNoGoSettings',
      payload: { releaseType: 'patch', policy: { ...policy, roles } },
    }),
  });
  const answer = (await response.json()) as { ok: boolean };
  if (!answer.ok) throw new Error(`Naming the patch approvers failed: ${JSON.stringify(answer)}`);
}
