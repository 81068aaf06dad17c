/**
 * Readiness resolvers over real HTTP against the fake Jira (demo data, fixed "now"): the issue
 * panel, sign-offs, the policy editor and the release roll-up, with their costs and bad input.
 */
import type { IssueReadinessView, ProjectReadinessView, ReadinessPolicyView, ResolverResult, SignOffResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { defaultPolicy } from '../../src/domain/readiness/policy';
import type { MemberShard } from '../../src/domain/readiness/rollup';
import { type StoredReleaseShard, decodeShard } from '../../src/domain/readiness/shard-codec';
import { bucketOf, MEMBER_BUCKETS, RELEASE_BUCKETS } from '../../src/domain/readiness/rollup';
import type { SignOffLog } from '../../src/domain/readiness/sign-offs';
import type { ReadinessSummary } from '../../src/domain/readiness/summary';
import { keys } from '../../src/store/keys';
import { resolveProjectZone } from '../../src/app/project-time';
import type { KeyValueStore } from '../../src/ports';
import { DEMO_ACCOUNT } from '../../local/fake-jira';
import { type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;

beforeEach(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterEach(() => site.close());

/** The site's zone is read from Jira once a day per project (the daily sync does it first). */
const warmTimeZone = () => resolveProjectZone(site.deps, facts.project('SHOP').id, 'SHOP');

const ok = <T>(result: ResolverResult<unknown>): T => {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as T;
};

/** Counts store operations (a batch or a transaction counts once). */
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

function dataset() {
  return site.jira.dataset;
}
const issueByKey = (key: string) => dataset().issues.find((i) => i.key === key)!;
const version = (name: string) => dataset().versions.find((v) => v.name === name)!;
const typeName = (issueTypeId: string) => dataset().issueTypes.find((t) => t.id === issueTypeId)!.name;
const doneStatus = (statusId: string) => dataset().statuses.find((s) => s.id === statusId)!.categoryKey === 'done';

function issueContext(accountId: string, key: string, projectKey?: string) {
  const issue = issueByKey(key);
  const project = projectKey ? facts.project(projectKey) : dataset().projects.find((p) => p.id === issue.projectId)!;
  return {
    accountId,
    moduleKey: 'release-readiness-panel',
    extension: { type: 'jira:issuePanel', issue: { id: issue.id, key, type: typeName(issue.issueTypeId) }, project: { id: project.id, key: project.key } },
  };
}

const projectContext = (accountId: string, key = 'SHOP') => ({ accountId, moduleKey: 'release-settings', extension: { project: { id: facts.project(key).id, key } } });

/** A SHOP 2.4 story with an open blocker, read from the demo data. */
function blockedStory() {
  const blocks = dataset().issueLinkTypes.find((t) => t.name === 'Blocks')!;
  const link = dataset().issueLinks.find((l) => {
    const blocked = dataset().issues.find((i) => i.id === l.destinationIssueId)!;
    const blocker = dataset().issues.find((i) => i.id === l.sourceIssueId)!;
    return l.typeId === blocks.id && !doneStatus(blocker.statusId) && blocked.fixVersionIds.includes(version('SHOP 2.4').id) && typeName(blocked.issueTypeId) !== 'Sub-task';
  })!;
  return { blocked: dataset().issues.find((i) => i.id === link.destinationIssueId)!, blocker: dataset().issues.find((i) => i.id === link.sourceIssueId)! };
}

function storyIn(versionName: string, predicate: (i: ReturnType<typeof issueByKey>) => boolean = () => true) {
  return dataset().issues.find((i) => i.fixVersionIds.includes(version(versionName).id) && typeName(i.issueTypeId) === 'Story' && predicate(i))!;
}

const panel = async (accountId: string, key: string, projectKey?: string) =>
  (await dispatchResolver(site.deps, 'getIssueReadiness', {}, issueContext(accountId, key, projectKey))) as ResolverResult<IssueReadinessView>;
const sign = async (accountId: string, key: string, payload: unknown, projectKey?: string) =>
  (await dispatchResolver(site.deps, 'signOffCheck', payload, issueContext(accountId, key, projectKey))) as ResolverResult<SignOffResult>;
const logOf = async (key: string) => (await site.store.getVersioned<SignOffLog>(keys.readinessSignOffs(issueByKey(key).id)))?.value;

describe('the readiness panel resolver', () => {
  it('answers the issue’s readiness for its release in one call: criteria, reasons, blockers, RAG', async () => {
    const { blocked, blocker } = blockedStory();
    const view = ok<IssueReadinessView>(await panel(facts.admin.accountId, blocked.key));
    expect(view.issue.key).toBe(blocked.key);
    expect(view.target?.name).toBe('SHOP 2.4');
    expect(view.target?.daysLeft).toBe(9);
    expect(view.rag).toBe('red');
    expect(view.readyForReleaseDate).toBe(false);
    const blockers = view.results.find((r) => r.id === 'no-open-blockers')!;
    expect(blockers.status).toBe('fail');
    expect(blockers.issues?.map((i) => i.key)).toContain(blocker.key);
    expect(view.results.map((r) => r.id)).toEqual(defaultPolicy().criteria.map((c) => c.id));
    expect(view.policySource).toBe('default');
  });

  it('costs at most 2 Jira requests and 4 store operations (one the project’s time zone) for the first paint', async () => {
    const { blocked } = blockedStory();
    await warmTimeZone();
    const ops = countStore(site.store);
    site.jira.resetStats();
    ok(await panel(DEMO_ACCOUNT.qa, blocked.key));
    expect(site.jira.stats().requests).toBeLessThanOrEqual(2);
    expect(ops.count()).toBeLessThanOrEqual(4);
  });

  it('costs one Jira request when no manual check names a group for that issue type', async () => {
    const subtask = dataset().issues.find((i) => typeName(i.issueTypeId) === 'Sub-task' && i.projectId === facts.project('SHOP').id)!;
    await warmTimeZone();
    site.jira.resetStats();
    ok(await panel(facts.admin.accountId, subtask.key));
    expect(site.jira.stats().requests).toBe(1);
  });

  it('says who may sign which check, as Jira’s groups have it', async () => {
    const story = storyIn('SHOP 2.4');
    const signable = async (accountId: string) =>
      ok<IssueReadinessView>(await panel(accountId, story.key))
        .checks.filter((c) => c.canSign)
        .map((c) => c.criterionId);
    expect(await signable(DEMO_ACCOUNT.qa)).toEqual(['qa-passed']);
    expect(await signable(DEMO_ACCOUNT.developer)).toEqual(['code-reviewed']);
    expect(await signable(DEMO_ACCOUNT.releaseManager)).toEqual(['release-note']);
    expect(await signable(DEMO_ACCOUNT.viewer)).toEqual([]);
  });

  it('shows an issue without fix version as not planned, with its criteria', async () => {
    const backlog = dataset().issues.find((i) => i.fixVersionIds.length === 0 && i.projectId === facts.project('SHOP').id && typeName(i.issueTypeId) === 'Story')!;
    const view = ok<IssueReadinessView>(await panel(facts.admin.accountId, backlog.key));
    expect(view.releases).toEqual([]);
    expect(view.target).toBeUndefined();
    expect(view.readyForReleaseDate).toBeNull();
    expect(view.results.find((r) => r.id === 'fix-version-set')?.status).toBe('fail');
  });

  it.each([
    ['a user who may browse nothing', () => DEMO_ACCOUNT.outsider, 'SHOP', 'NOT_FOUND'],
    ['a SHOP-only user on a PAY issue', () => DEMO_ACCOUNT.viewer, 'PAY', 'NOT_FOUND'],
  ])('refuses %s', async (_case, who, projectKey, code) => {
    const issue = dataset().issues.find((i) => i.projectId === facts.project(projectKey).id)!;
    expect(await panel(who(), issue.key)).toMatchObject({ ok: false, error: { code, message: expect.stringContaining('Browse Projects') } });
  });

  it('refuses an issue of another project than the view’s, and a payload naming an issue', async () => {
    const payIssue = dataset().issues.find((i) => i.projectId === facts.project('PAY').id)!;
    expect(await panel(facts.admin.accountId, payIssue.key, 'SHOP')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatchResolver(site.deps, 'getIssueReadiness', { issueKey: 'PAY-1' }, issueContext(facts.admin.accountId, 'SHOP-1'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('signing manual checks off', () => {
  it('records a sign-off with who, when, evidence and comment, and a double click counts once', async () => {
    const story = storyIn('SHOP 2.4');
    const first = ok<SignOffResult>(await sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign', evidenceUrl: 'https://ci.example.com/run/7', comment: 'Passed on staging' }));
    expect(first.outcome).toBe('recorded');
    expect(first.view.results.find((r) => r.id === 'qa-passed')).toMatchObject({ status: 'pass', reason: 'Signed off by Priya Shah.' });
    expect(first.view.history[0]).toMatchObject({ action: 'signed', accountId: DEMO_ACCOUNT.qa, displayName: 'Priya Shah', at: '2026-11-24T10:00:00.000Z', evidenceUrl: 'https://ci.example.com/run/7', comment: 'Passed on staging' });
    const again = ok<SignOffResult>(await sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign' }));
    expect(again.outcome).toBe('unchanged');
    expect((await logOf(story.key))?.records).toHaveLength(1);
    // The panel shows it to everyone.
    const seen = ok<IssueReadinessView>(await panel(DEMO_ACCOUNT.viewer, story.key));
    expect(seen.checks.find((c) => c.criterionId === 'qa-passed')?.current?.displayName).toBe('Priya Shah');
  });

  it('keeps both of two sign-offs of different checks made at the same moment', async () => {
    const story = storyIn('SHOP 2.4');
    const [qa, dev, rm] = await Promise.all([
      sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign' }),
      sign(DEMO_ACCOUNT.developer, story.key, { criterionId: 'code-reviewed', action: 'sign' }),
      sign(DEMO_ACCOUNT.releaseManager, story.key, { criterionId: 'release-note', action: 'sign' }),
    ]);
    for (const result of [qa, dev, rm]) expect(ok<SignOffResult>(result).outcome).toBe('recorded');
    const log = await logOf(story.key);
    expect(log?.records.map((r) => r.criterionId).sort()).toEqual(['code-reviewed', 'qa-passed', 'release-note']);
    expect(log?.records.map((r) => r.seq)).toEqual([1, 2, 3]);
    const view = ok<IssueReadinessView>(await panel(facts.admin.accountId, story.key));
    expect(view.checks.every((c) => c.current)).toBe(true);
  });

  it('counts a double click once even when both clicks arrive together', async () => {
    const story = storyIn('SHOP 2.4');
    const results = await Promise.all([1, 2, 3].map(() => sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign' })));
    expect(results.map((r) => ok<SignOffResult>(r).outcome).sort()).toEqual(['recorded', 'unchanged', 'unchanged']);
    expect((await logOf(story.key))?.records).toHaveLength(1);
  });

  it('revokes with a new record, so the history keeps both', async () => {
    const story = storyIn('SHOP 2.4');
    ok(await sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign' }));
    const revoked = ok<SignOffResult>(await sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'revoke', comment: 'Regression in checkout' }));
    expect(revoked.view.results.find((r) => r.id === 'qa-passed')?.status).toBe('fail');
    expect(revoked.view.history.map((h) => h.action)).toEqual(['revoked', 'signed']);
  });

  it('writes the sign-off into the release roll-up of the issue', async () => {
    const story = storyIn('SHOP 2.4');
    ok(await sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign' }));
    const stored = (await site.store.getVersioned<StoredReleaseShard>(keys.readinessRelease(version('SHOP 2.4').id, bucketOf(story.id, RELEASE_BUCKETS))))?.value;
    expect(decodeShard(stored!).issues[story.id]?.s).toEqual(['qa-passed']);
    const member = (await site.store.getVersioned<MemberShard>(keys.readinessMembers(story.projectId, bucketOf(story.id, MEMBER_BUCKETS))))?.value;
    expect(member?.entries[story.id]).toMatchObject({ v: [version('SHOP 2.4').id], s: ['qa-passed'], sr: 1 });
  });

  it.each<[string, () => [string, string, unknown, string?], string, RegExp]>([
    ['a user without the role', () => [DEMO_ACCOUNT.developer, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'sign' }], 'FORBIDDEN', /Only qa-team may sign off "QA passed"/],
    ['a viewer revoking', () => [DEMO_ACCOUNT.viewer, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'revoke' }], 'FORBIDDEN', /Only qa-team may revoke/],
    ['an unknown check', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: 'pm-approved', action: 'sign' }], 'VALIDATION', /no check "pm-approved"/],
    ['an automatic criterion', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: 'status-done', action: 'sign' }], 'VALIDATION', /computed from Jira/],
    ['a check that does not apply to sub-tasks', () => [DEMO_ACCOUNT.qa, dataset().issues.find((i) => typeName(i.issueTypeId) === 'Sub-task' && i.projectId === facts.project('SHOP').id)!.key, { criterionId: 'qa-passed', action: 'sign' }], 'VALIDATION', /does not apply to Sub-task/],
    ['an issue of another project than the view’s', () => [DEMO_ACCOUNT.qa, storyIn('PAY 3.1').key, { criterionId: 'qa-passed', action: 'sign' }, 'SHOP'], 'FORBIDDEN', /does not belong to the project SHOP/],
    ['a payload naming the issue', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'sign', issueKey: 'PAY-1' }], 'VALIDATION', /not valid/],
    ['a payload naming the signer', () => [DEMO_ACCOUNT.developer, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'sign', accountId: DEMO_ACCOUNT.qa }], 'VALIDATION', /not valid/],
    ['an unknown action', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'approve' }], 'VALIDATION', /not valid/],
    ['a script as evidence', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'sign', evidenceUrl: 'javascript:alert(1)' }], 'VALIDATION', /not valid/],
    ['a comment of 1,001 characters', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: 'qa-passed', action: 'sign', comment: 'x'.repeat(1001) }], 'VALIDATION', /not valid/],
    ['a check id with odd characters', () => [DEMO_ACCOUNT.qa, storyIn('SHOP 2.4').key, { criterionId: '../qa', action: 'sign' }], 'VALIDATION', /not valid/],
  ])('refuses %s with a catalogued error and stores nothing', async (_case, args, code, message) => {
    const [accountId, key, payload, projectKey] = args();
    const result = await sign(accountId, key, payload, projectKey);
    expect(result).toMatchObject({ ok: false, error: { code } });
    const error = (result as { error: { message: string; details?: string[] } }).error;
    expect([error.message, ...(error.details ?? [])].join(' ')).toMatch(message);
    expect(await logOf(key)).toBeUndefined();
    expect((await site.store.query('readiness:', {})).results).toEqual([]);
  });
});

describe('the readiness policy in the settings page', () => {
  const read = async (accountId: string) => (await dispatchResolver(site.deps, 'getReadinessPolicy', {}, projectContext(accountId))) as ResolverResult<ReadinessPolicyView>;
  const save = async (accountId: string, payload: unknown) => dispatchResolver(site.deps, 'saveReadinessPolicy', payload, projectContext(accountId));
  const stored = () => site.store.getVersioned(keys.readinessPolicy(facts.project('SHOP').id));

  it('starts from the default policy, with the project’s issue types and the site’s fields to pick from', async () => {
    const view = ok<ReadinessPolicyView>(await read(DEMO_ACCOUNT.releaseManager));
    expect(view).toMatchObject({ source: 'default', revision: 0, canEdit: true, policy: defaultPolicy() });
    expect(view.catalog.issueTypes).toEqual(expect.arrayContaining(['Story', 'Bug', 'Sub-task']));
    expect(view.catalog.fields).toEqual(expect.arrayContaining([{ id: 'customfield_10016', name: 'Story point estimate' }, { id: 'components', name: expect.any(String) }]));
    expect(ok<ReadinessPolicyView>(await read(DEMO_ACCOUNT.viewer)).canEdit).toBe(false);
    expect(await read(DEMO_ACCOUNT.outsider)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('saves a project admin’s policy, answers its warnings, and rebuilds the roll-ups', async () => {
    const policy = { ...defaultPolicy(), closeDays: 3, criteria: [...defaultPolicy().criteria, { id: 'security-review', kind: 'manual', label: 'Security review', severity: 'advisory', issueTypes: ['Epic'], groups: ['security'], accountIds: [] }] };
    const result = ok<{ view: ReadinessPolicyView; warnings: Array<{ path: string }> }>(await save(DEMO_ACCOUNT.releaseManager, { policy, revision: 0 }));
    expect(result.view).toMatchObject({ source: 'project', revision: 1, policy: { closeDays: 3 } });
    expect(result.warnings).toEqual([expect.objectContaining({ path: 'criteria.12.issueTypes' })]);
    expect(ok<ReadinessPolicyView>(await read(DEMO_ACCOUNT.viewer)).policy.criteria.map((c) => c.id)).toContain('security-review');
    await site.queue.drain();
    expect(site.queue.delivered.filter((d) => d.type === 'reconcile-release-readiness' && d.ok)).toHaveLength(4);
  });

  it.each<[string, string, () => unknown, string, RegExp]>([
    ['a user who is not a project admin', DEMO_ACCOUNT.developer, () => ({ policy: defaultPolicy(), revision: 0 }), 'FORBIDDEN', /administer projects/],
    ['duplicate criterion ids', DEMO_ACCOUNT.releaseManager, () => ({ policy: { ...defaultPolicy(), criteria: [defaultPolicy().criteria[0], defaultPolicy().criteria[0]] }, revision: 0 }), 'VALIDATION', /criteria\.1\.id: The id "status-done" is used twice/],
    ['no criteria', DEMO_ACCOUNT.releaseManager, () => ({ policy: { ...defaultPolicy(), criteria: [] }, revision: 0 }), 'VALIDATION', /criteria: The policy needs at least one criterion/],
    ['a criterion without name', DEMO_ACCOUNT.releaseManager, () => ({ policy: { ...defaultPolicy(), criteria: [{ ...defaultPolicy().criteria[0], label: '' }] }, revision: 0 }), 'VALIDATION', /criteria\.0\.label/],
    ['a tampered policy', DEMO_ACCOUNT.releaseManager, () => ({ policy: { ...defaultPolicy(), admins: ['me'] }, revision: 0 }), 'VALIDATION', /Unknown setting: admins/],
    ['a payload with extra fields', DEMO_ACCOUNT.releaseManager, () => ({ policy: defaultPolicy(), revision: 0, projectId: '10001' }), 'VALIDATION', /not valid/],
    ['a stale revision', DEMO_ACCOUNT.releaseManager, () => ({ policy: defaultPolicy(), revision: 4 }), 'CONFLICT', /Someone else saved/],
  ])('refuses %s with a catalogued error and stores nothing', async (_case, who, payload, code, message) => {
    const result = await save(who, payload());
    expect(result).toMatchObject({ ok: false, error: { code } });
    const error = (result as { error: { message: string; details?: string[] } }).error;
    expect([error.message, ...(error.details ?? [])].join(' ')).toMatch(message);
    expect(await stored()).toBeUndefined();
    await site.queue.drain();
    expect(site.queue.delivered).toEqual([]);
  });

  it('refuses a save over a newer one (two admins at once)', async () => {
    const a = await save(DEMO_ACCOUNT.releaseManager, { policy: { ...defaultPolicy(), closeDays: 2 }, revision: 0 });
    const b = await save(DEMO_ACCOUNT.admin, { policy: { ...defaultPolicy(), closeDays: 9 }, revision: 0 });
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ok<ReadinessPolicyView>(await read(DEMO_ACCOUNT.viewer)).policy.closeDays).toBe(2);
  });
});

describe('the release roll-up', () => {
  const rollups = async (accountId: string = DEMO_ACCOUNT.viewer, payload: unknown = {}) =>
    (await dispatchResolver(site.deps, 'getReleaseReadiness', payload, projectContext(accountId))) as ResolverResult<ProjectReadinessView>;

  it('is built on first look, then answers per release: ready issues, failing criteria, blocking issues', async () => {
    const first = ok<ProjectReadinessView>(await rollups());
    const unreleased = facts.versionsOf('SHOP').filter((v) => !v.released && !v.archived);
    expect(first.releases.map((r) => [r.release.name, r.status])).toEqual(unreleased.map((v) => [v.name, 'building']));
    await site.queue.drain();
    // A second look within the hour does not queue the build again.
    ok(await rollups());
    await site.queue.drain();
    expect(site.queue.delivered.filter((d) => d.type === 'reconcile-release-readiness')).toHaveLength(unreleased.length);

    const view = ok<ProjectReadinessView>(await rollups());
    const current = view.releases.find((r) => r.release.name === 'SHOP 2.4')!;
    expect(current.status).toBe('ready');
    const inRelease = dataset().issues.filter((i) => i.fixVersionIds.includes(version('SHOP 2.4').id));
    const rollup = current.rollup!;
    expect(rollup.total).toBe(inRelease.length);
    expect(rollup.rag.red + rollup.rag.amber + rollup.rag.green).toBe(inRelease.length);
    const notDone = inRelease.filter((i) => !doneStatus(i.statusId)).length;
    expect(rollup.failing.find((f) => f.id === 'status-done')?.count).toBe(notDone);
    expect(rollup.blocking.length).toBeLessThanOrEqual(10);
    const keysInRelease = new Set(inRelease.map((i) => i.key));
    for (const issue of rollup.blocking) expect(keysInRelease.has(issue.key)).toBe(true);
    const { blocked, blocker } = blockedStory();
    const detail = ok<ProjectReadinessView>(await rollups(DEMO_ACCOUNT.viewer, { versionId: version('SHOP 2.4').id }));
    expect(detail.releases).toHaveLength(1);
    expect(detail.releases[0]!.rollup!.blocking.find((b) => b.key === blocked.key)?.mentions).toContain(blocker.key);
  });

  it('changes when a check is signed off', async () => {
    ok(await rollups());
    await site.queue.drain();
    const story = storyIn('SHOP 2.4');
    const qaFailing = async () => ok<ProjectReadinessView>(await rollups()).releases.find((r) => r.release.name === 'SHOP 2.4')!.rollup!.failing.find((f) => f.id === 'qa-passed')!.count;
    const before = await qaFailing();
    ok(await sign(DEMO_ACCOUNT.qa, story.key, { criterionId: 'qa-passed', action: 'sign' }));
    expect(await qaFailing()).toBe(before - 1);
  });

  it.each([
    ['an unknown version', { versionId: '99999' }, DEMO_ACCOUNT.viewer, 'NOT_FOUND'],
    ['a malformed version id', { versionId: '10005; drop' }, DEMO_ACCOUNT.viewer, 'VALIDATION'],
    ['a user without Browse Projects', {}, DEMO_ACCOUNT.outsider, 'FORBIDDEN'],
  ])('refuses %s', async (_case, payload, who, code) => {
    expect(await rollups(who, payload)).toMatchObject({ ok: false, error: { code } });
    expect(site.queue.delivered).toEqual([]);
  });
});

describe('the readiness trend', () => {
  it('records one point a day per unreleased release from the daily run, the same counts as the roll-up, and a second run that day writes nothing', async () => {
    const { reconcileProjectReadiness } = await import('../../src/app/readiness/release-readiness');
    const shop = facts.project('SHOP');
    await dispatchResolver(site.deps, 'getReleaseReadiness', {}, projectContext(DEMO_ACCOUNT.viewer));
    await site.queue.drain();
    await site.deps.store.delete(keys.readinessTrend(shop.id));
    await reconcileProjectReadiness(site.deps, shop.id, 'SHOP');
    const stored = await site.deps.store.getVersioned<{ releases: Record<string, unknown[]> }>(keys.readinessTrend(shop.id));
    const unreleased = facts.versionsOf('SHOP').filter((v) => !v.released && !v.archived);
    expect(Object.keys(stored!.value.releases).sort()).toEqual(unreleased.map((v) => v.id).sort());
    await reconcileProjectReadiness(site.deps, shop.id, 'SHOP');
    expect((await site.deps.store.getVersioned(keys.readinessTrend(shop.id)))!.rev).toBe(stored!.rev);

    const view = ok<ProjectReadinessView>(await dispatchResolver(site.deps, 'getReleaseReadiness', {}, projectContext(DEMO_ACCOUNT.viewer)));
    const current = view.releases.find((r) => r.release.name === 'SHOP 2.4')!;
    const { rag } = current.rollup!;
    expect(current.trend).toEqual([{ date: '2026-11-24', ready: rag.green, atRisk: rag.amber, notReady: rag.red }]);
  });
});

describe('the daily repair of a release roll-up', () => {
  const v24 = () => version('SHOP 2.4');
  const repair = async () => {
    await dispatchResolver(site.deps, 'getReleaseReadiness', {}, projectContext(DEMO_ACCOUNT.viewer));
    await site.queue.drain();
  };
  const rollupOf = async (name: string) =>
    ok<ProjectReadinessView>(await dispatchResolver(site.deps, 'getReleaseReadiness', {}, projectContext(DEMO_ACCOUNT.viewer))).releases.find((r) => r.release.name === name)!.rollup!;
  const runRepair = async () => {
    const { reconcileReleaseReadiness } = await import('../../src/app/readiness/release-readiness');
    site.jira.resetStats();
    const result = await reconcileReleaseReadiness(site.deps, facts.project('SHOP').id, v24().id);
    return { ...result, stats: site.jira.stats() };
  };

  it('reads only what changed since the last repair when nothing was missed', async () => {
    await repair();
    const quiet = await runRepair();
    expect(quiet.mode).toBe('incremental');
    // One count and one search that finds nothing: no per-issue points.
    expect(quiet.stats.requests).toBe(2);
    expect(quiet.stats.points).toBe(2);

    // A change whose event was lost is found by the next repair.
    const target = dataset().issues.find((i) => i.fixVersionIds.includes(v24().id) && !doneStatus(i.statusId) && typeName(i.issueTypeId) === 'Story')!;
    const before = await rollupOf('SHOP 2.4');
    target.statusId = dataset().statuses.find((s) => s.categoryKey === 'done')!.id;
    target.resolutionId = dataset().resolutions[0]!.id;
    target.updated = '2026-11-24T09:59:00.000+0000';
    site.jira.reindex();
    const repaired = await runRepair();
    expect(repaired.mode).toBe('incremental');
    expect(repaired.stats.points).toBeLessThan(10);
    const after = await rollupOf('SHOP 2.4');
    expect(after.failing.find((f) => f.id === 'status-done')!.count).toBe(before.failing.find((f) => f.id === 'status-done')!.count - 1);
  });

  it('writes only the buckets whose issues changed, and the summary only when it changed', async () => {
    await repair();
    const written = async (work: () => Promise<unknown>) => {
      const transact = jest.spyOn(site.store, 'transact');
      try {
        await work();
        const puts = transact.mock.calls.flatMap(([operations]) => operations.filter((op) => op.kind === 'put').map((op) => op.key));
        return { leaves: puts.filter((k) => k.startsWith('readiness:release:')), summaries: puts.filter((k) => k.startsWith('readiness:summary:')) };
      } finally {
        transact.mockRestore();
      }
    };
    const summaryKey = keys.readinessSummary(v24().id);
    // Nothing changed in Jira: no leaf; the summary only takes the repair's new build time.
    expect(await written(runRepair)).toEqual({ leaves: [], summaries: [summaryKey] });

    const target = dataset().issues.find((i) => i.fixVersionIds.includes(v24().id) && !doneStatus(i.statusId))!;
    const before = await site.store.getVersioned<ReadinessSummary>(summaryKey);
    target.statusId = dataset().statuses.find((s) => s.categoryKey === 'done')!.id;
    target.updated = '2026-11-24T09:59:00.000+0000';
    site.jira.reindex();
    const changed = await written(runRepair);
    expect(changed.leaves).toHaveLength(1);
    expect(changed.leaves[0]).toMatch(new RegExp(`^readiness:release:${v24().id}:${bucketOf(target.id, RELEASE_BUCKETS)}`));
    expect(changed.summaries).toEqual([summaryKey]);
    expect((await site.store.getVersioned<ReadinessSummary>(summaryKey))!.value.done).toBe(before!.value.done + 1);
    const { builtAtOf, readReleaseShards } = await import('../../src/app/readiness/rollup-store');
    expect(builtAtOf(await readReleaseShards(site.store, v24().id))).toBeDefined();
  });

  it('rebuilds a summary that is missing or behind its roll-up, and leaves a current one alone', async () => {
    await repair();
    const { refreshReleaseSummary } = await import('../../src/app/readiness/summary-store');
    const summaryKey = keys.readinessSummary(v24().id);
    const good = (await site.store.getVersioned<ReadinessSummary>(summaryKey))!;
    expect((await refreshReleaseSummary(site.deps, facts.project('SHOP').id, v24().id)).written).toBe(false);
    // A crash between a leaf's write and its summary's would leave it behind: the counts are wrong, and so is the revision.
    await site.store.transact([{ kind: 'put', key: summaryKey, value: { ...good.value, rollupRev: good.value.rollupRev - 1, done: 0 }, expectRev: good.rev }]);
    await runRepair();
    expect((await site.store.getVersioned<ReadinessSummary>(summaryKey))!.value).toMatchObject({ done: good.value.done, total: good.value.total });
    const drop = async () => site.store.transact([{ kind: 'delete', key: summaryKey, expectRev: (await site.store.getVersioned(summaryKey))!.rev }]);
    await drop();
    await runRepair();
    expect((await site.store.getVersioned<ReadinessSummary>(summaryKey))!.value).toMatchObject({ done: good.value.done, total: good.value.total });
    // A roll-up built before summaries existed: the first list view makes its summary, not a "building" state.
    await drop();
    const listed = ok<ProjectReadinessView>(await dispatchResolver(site.deps, 'getReleaseReadiness', {}, projectContext(DEMO_ACCOUNT.viewer))).releases.find((r) => r.release.id === v24().id)!;
    expect(listed).toMatchObject({ status: 'ready', rollup: { total: good.value.total, done: good.value.done } });
  });

  it('reads the whole release again when an issue joined or left it unseen, or the policy changed', async () => {
    await repair();
    const moved = dataset().issues.find((i) => i.fixVersionIds.includes(version('SHOP 2.5').id))!;
    const total = (await rollupOf('SHOP 2.4')).total;
    moved.fixVersionIds = [v24().id];
    site.jira.reindex();
    const result = await runRepair();
    expect(result.mode).toBe('complete');
    expect((await rollupOf('SHOP 2.4')).total).toBe(total + 1);

    // Saving a policy queues a complete read of every release for it.
    ok(await dispatchResolver(site.deps, 'saveReadinessPolicy', { policy: { ...defaultPolicy(), closeDays: 2 }, revision: 0 }, projectContext(DEMO_ACCOUNT.releaseManager)));
    await site.queue.drain();
    const { readReleaseShards } = await import('../../src/app/readiness/rollup-store');
    expect((await readReleaseShards(site.store, v24().id)).map((s) => s.policyRev)).toEqual(new Array(RELEASE_BUCKETS).fill(1));
    expect((await runRepair()).mode).toBe('incremental');
  });
});

describe('the roll-up for the Go/No-Go board and the calendar', () => {
  it('answers readiness evidence from the roll-up once built, and the board’s own counting before', async () => {
    const { readinessRollupEvidence, readinessRagByVersion } = await import('../../src/app/readiness/integrations');
    const fallback = { readiness: async () => ({ source: 'jira' }) as never };
    const source = readinessRollupEvidence(site.deps, fallback);
    const request = { jira: site.deps.jiraAsUser(DEMO_ACCOUNT.releaseManager), projectId: facts.project('SHOP').id, projectKey: 'SHOP', versionId: version('SHOP 2.4').id, now: new Date('2026-11-24T10:00:00Z') };
    expect((await source.readiness(request)).source).toBe('jira');
    await dispatchResolver(site.deps, 'getReleaseReadiness', {}, projectContext(DEMO_ACCOUNT.viewer));
    await site.queue.drain();
    const evidence = await source.readiness(request);
    const rollup = ok<ProjectReadinessView>(await dispatchResolver(site.deps, 'getReleaseReadiness', { versionId: version('SHOP 2.4').id }, projectContext(DEMO_ACCOUNT.viewer))).releases[0]!.rollup!;
    expect(evidence).toMatchObject({ source: 'readiness-rollup', total: rollup.total, ready: rollup.ready, notReady: rollup.total - rollup.ready, blockingCount: rollup.rag.red, partial: false });
    expect(evidence.failuresByCriterion[0]).toEqual({ id: rollup.failing[0]!.id, label: rollup.failing[0]!.label, count: rollup.failing[0]!.count });
    expect(evidence.blockingIssues.length).toBeGreaterThan(0);

    const rags = await readinessRagByVersion(site.deps, facts.versionsOf('SHOP').map((v) => ({ projectKey: 'SHOP', projectId: v.projectId, versionId: v.id, name: v.name, released: v.released, ...(v.releaseDate ? { releaseDate: v.releaseDate } : {}) })));
    expect(rags.get(`SHOP/${version('SHOP 2.4').id}`)).toBe(rollup.overall);
    expect(rags.has(`SHOP/${version('SHOP 2.3').id}`)).toBe(false);
  });
});
