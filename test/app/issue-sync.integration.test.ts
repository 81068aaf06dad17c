/**
 * Events mark, searches read (src/app/issue-sync/): product events shaped as Forge delivers them
 * are triaged by their changelog; marked projects are read by one incremental search that keeps
 * the release roll-ups exactly as the old per-event re-reads did, and the KPI facts as the dataset
 * says; the watermark survives failures, duplicate runs and events that arrive mid-run.
 */
import { type DirtyDoc, MAX_MARKED_ISSUES, claimDirtyProjects, clearDirtyMark, markProjectDirty } from '../../src/app/issue-sync/dirty-marks';
import { type IssueSyncState, runIssueSync } from '../../src/app/issue-sync/incremental-sync';
import { readFacts } from '../../src/app/kpi-fact-store';
import { type KpiSyncDoc, readSyncDoc, runKpiSync } from '../../src/app/kpi-sync';
import { handleProductEvent } from '../../src/app/product-events';
import { refresh } from '../../src/app/readiness/events';
import { isReferenced } from '../../src/app/readiness/references';
import { reconcileProjectReadiness } from '../../src/app/readiness/release-readiness';
import { readReleaseShards } from '../../src/app/readiness/rollup-store';
import { decodeFact, type IssueFact } from '../../src/domain/kpis/facts';
import { keys } from '../../src/store/keys';
import { DEMO_ACCOUNT, startFakeJira, type DatasetIssue, type FakeJira, type JiraProductEvent } from '../../local/fake-jira';

import { DEMO_NOW } from '../support/demo-site';
import { CHANGE, issueEvent } from '../support/issue-events';
import { appOnFakeJira, datasetFacts } from '../support/kpi';

type App = ReturnType<typeof appOnFakeJira>;

let jira: FakeJira;
let now: Date;

// Two apps over one fake Jira, built from scratch per test: slow on a shared machine.
jest.setTimeout(60_000);

const app = (): App => appOnFakeJira(jira.url, { now: () => now });

beforeEach(async () => {
  now = new Date(DEMO_NOW);
  jira = await startFakeJira({ port: 0, anchor: DEMO_NOW, now: () => now });
});
afterEach(() => jira.close());

const data = () => jira.dataset;
const project = (key: string) => data().projects.find((p) => p.key === key)!;
const version = (name: string) => data().versions.find((v) => v.name === name)!;
const issue = (key: string) => data().issues.find((i) => i.key === key)!;
const isDone = (statusId: string) => data().statuses.find((s) => s.id === statusId)!.categoryKey === 'done';
const typeName = (issueTypeId: string) => data().issueTypes.find((t) => t.id === issueTypeId)!.name;
const openIn = (versionName: string, skip: string[] = []) =>
  data().issues.find((i) => i.fixVersionIds.includes(version(versionName).id) && !isDone(i.statusId) && typeName(i.issueTypeId) !== 'Sub-task' && !skip.includes(i.key))!;
const backlogIssue = () => data().issues.find((i) => i.projectId === project('SHOP').id && i.fixVersionIds.length === 0 && !isDone(i.statusId) && typeName(i.issueTypeId) !== 'Sub-task')!;
const refOf = (key: string) => {
  const i = issue(key);
  const p = data().projects.find((x) => x.id === i.projectId)!;
  return { id: i.id, key: i.key, projectId: p.id, projectKey: p.key, updated: i.updated };
};

async function edit(method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${jira.url}/rest/api/3${path}`, {
    method,
    headers: { Authorization: `Bearer user:${DEMO_ACCOUNT.admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status}`);
}

/** Builds every unreleased roll-up of both projects, as the daily reconciliation does. */
async function buildRollups(a: App): Promise<void> {
  for (const key of ['SHOP', 'PAY']) await reconcileProjectReadiness(a.deps, project(key).id, key);
  await a.drain();
}

/** Every stored roll-up entry of the unreleased versions, without the time it was read. */
async function rollups(a: App): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const v of data().versions.filter((x) => !x.released && !x.archived)) {
    const shards = await readReleaseShards(a.store, v.id);
    const entries = shards.flatMap((s) => Object.values(s.issues)).map(({ observed: _observed, ...rest }) => rest);
    out[v.name] = entries.sort((x, y) => x.id.localeCompare(y.id));
  }
  return out;
}

const dirty = async (a: App) => (await a.store.getVersioned<DirtyDoc>(keys.issueSyncDirty()))?.value.projects ?? {};
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

describe('issue events, triaged by their changelog', () => {
  it.each([
    ['a label edit on a backlog issue', () => backlogIssue().key, [CHANGE.labels!], /^ignored: labels changed/],
    ['a description edit on an issue in a release', () => openIn('SHOP 2.4').key, [CHANGE.description!], /^ignored: description changed/],
    ['a summary edit on a backlog issue', () => backlogIssue().key, [CHANGE.summary!], /^ignored: summary changed on an issue in no release/],
    ['a summary edit on an issue in a release (the app’s index knows it)', () => openIn('SHOP 2.4').key, [CHANGE.summary!], /^applied from its changelog: summary changed on an issue in a release/],
    ['a transition of a backlog issue (KPIs read it)', () => backlogIssue().key, [CHANGE.status!], /^applied from its changelog: status changed/],
    ['a new link on an issue in a release', () => openIn('SHOP 2.4').key, [CHANGE.link!], /^marked for the next issue search: issuelinks changed on an issue in a release; read because issuelinks changed/],
  ])('%s', async (_name, keyOf, items, detail) => {
    const a = app();
    await buildRollups(a);
    jira.resetStats();
    const target = refOf(keyOf());
    const answer = await handleProductEvent(a.deps, issueEvent('avi:jira:updated:issue', { ...target, updated: '2026-11-24T10:00:00.000+0000' }, items));
    expect(answer.detail).toMatch(detail);
    expect(jira.stats().requests).toBe(0);
    // Read: the issue is marked; applied: the project is, for its watermarks, with nothing to read.
    const marked = /^ignored/.test(answer.detail ?? '') ? {} : { [project('SHOP').id]: /^marked/.test(answer.detail ?? '') ? [target.id] : [] };
    expect(Object.fromEntries(Object.entries(await dirty(a)).map(([id, mark]) => [id, mark.issues]))).toEqual(marked);
  });

  it('uses the fix versions an event carries when the app does not know the issue yet', async () => {
    const a = app();
    const ref = { ...refOf(backlogIssue().key), updated: '2026-11-24T10:00:00.000+0000' };
    const inRelease = issueEvent('avi:jira:updated:issue', ref, [CHANGE.summary!], { fixVersions: [{ id: version('SHOP 2.4').id, name: 'SHOP 2.4', released: false }] });
    const released = issueEvent('avi:jira:updated:issue', ref, [CHANGE.summary!], { fixVersions: [{ id: version('SHOP 2.3').id, name: 'SHOP 2.3', released: true }] });
    expect((await handleProductEvent(a.deps, released)).detail).toMatch(/^ignored/);
    expect((await handleProductEvent(a.deps, inRelease)).detail).toMatch(/^marked/);
  });

  it('marks a project once however many events arrive before the search (one read each, no more writes)', async () => {
    const a = app();
    const target = refOf(backlogIssue().key);
    const first = await handleProductEvent(a.deps, issueEvent('avi:jira:created:issue', { ...target, updated: '2026-11-24T09:58:00.000+0000' }, undefined));
    expect(first.detail).toMatch(/^marked/);
    const rev = (await a.store.getVersioned(keys.issueSyncDirty()))!.rev;
    for (let i = 1; i <= 5; i++) {
      const answer = await handleProductEvent(a.deps, issueEvent('avi:jira:updated:issue', { ...target, updated: `2026-11-24T09:59:0${i}.000+0000` }, [CHANGE.status!]));
      expect(answer.detail).toMatch(/^already marked/);
    }
    expect((await a.store.getVersioned(keys.issueSyncDirty()))!.rev).toBe(rev);
    // The window starts at the change the first event told of, not when it arrived.
    expect((await dirty(a))[project('SHOP').id]!.since).toBe('2026-11-24T09:58:00.000Z');
  });
});

describe('changes applied from the event’s changelog', () => {
  /** A site with roll-ups and finished KPI facts for SHOP, events recorded instead of delivered. */
  async function siteWithEvents(apps: App[], change: () => Promise<void>): Promise<JiraProductEvent[]> {
    for (const a of apps) {
      await buildRollups(a);
      await runKpiSync(a.deps, { projectId: project('SHOP').id, projectKey: 'SHOP' });
      await a.drain();
    }
    const events: JiraProductEvent[] = [];
    const stop = jira.onEvent((e) => events.push(e));
    await change();
    stop();
    return events;
  }
  /** To In Progress, or to In Review from there: a transition that changes the status either way. */
  const advance = (key: string) => edit('POST', `/issue/${key}/transitions`, { transition: { id: issue(key).statusId === '3' ? '31' : '21' } });
  /** Open issues of a release no roll-up entry reads (a referenced one is read, with those that read it). */
  const unreferencedIn = async (a: App, versionName: string, count: number) => {
    const found: string[] = [];
    for (const candidate of data().issues.filter((i) => i.fixVersionIds.includes(version(versionName).id) && !isDone(i.statusId) && typeName(i.issueTypeId) !== 'Sub-task')) {
      if (!(await isReferenced(a.store, candidate.key))) found.push(candidate.key);
      if (found.length === count) return found;
    }
    throw new Error(`${versionName} has fewer than ${count} open issues no entry reads`);
  };
  const kpiFacts = async (a: App) => {
    const doc = (await readSyncDoc(a.deps, project('SHOP').id)) as KpiSyncDoc;
    return new Map((await readFacts(a.store, project('SHOP').id, doc.months)).tuples.map((t) => [t[0], decodeFact(t)]));
  };

  it('gives the same roll-ups and KPI facts without a Jira read as a full re-read of each changed issue', async () => {
    const [changelog, reread] = [app(), app()];
    await buildRollups(changelog);
    const [started, finished] = (await unreferencedIn(changelog, 'SHOP 2.4', 2)).map(issue) as [DatasetIssue, DatasetIssue];
    const renamed = openIn('SHOP 2.5');
    const backlog = backlogIssue();
    const change = async () => {
      later(1);
      await advance(started.key);
      later(1);
      await edit('POST', `/issue/${finished.key}/transitions`, { transition: { id: '41' } });
      await edit('PUT', `/issue/${renamed.key}`, { fields: { summary: 'Gift cards at the till', labels: ['pos'] } });
      later(1);
      await edit('PUT', `/issue/${renamed.key}`, { fields: { priority: { name: 'Highest' } } });
      later(1);
      await edit('POST', `/issue/${backlog.key}/transitions`, { transition: { id: '41' } });
    };
    const events = await siteWithEvents([changelog, reread], change);
    expect(events.length).toBeGreaterThanOrEqual(5);
    jira.resetStats();
    const details: string[] = [];
    for (const event of events) details.push((await handleProductEvent(changelog.deps, event)).detail ?? '');
    await changelog.drain();
    expect(details.filter((d) => !d.startsWith('applied from its changelog') && !d.startsWith('ignored'))).toEqual([]);
    later(5);
    await runIssueSync(changelog.deps);
    expect(jira.stats().requests).toBe(0);

    // The alternative: every changed issue read in full (its readiness, then its KPI fact by the marked read).
    for (const key of [started.key, finished.key, renamed.key, backlog.key]) {
      await refresh(reread.deps, key, true);
      await markProjectDirty(reread.deps, project('SHOP').id, now, issue(key).id);
    }
    await runIssueSync(reread.deps);
    await reread.drain();
    expect(await rollups(changelog)).toEqual(await rollups(reread));
    const [ours, theirs] = [await kpiFacts(changelog), await kpiFacts(reread)];
    for (const key of [started.key, finished.key, renamed.key, backlog.key]) expect(ours.get(issue(key).id)).toEqual(theirs.get(issue(key).id));
    // And both are what the dataset says.
    const expected = new Map(datasetFacts(jira.dataset, 'SHOP').map((f) => [f.id, f]));
    for (const key of [started.key, finished.key, backlog.key]) expect(ours.get(issue(key).id)).toEqual(expected.get(issue(key).id));
    // The watermarks moved past the applied changes: the next daily delta has nothing to read.
    expect(Date.parse(((await readSyncDoc(changelog.deps, project('SHOP').id)) as KpiSyncDoc).watermark)).toBeGreaterThan(Date.parse(issue(backlog.key).updated));
  });

  it('ends in the same state when events come twice or in reverse order (a late one is read)', async () => {
    const [inOrder, shuffled] = [app(), app()];
    await buildRollups(inOrder);
    const target = issue((await unreferencedIn(inOrder, 'SHOP 2.4', 1))[0]!);
    const change = async () => {
      later(1);
      await advance(target.key);
      later(1);
      await edit('PUT', `/issue/${target.key}`, { fields: { priority: { name: 'Highest' } } });
      later(1);
      await edit('POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } });
    };
    const events = await siteWithEvents([inOrder, shuffled], change);
    expect(events).toHaveLength(3);
    for (const event of events) expect((await handleProductEvent(inOrder.deps, event)).detail).toMatch(/^applied from its changelog/);
    const details: string[] = [];
    for (const event of [events[2]!, events[2]!, events[1]!, events[0]!]) details.push((await handleProductEvent(shuffled.deps, event)).detail ?? '');
    // The newest first: its status change starts from a status the entry is not in, so it is read;
    // the older ones find the issue marked for that read.
    expect(details[0]).toMatch(/^marked for the next issue search: status changed; read because the fact is new, the change is from indeterminate/);
    expect(details.slice(1).every((d) => d.startsWith('already marked'))).toBe(true);
    later(5);
    await runIssueSync(inOrder.deps);
    await runIssueSync(shuffled.deps);
    expect(await rollups(shuffled)).toEqual(await rollups(inOrder));
    expect((await kpiFacts(shuffled)).get(target.id)).toEqual((await kpiFacts(inOrder)).get(target.id));
    // The same event again changes nothing; one older than a change applied from a changelog is
    // read, not skipped (the changelog that came first could not include it).
    expect((await handleProductEvent(inOrder.deps, events[2]!)).detail).toBe('readiness already current');
    expect((await handleProductEvent(inOrder.deps, events[0]!)).detail).toMatch(/^marked for the next issue search: older than a change applied from a changelog/);
  });
});

describe('the incremental search', () => {
  it('updates the roll-ups exactly as re-reading each issue on its event did', async () => {
    const [old, ours] = [app(), app()];
    // Blockers whose blocked issues do not change themselves: only a re-read of dependents sees them go.
    const blockedSame = openIn('SHOP 2.4');
    const blockerSame = openIn('SHOP 2.4', [blockedSame.key]);
    const blockedCross = openIn('SHOP 2.4', [blockedSame.key, blockerSame.key]);
    const blockerPay = openIn('PAY 3.1');
    await edit('POST', '/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: blockerSame.key }, outwardIssue: { key: blockedSame.key } });
    await edit('POST', '/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: blockerPay.key }, outwardIssue: { key: blockedCross.key } });
    await buildRollups(old);
    await buildRollups(ours);
    expect(await rollups(ours)).toEqual(await rollups(old));
    const events: JiraProductEvent[] = [];
    const stop = jira.onEvent((e) => events.push(e));
    const skip = [blockedSame.key, blockerSame.key, blockedCross.key];
    const done = openIn('SHOP 2.4', skip);
    const moved = openIn('SHOP 2.4', [...skip, done.key]);
    const blocked = openIn('SHOP 2.4', [...skip, done.key, moved.key]);
    const blocker = openIn('PAY 3.1', [blockerPay.key]);
    const backlog = backlogIssue();
    later(1);
    await edit('POST', `/issue/${done.key}/transitions`, { transition: { id: '41' } });
    await edit('POST', `/issue/${blockerSame.key}/transitions`, { transition: { id: '41' } });
    await edit('POST', `/issue/${blockerPay.key}/transitions`, { transition: { id: '41' } });
    later(1);
    await edit('PUT', `/issue/${moved.key}`, { fields: { fixVersions: [{ id: version('SHOP 2.5').id }] } });
    later(1);
    await edit('POST', '/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: blocker.key }, outwardIssue: { key: blocked.key } });
    later(1);
    await edit('PUT', `/issue/${blocked.key}`, { fields: { summary: 'Checkout copes with expired cards' } });
    await edit('PUT', `/issue/${backlog.key}`, { fields: { labels: ['tidy-up'] } });
    later(1);
    await edit('PUT', `/issue/${blocker.key}`, { fields: { priority: { name: 'Highest' } } });
    // A sub-task finished: its parent's readiness reads it.
    const subtask = data().issues.find((i) => i.parentId && i.fixVersionIds.includes(version('SHOP 2.4').id) && !isDone(i.statusId))!;
    later(1);
    await edit('POST', `/issue/${subtask.key}/transitions`, { transition: { id: '41' } });
    stop();

    // Before: every issue event re-read its issue, and queued re-reads of its dependents.
    for (const event of events) {
      if (event.eventType === 'avi:jira:updated:issue' || event.eventType === 'avi:jira:created:issue') await refresh(old.deps, event.issue.key, true);
      else await handleProductEvent(old.deps, event);
    }
    await old.drain();
    // Now: events mark, one search reads.
    for (const event of events) await handleProductEvent(ours.deps, event);
    await ours.drain();
    later(5);
    const outcome = await runIssueSync(ours.deps);
    await ours.drain();
    expect(outcome.failed).toEqual([]);
    expect(await rollups(ours)).toEqual(await rollups(old));
    const view = (await rollups(ours)) as Record<string, Array<{ id: string }>>;
    expect(view['SHOP 2.5']!.map((e) => e.id)).toContain(moved.id);
    expect(view['SHOP 2.4']!.map((e) => e.id)).not.toContain(moved.id);
    // The blocked issues did not change, yet their blockers are seen done.
    const blockersOf = (id: string) => (view['SHOP 2.4'] as unknown as Array<{ id: string; blockers: Array<{ key: string; category: string }> }>).find((e) => e.id === id)!.blockers;
    expect(blockersOf(blockedSame.id).find((b) => b.key === blockerSame.key)?.category).toBe('done');
    expect(blockersOf(blockedCross.id).find((b) => b.key === blockerPay.key)?.category).toBe('done');
  });

  it('writes the KPI facts of what changed, as the dataset says, and moves the KPI delta watermark on', async () => {
    const a = app();
    await runKpiSync(a.deps, { projectId: project('SHOP').id, projectKey: 'SHOP' });
    await a.drain();
    later(30);
    const target = backlogIssue();
    const stop = jira.onEvent((e) => void handleProductEvent(a.deps, e));
    await edit('POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } });
    await edit('PUT', `/issue/${target.key}`, { fields: { fixVersions: [{ id: version('SHOP 2.4').id }] } });
    stop();
    await a.drain();
    later(5);
    const startedAt = now.toISOString();
    expect((await runIssueSync(a.deps)).projects[0]).toMatchObject({ kpiFactsChanged: 1, complete: true });
    const doc = (await readSyncDoc(a.deps, project('SHOP').id)) as KpiSyncDoc;
    expect(doc.watermark).toBe(startedAt);
    const { tuples } = await readFacts(a.store, project('SHOP').id, doc.months);
    const stored = new Map<string, IssueFact>(tuples.map((t) => [t[0], decodeFact(t)]));
    const expected = datasetFacts(jira.dataset, 'SHOP').find((f) => f.id === target.id)!;
    expect(stored.get(target.id)).toEqual(expected);
  });

  it('does nothing when no event marked a project, reads only the marked issues, and a window run in the overlap applies nothing again', async () => {
    const a = app();
    await buildRollups(a);
    jira.resetStats();
    expect(await runIssueSync(a.deps)).toEqual({ projects: [], failed: [] });
    expect(jira.stats().requests).toBe(0);

    const target = openIn('SHOP 2.4');
    const stop = jira.onEvent((e) => void handleProductEvent(a.deps, e));
    later(1);
    await edit('POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } });
    await a.drain();
    later(1);
    expect((await runIssueSync(a.deps)).projects[0]).toMatchObject({ searched: 1, applied: 1 });
    expect(await dirty(a)).toEqual({});
    // Another change a minute later, and a label edit (ignored): only the marked issue is read.
    later(1);
    const other = openIn('SHOP 2.4', [target.key]);
    await edit('POST', `/issue/${other.key}/transitions`, { transition: { id: '41' } });
    await edit('PUT', `/issue/${target.key}`, { fields: { labels: ['tidy-up'] } });
    stop();
    await a.drain();
    jira.resetStats();
    expect((await runIssueSync(a.deps)).projects[0]).toMatchObject({ searched: 1, applied: 1 });
    // One bulk fetch of the marked issue (one more its blockers); no window search.
    expect(jira.stats().byRoute['POST /rest/api/3/search/jql']).toBeUndefined();
    const state = (await a.store.getVersioned<IssueSyncState>(keys.issueSyncState(project('SHOP').id)))!.value;
    expect(state.watermark).toBe(now.toISOString());
    // Issues inside the next window's overlap are remembered, older ones forgotten.
    expect(Object.keys(state.recent).sort()).toEqual([target.id, other.id].sort());
    // A window run (a mark without ids) reads the overlap again: it applies only the issue whose
    // ignored label edit came after its last read, and forgets what fell out of the overlap.
    later(5);
    await markProjectDirty(a.deps, project('SHOP').id, now);
    expect((await runIssueSync(a.deps)).projects[0]).toMatchObject({ searched: 2, applied: 1 });
    expect((await a.store.getVersioned<IssueSyncState>(keys.issueSyncState(project('SHOP').id)))!.value.recent).toEqual({});
  });

  it('keeps the mark and the watermark when Jira fails, and reads the change at the next run', async () => {
    const a = app();
    await buildRollups(a);
    const before = await rollups(a);
    const target = openIn('SHOP 2.4');
    const stop = jira.onEvent((e) => void handleProductEvent(a.deps, e));
    later(1);
    await edit('POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } });
    stop();
    await a.drain();
    later(5);
    jira.faults.quotaExhausted = true;
    const failed = await runIssueSync(a.deps);
    expect(failed.stoppedBy).toBe('QUOTA_EXHAUSTED');
    expect(Object.keys(await dirty(a))).toEqual([project('SHOP').id]);
    expect(await a.store.getVersioned(keys.issueSyncState(project('SHOP').id))).toBeUndefined();
    expect(await rollups(a)).toEqual(before);

    jira.faults.quotaExhausted = false;
    later(60);
    expect((await runIssueSync(a.deps)).projects[0]).toMatchObject({ applied: 1, complete: true });
    expect(await dirty(a)).toEqual({});
    expect(await rollups(a)).not.toEqual(before);
  });

  it('keeps a mark an event set while a search ran, and leaves a duplicate run harmless', async () => {
    const a = app();
    const shop = project('SHOP').id;
    await markProjectDirty(a.deps, shop, now);
    const claim = now;
    expect(Object.keys(await claimDirtyProjects(a.deps, claim))).toEqual([shop]);
    // An event during the search: the project is marked again, so the clearing search leaves it.
    expect(await markProjectDirty(a.deps, shop, later(1))).toBe(true);
    expect(await clearDirtyMark(a.deps, shop, claim.toISOString())).toBe(false);
    expect(Object.keys(await dirty(a))).toEqual([shop]);
    // A duplicate run claims later: the first run's clear leaves the second's claim alone.
    await claimDirtyProjects(a.deps, later(1));
    expect(await clearDirtyMark(a.deps, shop, claim.toISOString())).toBe(false);
    expect(await clearDirtyMark(a.deps, shop, now.toISOString())).toBe(true);
    expect(await dirty(a)).toEqual({});
  });

  it('names the marked issues, keeps those being read when an event comes mid-run, and falls back to the window when there are too many', async () => {
    const a = app();
    const shop = project('SHOP').id;
    await markProjectDirty(a.deps, shop, now, '1');
    expect(await markProjectDirty(a.deps, shop, now, '1')).toBe(false);
    await markProjectDirty(a.deps, shop, now, '2');
    const claim = now;
    await claimDirtyProjects(a.deps, claim);
    await markProjectDirty(a.deps, shop, later(1), '3');
    expect((await dirty(a))[shop]).toEqual({ since: claim.toISOString(), issues: ['1', '2', '3'] });
    expect(await clearDirtyMark(a.deps, shop, claim.toISOString())).toBe(false);
    for (let id = 4; id <= MAX_MARKED_ISSUES + 1; id++) await markProjectDirty(a.deps, shop, now, String(id));
    expect((await dirty(a))[shop]!.issues).toBeUndefined();
    // Once the window is searched, more ids change nothing.
    expect(await markProjectDirty(a.deps, shop, now, '1')).toBe(false);
  });

  it('gives the same store after two concurrent runs as after one', async () => {
    const [once, twice] = [app(), app()];
    await buildRollups(once);
    await buildRollups(twice);
    const target = openIn('SHOP 2.4');
    later(1);
    await edit('POST', `/issue/${target.key}/transitions`, { transition: { id: '41' } });
    const event = issueEvent('avi:jira:updated:issue', refOf(target.key), [CHANGE.status!]);
    await handleProductEvent(once.deps, event);
    await handleProductEvent(twice.deps, event);
    later(5);
    await runIssueSync(once.deps);
    await Promise.all([runIssueSync(twice.deps), runIssueSync(twice.deps)]);
    await Promise.all([once.drain(), twice.drain()]);
    expect(await rollups(twice)).toEqual(await rollups(once));
  });
});
