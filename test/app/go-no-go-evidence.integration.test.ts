/**
 * The board's evidence comes from the other modules once they hold it: the readiness roll-up
 * (src/app/readiness/) for readiness, the release plan (src/app/release-plan/) for environment
 * slots and calendar conflicts. Before that, Jira counts and "not available".
 */
import type { GoNoGoBoardView, ProjectReadinessView, ReleaseCalendarView, ResolverResult } from '../../src/contract';
import { dispatchResolver } from '../../src/app/resolvers';
import { dayInZone } from '../../src/domain/calendar/zone';
import { reconcileReleaseReadiness } from '../../src/app/readiness/release-readiness';
import { seedDemoPlan } from '../../local/demo-plan';
import { DEMO_ACCOUNT } from '../../local/fake-jira/demo-data';
import { DEMO_NOW, type DemoSite, demoFacts, startDemoSite } from '../support/demo-site';

let site: DemoSite;
let facts: ReturnType<typeof demoFacts>;
const context = { accountId: DEMO_ACCOUNT.releaseManager, moduleKey: 'releases-page', extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP' } } };

async function ok<T>(name: string, payload: unknown): Promise<T> {
  const result = (await dispatchResolver(site.deps, name, payload, context)) as ResolverResult<T>;
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.data;
}

beforeAll(async () => {
  site = await startDemoSite();
  facts = demoFacts(site.jira.dataset);
});
afterAll(() => site.close());

const shop24 = () => facts.versionsOf('SHOP').find((v) => v.name === 'SHOP 2.4')!;
const criterion = (board: GoNoGoBoardView, id: string) => board.criteria.find((c) => c.id === id)!;

describe('readiness evidence', () => {
  it('counts from Jira while the release has no readiness roll-up', async () => {
    const board = await ok<GoNoGoBoardView>('getGoNoGoBoard', { versionId: shop24().id });
    expect(board.readiness.source).toBe('jira');
    expect(board.readiness.total).toBe(facts.countsOf(shop24().id).total);
  });

  it('uses the readiness roll-up once it is built: ready by the readiness policy, its Red issues as blocking', async () => {
    await reconcileReleaseReadiness(site.deps, '10000', shop24().id);
    const [board, readiness] = await Promise.all([
      ok<GoNoGoBoardView>('getGoNoGoBoard', { versionId: shop24().id }),
      ok<ProjectReadinessView>('getReleaseReadiness', { versionId: shop24().id }),
    ]);
    const rollup = readiness.releases[0]!.rollup!;
    expect(board.readiness).toMatchObject({ source: 'readiness-rollup', total: rollup.total, ready: rollup.ready, notReady: rollup.total - rollup.ready, blockingCount: rollup.blocking.length });
    expect(board.readiness.blockingIssues.map((i) => i.key)).toEqual(rollup.blocking.slice(0, 25).map((i) => i.key));
    expect(board.readiness.failuresByCriterion.map((f) => f.id)).toEqual(rollup.failing.map((t) => t.id));
    expect(criterion(board, 'issues-ready').status).toBe(rollup.ready === rollup.total ? 'pass' : 'fail');
    expect(board.readiness.openBlockerBugs).toEqual(expect.any(Number));
  });
});

describe('release plan evidence', () => {
  it('says "not available: no environment plan" while the site has no environments', async () => {
    const board = await ok<GoNoGoBoardView>('getGoNoGoBoard', { versionId: shop24().id });
    expect(board.plan).toEqual({ available: false, reason: 'no environment plan.' });
    expect(criterion(board, 'environment-slots-done')).toMatchObject({ status: 'not-available', detail: 'Not available: no environment plan.' });
  });

  it('checks the required slots of the release and shows the calendar’s conflicts that involve it', async () => {
    await seedDemoPlan(site.store, site.jira.dataset, DEMO_NOW);
    const board = await ok<GoNoGoBoardView>('getGoNoGoBoard', { versionId: shop24().id });
    if (!board.plan.available) throw new Error(board.plan.reason);
    // The demo books two required slots for SHOP 2.4 (UAT-1 from today, NFT from day 2): neither is done.
    expect(board.plan.requiredSlots.map((s) => s.done)).toEqual([false, false]);
    expect(criterion(board, 'environment-slots-done')).toMatchObject({ status: 'fail', detail: expect.stringContaining('2 of 2 required slots not done') });
    const calendar = await ok<ReleaseCalendarView>('getReleaseCalendar', { from: '2026-10-25', to: '2026-12-08' });
    const involving = calendar.conflicts.filter((c) => c.items.some((i) => i.kind === 'version' && i.id === shop24().id));
    for (const conflict of involving) expect(board.plan.conflicts.map((c) => c.id)).toContain(conflict.id);
    expect(criterion(board, 'no-calendar-conflicts').status).toBe(board.plan.conflicts.some((c) => c.severity === 'error') ? 'fail' : 'pass');

    // A slot's days are the project's: in Auckland (UTC+13) the demo's afternoon (UTC) ends are the next day.
    await ok('saveProjectTimeZone', { timeZone: 'Pacific/Auckland', expectedTimeZone: null });
    const zoned = await ok<GoNoGoBoardView>('getGoNoGoBoard', { versionId: shop24().id });
    await ok('saveProjectTimeZone', { timeZone: null, expectedTimeZone: 'Pacific/Auckland' });
    if (!zoned.plan.available) throw new Error(zoned.plan.reason);
    expect(zoned.plan.requiredSlots.map((s) => s.detail)).toEqual(zoned.plan.requiredSlots.map((s) => `booked until ${dayInZone(Date.parse(s.to), 'Pacific/Auckland')}`));
    expect(zoned.plan.requiredSlots.some((s) => s.detail !== `booked until ${s.to.slice(0, 10)}`)).toBe(true);
  });
});
