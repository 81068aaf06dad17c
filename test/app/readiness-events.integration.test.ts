/**
 * Product events through the local runtime: changes made in the fake Jira (over its REST API, as
 * people make them) reach the app's event trigger, which keeps the release roll-ups current.
 * Late, repeated and out-of-order events change nothing; one event costs O(1) store operations.
 */
import { anchoredClock } from '../../src/app/clock';
import type { ProjectReadinessView, ReleaseCalendarView, ReleaseRollup, ResolverResult } from '../../src/contract';
import type { CalendarDate } from '../../src/domain/calendar/calendar-date';
import { daysLeftFor } from '../../src/domain/readiness/evaluate';
import { type ReadinessSummary, healthOfSummary } from '../../src/domain/readiness/summary';
import type { KeyValueStore } from '../../src/ports';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT, type JiraProductEvent } from '../../local/fake-jira';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime';

const NOW = new Date('2026-11-24T10:00:00Z');
let runtime: LocalRuntime;

// Each test starts a runtime and runs the daily build first: seconds, not the 5 s default, on a busy CI machine.
jest.setTimeout(30_000);

beforeEach(async () => {
  runtime = await startLocalRuntime({ port: 0, inMemory: true, quiet: true, clock: anchoredClock(NOW) });
  await post('/api/triggers/daily-sync', {});
  await runtime.settled();
});
afterEach(() => runtime.close());

async function post(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${runtime.hostUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** What the five-minute trigger does: the incremental search of the projects events marked. */
async function issueSync(): Promise<void> {
  await runtime.settled();
  await post('/api/triggers/issue-sync', {});
  await runtime.settled();
}

async function jira(accountId: string, method: string, path: string, body?: unknown): Promise<number> {
  const response = await fetch(`${runtime.jiraUrl}/rest/api/3${path}`, {
    method,
    headers: { Authorization: `Bearer user:${accountId}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await response.text();
  return response.status;
}

const data = () => runtime.fakeJira!.dataset;
const version = (name: string) => data().versions.find((v) => v.name === name)!;
const issue = (key: string) => data().issues.find((i) => i.key === key)!;
const shop = () => data().projects.find((p) => p.key === 'SHOP')!;
const isDone = (statusId: string) => data().statuses.find((s) => s.id === statusId)!.categoryKey === 'done';
const typeName = (issueTypeId: string) => data().issueTypes.find((t) => t.id === issueTypeId)!.name;

async function rollup(versionName: string): Promise<ReleaseRollup> {
  const result = (await post('/api/invoke', {
    accountId: DEMO_ACCOUNT.releaseManager,
    moduleKey: 'releases-page',
    extension: { type: 'jira:projectPage', project: { id: shop().id, key: 'SHOP' } },
    functionKey: 'getReleaseReadiness',
    payload: { versionId: version(versionName).id },
  })) as ResolverResult<ProjectReadinessView>;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const release = result.data.releases[0]!;
  if (release.status !== 'ready') throw new Error(`${versionName} roll-up is ${release.status}`);
  return release.rollup!;
}

/** A resolver of the project page, as the release manager. */
async function invoke<T>(functionKey: string, payload: unknown): Promise<T> {
  const result = (await post('/api/invoke', { accountId: DEMO_ACCOUNT.releaseManager, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: shop().id, key: 'SHOP' } }, functionKey, payload })) as ResolverResult<T>;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

const failing = (r: ReleaseRollup, id: string) => r.failing.find((f) => f.id === id)?.count ?? 0;

/** An open, top-level issue of a version (not a sub-task), without open blockers. */
function openIssueIn(versionName: string, skip: string[] = []) {
  const blocks = data().issueLinkTypes.find((t) => t.name === 'Blocks')!;
  return data().issues.find(
    (i) =>
      i.fixVersionIds.includes(version(versionName).id) &&
      !isDone(i.statusId) &&
      typeName(i.issueTypeId) !== 'Sub-task' &&
      !skip.includes(i.key) &&
      !data().issueLinks.some((l) => l.typeId === blocks.id && l.destinationIssueId === i.id && !isDone(issue(data().issues.find((x) => x.id === l.sourceIssueId)!.key).statusId)),
  )!;
}

/** Counts reads of release roll-up buckets. */
function countBucketReads(store: KeyValueStore): { count(): number; reset(): void } {
  let n = 0;
  const original = store.getVersioned.bind(store);
  store.getVersioned = ((key: string) => {
    if (key.startsWith('readiness:release:')) n++;
    return original(key);
  }) as KeyValueStore['getVersioned'];
  return { count: () => n, reset: () => (n = 0) };
}

function countStore(store: KeyValueStore): { count(): number; reset(): void } {
  let n = 0;
  for (const method of ['get', 'set', 'setIfAbsent', 'delete', 'batchGet', 'batchSet', 'query', 'getVersioned', 'transact'] as const) {
    const original = (store[method] as (...args: unknown[]) => unknown).bind(store);
    (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      n++;
      return original(...args);
    };
  }
  return { count: () => n, reset: () => (n = 0) };
}

describe('release roll-ups kept current by product events', () => {
  it('builds every unreleased version’s roll-up in the daily reconciliation', async () => {
    const r = await rollup('SHOP 2.4');
    expect(r.total).toBe(data().issues.filter((i) => i.fixVersionIds.includes(version('SHOP 2.4').id)).length);
  });

  it('moves an issue to Done when it is transitioned in Jira, and the Overview and the calendar show it from the release summary alone', async () => {
    const v = version('SHOP 2.4');
    const bucketReads = countBucketReads(runtime.store);
    const overview = async () => (await invoke<ProjectReadinessView>('getReleaseReadiness', {})).releases.find((r) => r.release.id === v.id)!.rollup!;
    const calendarHealth = async () => (await invoke<ReleaseCalendarView>('getReleaseCalendar', { from: '2026-11-01', to: '2026-12-31' })).versions.find((x) => x.id === v.id)!.health;
    const before = await overview();
    // The list's counts are the buckets' own (the drill-down still reads every bucket).
    bucketReads.reset();
    expect(before).toEqual({ ...(await rollup('SHOP 2.4')), blocking: before.blocking });
    expect(bucketReads.count()).toBeGreaterThan(0);

    const target = openIssueIn('SHOP 2.4');
    expect(await jira(DEMO_ACCOUNT.developer, 'POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } })).toBe(204);
    await issueSync();
    bucketReads.reset();
    const after = await overview();
    const health = await calendarHealth();
    expect(bucketReads.count()).toBe(0);
    expect(after.done).toBe(before.done + 1);
    expect(failing(after, 'status-done')).toBe(failing(before, 'status-done') - 1);
    expect(failing(after, 'resolution-set')).toBe(failing(before, 'resolution-set') - 1);
    expect(after.total).toBe(before.total);
    expect(after).toEqual({ ...(await rollup('SHOP 2.4')), blocking: after.blocking });
    const summary = (await runtime.store.getVersioned<ReadinessSummary>(keys.readinessSummary(v.id)))!.value;
    const { releaseState } = await import('../../src/domain/releases/release-summary');
    const { toVersionFacts } = await import('../../src/app/project-releases');
    const jiraVersion = { id: v.id, name: v.name, released: v.released, archived: false, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}), ...(v.startDate ? { startDate: v.startDate } : {}) };
    const today = '2026-11-24' as CalendarDate;
    expect(health).toEqual(healthOfSummary(summary, releaseState(toVersionFacts(jiraVersion as never), today), daysLeftFor({ id: v.id, name: v.name, released: false, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}) }, today)));
  });

  it('judges "Blockers ship no later" with Jira’s live release dates: the Overview at once, the calendar after the version event, no bucket read while dates hold', async () => {
    const [a, b] = [version('SHOP 2.4'), version('SHOP 2.5')];
    const overview = async () => (await invoke<ProjectReadinessView>('getReleaseReadiness', {})).releases.find((r) => r.release.id === a.id)!.rollup!;
    const calendarHealth = async () => (await invoke<ReleaseCalendarView>('getReleaseCalendar', { from: '2026-11-01', to: '2027-02-28' })).versions.find((x) => x.id === a.id)!.health;
    const summary = async () => (await runtime.store.getVersioned<ReadinessSummary>(keys.readinessSummary(a.id)))!.value;
    const sameDay = a.releaseDate!;
    const later = '2027-01-20';
    // B ships with A; an issue of A is blocked by an open issue of B, and read.
    b.releaseDate = sameDay;
    const blocked = openIssueIn('SHOP 2.4');
    const blocker = openIssueIn('SHOP 2.5');
    expect(await jira(DEMO_ACCOUNT.developer, 'POST', '/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: blocker.key }, outwardIssue: { key: blocked.key } })).toBe(201);
    await issueSync();
    const before = failing(await overview(), 'blockers-scheduled');
    const bucketReads = countBucketReads(runtime.store);

    // B moves after A in Jira, no issue changes, no event: the Overview judges with Jira's date at once (once from the buckets).
    b.releaseDate = later;
    const moved = await overview();
    const late = failing(moved, 'blockers-scheduled');
    expect(late).toBeGreaterThan(before);
    expect(bucketReads.count()).toBeGreaterThan(0);
    const drillDown = await rollup('SHOP 2.4');
    expect(moved).toEqual({ ...drillDown, blocking: moved.blocking });
    expect(drillDown.blocking.find((i) => i.key === blocked.key)?.mentions).toContain(blocker.key);
    bucketReads.reset();
    expect(failing(await overview(), 'blockers-scheduled')).toBe(late);
    expect(bucketReads.count()).toBe(0);

    // Back with A, over Jira's API: the version event judges the summary again before anyone looks.
    expect(await jira(DEMO_ACCOUNT.admin, 'PUT', `/version/${b.id}`, { startDate: a.startDate, releaseDate: sameDay })).toBe(200);
    await runtime.settled();
    expect((await summary()).failing['blockers-scheduled'] ?? 0).toBe(before);
    bucketReads.reset();
    const health = await calendarHealth();
    expect(failing(await overview(), 'blockers-scheduled')).toBe(before);
    expect(bucketReads.count()).toBe(0);
    const today = '2026-11-24' as CalendarDate;
    const { releaseState } = await import('../../src/domain/releases/release-summary');
    const { toVersionFacts } = await import('../../src/app/project-releases');
    expect(health).toEqual(healthOfSummary(await summary(), releaseState(toVersionFacts({ ...a, archived: false } as never), today), daysLeftFor({ id: a.id, name: a.name, released: false, releaseDate: sameDay }, today)));

    // And after A again by the event alone: the calendar's summary fails the blocker.
    expect(await jira(DEMO_ACCOUNT.admin, 'PUT', `/version/${b.id}`, { releaseDate: later })).toBe(200);
    await runtime.settled();
    expect((await summary()).failing['blockers-scheduled']).toBe(late);
  });

  it('moves an issue between releases when its fix version changes', async () => {
    const target = openIssueIn('SHOP 2.4');
    const [from, to] = [await rollup('SHOP 2.4'), await rollup('SHOP 2.5')];
    expect(await jira(DEMO_ACCOUNT.developer, 'PUT', `/issue/${target.key}`, { fields: { fixVersions: [{ id: version('SHOP 2.5').id }] } })).toBe(204);
    await issueSync();
    expect((await rollup('SHOP 2.4')).total).toBe(from.total - 1);
    expect((await rollup('SHOP 2.5')).total).toBe(to.total + 1);
  });

  it('sees a new blocker, and sees it go when the blocker is done (the blocked issue is re-read)', async () => {
    const blocked = openIssueIn('SHOP 2.4');
    const blocker = openIssueIn('SHOP 2.4', [blocked.key]);
    const before = await rollup('SHOP 2.4');
    expect(await jira(DEMO_ACCOUNT.developer, 'POST', '/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: blocker.key }, outwardIssue: { key: blocked.key } })).toBe(201);
    await issueSync();
    const linked = await rollup('SHOP 2.4');
    expect(failing(linked, 'no-open-blockers')).toBe(failing(before, 'no-open-blockers') + 1);
    expect(linked.blocking.find((b) => b.key === blocked.key)?.mentions).toContain(blocker.key);

    expect(await jira(DEMO_ACCOUNT.developer, 'POST', `/issue/${blocker.key}/transitions`, { transition: { id: '41' } })).toBe(204);
    await issueSync();
    const unblocked = await rollup('SHOP 2.4');
    expect(failing(unblocked, 'no-open-blockers')).toBe(failing(before, 'no-open-blockers'));
  });

  it('ignores events that arrive late, twice or out of order', async () => {
    const target = openIssueIn('SHOP 2.4');
    const seen: JiraProductEvent[] = [];
    const stop = runtime.fakeJira!.onEvent((e) => seen.push(e));
    // In Progress (31 = In Review) then Done, then the first event again, twice, and an older copy.
    expect(await jira(DEMO_ACCOUNT.developer, 'POST', `/issue/${target.key}/transitions`, { transition: { id: '31' } })).toBe(204);
    await issueSync();
    expect(await jira(DEMO_ACCOUNT.developer, 'POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } })).toBe(204);
    await issueSync();
    stop();
    const current = await rollup('SHOP 2.4');
    const stale = seen[0]!;
    for (const event of [stale, stale, { ...stale, issue: { ...(stale as { issue: object }).issue, fields: { ...(stale as { issue: { fields: object } }).issue.fields, updated: '2026-01-01T00:00:00.000+0000' } } }]) {
      const answer = (await post('/api/events', event)) as { result: { detail: string } };
      expect(answer.result.detail).toBe('readiness already current');
    }
    await runtime.settled();
    expect(await rollup('SHOP 2.4')).toEqual(current);
  });

  it('removes a deleted issue, and a late update does not bring it back', async () => {
    const target = openIssueIn('SHOP 2.4');
    const before = await rollup('SHOP 2.4');
    const event = (eventType: string) => ({ eventType, issue: { id: target.id, key: target.key, fields: { project: { id: shop().id, key: 'SHOP' }, updated: target.updated } } });
    await post('/api/events', event('avi:jira:deleted:issue'));
    await runtime.settled();
    expect((await rollup('SHOP 2.4')).total).toBe(before.total - 1);
    await post('/api/events', event('avi:jira:updated:issue'));
    await runtime.settled();
    expect((await rollup('SHOP 2.4')).total).toBe(before.total - 1);
  });

  it('forgets the roll-up of a deleted version', async () => {
    const v = version('SHOP 3.0');
    expect(await runtime.store.getVersioned(keys.readinessRelease(v.id, 0))).toBeDefined();
    await post('/api/events', { eventType: 'avi:jira:deleted:version', version: { id: v.id, projectId: Number(v.projectId), name: v.name } });
    expect(await runtime.store.getVersioned(keys.readinessRelease(v.id, 0))).toBeUndefined();
  });

  it('costs an event a few store operations and no Jira call, however big the release; the sync reads each marked issue once', async () => {
    const ops = countStore(runtime.store);
    const costOf = async (versionName: string, target = openIssueIn(versionName), summary?: string) => {
      ops.reset();
      runtime.fakeJira!.resetStats();
      const change = summary ? jira(DEMO_ACCOUNT.developer, 'PUT', `/issue/${target.key}`, { fields: { summary } }) : jira(DEMO_ACCOUNT.developer, 'POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } });
      expect(await change).toBe(204);
      await runtime.settled();
      const jiraCalls = runtime.fakeJira!.stats().requests - 1; // the transition itself
      return { ops: ops.count(), jiraCalls };
    };
    const big = data().issues.filter((i) => i.fixVersionIds.includes(version('SHOP 2.4').id)).length;
    const small = data().issues.filter((i) => i.fixVersionIds.includes(version('SHOP 3.0').id)).length;
    expect(big).toBeGreaterThan(small * 3);
    // Member index, policy, the site's dirty marks (is a read pending?), the KPI sync document and
    // the references (can the changelog apply? a transition of an issue others read cannot), then
    // the dirty marks again in the mark's transaction.
    expect(await costOf('SHOP 2.4')).toEqual({ ops: 7, jiraCalls: 0 });
    // An issue no entry reads: its changelog is applied to its one leaf (found in one read per
    // level of its bucket), in one transaction with its member-index bucket and the release's
    // summary (read with the policy its delta judges by); the mark notes it.
    const other = openIssueIn('SHOP 3.0');
    expect(await costOf('SHOP 3.0', other)).toEqual({ ops: 19, jiraCalls: 0 });
    expect(await costOf('SHOP 3.0', other, 'Checkout copes with expired cards')).toEqual({ ops: 17, jiraCalls: 0 });
    runtime.fakeJira!.resetStats();
    await issueSync();
    // One bulk fetch reads both issues (one more their blockers), not every issue updated in the window.
    const stats = runtime.fakeJira!.stats();
    expect(stats.byRoute['POST /rest/api/3/issue/bulkfetch']!.requests).toBeLessThanOrEqual(2);
    expect(stats.byRoute['POST /rest/api/3/search/jql']?.requests ?? 0).toBeLessThanOrEqual(1);
  });
});
