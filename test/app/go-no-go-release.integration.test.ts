import type { GoNoGoBoardView, ReleaseChoicesView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';
import { type SmallRelease, createSmallRelease } from '../support/go-no-go-release';

/**
 * Releasing from a GO works as Jira's own release dialog: nothing is released unless asked, the
 * version's unresolved issues are shown first, and they move to another unreleased version or stay.
 */

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
// Noon UTC on the 24th is already the 25th in Auckland: the release date must be Auckland's day.
let now = new Date('2026-11-24T12:00:00Z');
const { releaseManager: RAVI, viewer: SAM } = DEMO_ACCOUNT;
const JUSTIFICATION = 'The open bug only affects CHF display and has a documented workaround.';

beforeAll(async () => {
  site = await startDemoSite({ clock: { now: () => now } });
  facts = demoFacts(site.jira.dataset);
  await ok('saveProjectTimeZone', RAVI, { timeZone: 'Pacific/Auckland', expectedTimeZone: null });
});
afterAll(() => site.close());

const context = (accountId: string) => ({
  accountId,
  moduleKey: 'releases-page',
  extension: { type: 'jira:projectPage', project: { id: facts.project('SHOP').id, key: 'SHOP', type: 'software' } },
});
const call = async <T>(name: string, accountId: string, payload: unknown) => (await dispatchResolver(site.deps, name, payload, context(accountId))) as ResolverResult<T>;
async function ok<T>(name: string, accountId: string, payload: unknown): Promise<T> {
  const result = await call<T>(name, accountId, payload);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data;
}
const versionInJira = (id: string) => site.jira.dataset.versions.find((v) => v.id === id)!;
const issueInJira = (key: string) => site.jira.dataset.issues.find((i) => i.key === key)!;
let ids = 0;
const decisionId = () => `decision-release-${String(++ids).padStart(4, '0')}`;
const go = (release: SmallRelease, extra: Record<string, unknown> = {}) => ({
  versionId: release.versionId,
  value: 'GO',
  comment: '',
  overrideJustification: JUSTIFICATION,
  decisionId: decisionId(),
  ...extra,
});

describe('the release dialog’s choices', () => {
  it('lists the unresolved issues, the unreleased versions to move them to and the release date in the project’s zone', async () => {
    const release = await createSmallRelease(site.jira.url, { name: 'SHOP 3.0.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
    const next = await createSmallRelease(site.jira.url, { name: 'SHOP 3.0.2', startDate: '2026-11-28', releaseDate: '2026-12-04' });
    const choices = await ok<ReleaseChoicesView>('getReleaseChoices', SAM, { versionId: release.versionId });

    expect(choices).toMatchObject({ versionName: 'SHOP 3.0.1', released: false, releaseDate: '2026-11-25', timeZone: 'Pacific/Auckland' });
    expect(choices.unresolved).toEqual({ count: 1, issues: [{ key: release.bugKey, summary: 'Checkout total off by one cent for CHF', statusName: 'In Progress', issueType: 'Bug' }] });
    const targets = choices.moveTargets.map((t) => t.id);
    expect(targets).toContain(next.versionId);
    expect(targets).not.toContain(release.versionId);
    const shopVersions = site.jira.dataset.versions.filter((v) => v.projectId === facts.project('SHOP').id);
    for (const v of shopVersions.filter((v) => v.released || v.archived)) expect(targets).not.toContain(v.id);
    expect(choices.releaseNotes.text).toMatch(/release notes/i);
  });
});

describe('a GO decision and the Jira release', () => {
  it('does not release the version unless asked', async () => {
    const release = await createSmallRelease(site.jira.url, { name: 'SHOP 3.1.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
    const view = await ok<GoNoGoBoardView>('recordDecision', RAVI, go(release));
    expect(view.decision).toMatchObject({ value: 'GO', markReleasedRequested: false });
    expect(view.decision?.jiraRelease).toBeUndefined();
    expect(versionInJira(release.versionId)).toMatchObject({ released: false, releaseDate: '2026-11-27' });
  });

  it('moves the unresolved issues to the chosen version and releases on the project’s today', async () => {
    const release = await createSmallRelease(site.jira.url, { name: 'SHOP 3.2.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
    const next = await createSmallRelease(site.jira.url, { name: 'SHOP 3.2.2', startDate: '2026-11-28', releaseDate: '2026-12-04' });
    const view = await ok<GoNoGoBoardView>('recordDecision', RAVI, go(release, { release: { unresolvedIssues: 'move', moveToVersionId: next.versionId } }));

    expect(view.decision).toMatchObject({ markReleasedRequested: true, releaseRequest: { unresolvedIssues: 'move', moveToVersionId: next.versionId }, jiraRelease: { status: 'released', releaseDate: '2026-11-25' } });
    expect(versionInJira(release.versionId)).toMatchObject({ released: true, releaseDate: '2026-11-25' });
    expect(issueInJira(release.bugKey).fixVersionIds).toEqual([next.versionId]);
    expect(issueInJira(release.storyKey).fixVersionIds).toEqual([release.versionId]);
  });

  it('releases anyway with the unresolved issues left in the version when asked so', async () => {
    const release = await createSmallRelease(site.jira.url, { name: 'SHOP 3.3.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
    await ok<GoNoGoBoardView>('recordDecision', RAVI, go(release, { release: { unresolvedIssues: 'keep' } }));
    expect(versionInJira(release.versionId).released).toBe(true);
    expect(issueInJira(release.bugKey).fixVersionIds).toEqual([release.versionId]);
  });

  describe('refuses a release choice the page should not have sent, recording nothing', () => {
    let release: SmallRelease;
    let other: SmallRelease;
    beforeAll(async () => {
      release = await createSmallRelease(site.jira.url, { name: 'SHOP 3.4.1', startDate: '2026-11-18', releaseDate: '2026-11-27' });
      other = await createSmallRelease(site.jira.url, { name: 'SHOP 3.4.2', startDate: '2026-11-28', releaseDate: '2026-12-04' });
    });
    const releasedShopVersion = () => site.jira.dataset.versions.find((v) => v.projectId === facts.project('SHOP').id && v.released && !v.archived)!.id;
    const payVersion = () => facts.versionsOf('PAY').find((v) => !v.released)!.id;

    it.each([
      ['moving the issues to a version already released', () => ({ unresolvedIssues: 'move', moveToVersionId: releasedShopVersion() }), 'VALIDATION'],
      ['moving the issues to the version being released', () => ({ unresolvedIssues: 'move', moveToVersionId: release.versionId }), 'VALIDATION'],
      ['moving the issues to a version of another project', () => ({ unresolvedIssues: 'move', moveToVersionId: payVersion() }), 'VALIDATION'],
      ['moving the issues without saying where', () => ({ unresolvedIssues: 'move' }), 'VALIDATION'],
      ['an unknown choice', () => ({ unresolvedIssues: 'delete' }), 'VALIDATION'],
    ])('%s', async (_case, request, code) => {
      const before = JSON.stringify(site.store.snapshot());
      const result = await call('recordDecision', RAVI, go(release, { release: request() }));
      expect(result).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
      expect(JSON.stringify(site.store.snapshot())).toBe(before);
      expect(versionInJira(release.versionId).released).toBe(false);
      expect(versionInJira(other.versionId).released).toBe(false);
    });

    it('a NO-GO that asks to release', async () => {
      const before = JSON.stringify(site.store.snapshot());
      const result = await call('recordDecision', RAVI, { versionId: release.versionId, value: 'NO_GO', comment: 'stop', decisionId: decisionId(), release: { unresolvedIssues: 'keep' } });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('Only a GO') } });
      expect(JSON.stringify(site.store.snapshot())).toBe(before);
    });
  });
});

afterAll(() => {
  now = DEMO_NOW;
});
