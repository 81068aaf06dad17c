/**
 * The fakes themselves: how long an answer takes with injected latency (what `latencyMs` costs a
 * caller) and how fast the fake Jira pages through a 50,000-issue project. These were timed
 * assertions in the unit tests; tests now check behaviour only, the times are recorded here.
 * Run by `npm run bench` (bench/run.ts).
 */
import { performance } from 'node:perf_hooks';
import { createFetchTransport } from '../local/fetch-transport';
import { generateSyntheticDataset, startFakeJira } from '../local/fake-jira';
import { startFakeConfluence } from '../local/fake-confluence';
import type { Record } from './calendar';
import { medianTime } from './support/timing';

const ANCHOR = new Date('2026-03-10T12:00:00.000Z');

export async function fakesBench(record: Record): Promise<void> {
  const jira = await startFakeJira({ anchor: ANCHOR, now: () => ANCHOR, latencyMs: 120 });
  const jiraCall = createFetchTransport({ baseUrl: jira.url, authorization: 'Bearer app' });
  record('fake Jira answer with latencyMs 120', await medianTime(5, async () => void (await jiraCall({ method: 'GET', path: '/rest/api/3/serverInfo' }))), 'ms', 'median of 5');
  await jira.close();

  const confluence = await startFakeConfluence({ latencyMs: 60 });
  const confluenceCall = createFetchTransport({ baseUrl: confluence.url, authorization: 'Bearer app' });
  record('fake Confluence answer with latencyMs 60', await medianTime(5, async () => void (await confluenceCall({ method: 'GET', path: '/wiki/api/v2/spaces' }))), 'ms', 'median of 5');
  await confluence.close();

  const big = await startFakeJira({ anchor: ANCHOR, now: () => ANCHOR, dataset: generateSyntheticDataset(ANCHOR, { issueCount: 50_000, projectKey: 'BIG' }) });
  const bigCall = createFetchTransport({ baseUrl: big.url, authorization: 'Bearer app' });
  let pages = 0;
  const start = performance.now();
  let token: string | undefined;
  do {
    const answer = await bigCall({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = BIG AND statusCategory != Done ORDER BY updated DESC', fields: ['id'], maxResults: 5000, ...(token ? { nextPageToken: token } : {}) } });
    token = (answer.body as { nextPageToken?: string }).nextPageToken;
    pages++;
  } while (token);
  record('fake Jira: page through the open issues of a 50,000-issue project', performance.now() - start, 'ms', `${pages} pages of up to 5,000`);
  await big.close();
}
