/**
 * The exact problems a release manager is shown when a booking, window, deployment or environment
 * name is refused: every problem at once, at the edges of each limit.
 */
import type { DeploymentInput, SlotInput, WindowInput } from '../../../src/contract-release-plan';
import { validateDeployment, validateEnvironmentName, validateSlot, validateWindow } from '../../../src/domain/release-plan/validate';
import { ENVIRONMENTS, PLAN_NOW, aPlanVersion, anEnvironment, t } from '../../support/plan-builders';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const uat = ENVIRONMENTS[1];
const slot = (overrides: Partial<SlotInput> = {}): SlotInput => ({ versionId: '10001', environmentId: 'env-uat1', from: t('12-01 09:00'), to: t('12-04 17:00'), required: false, ...overrides });
const undated = aPlanVersion({ startDate: undefined, releaseDate: undefined });

describe('the problems with a booking', () => {
  it.each<[string, Partial<SlotInput>, Parameters<typeof validateSlot>[1], string[]]>([
    [
      'nothing about it is right',
      { environmentId: 'env-nope', from: 'soon', to: 'later' },
      {},
      ['environmentId: there is no environment “env-nope” in the inventory.', 'versionId: this project has no version “10001”.', 'from: “soon” is not a date and time.', 'to: “later” is not a date and time.'],
    ],
    ['an end that is not a time, from before the version starts', { from: t('11-01 09:00'), to: 'later' }, { environment: uat, version: aPlanVersion() }, ['to: “later” is not a date and time.']],
    ['a start that is not a time', { from: '2026-13-01T09:00:00Z' }, { environment: uat, version: aPlanVersion() }, ['from: “2026-13-01T09:00:00Z” is not a date and time.']],
    ['exactly 92 days', { from: t('01-01 00:00'), to: iso(Date.parse(t('01-01 00:00')) + 92 * DAY) }, { environment: uat, version: undated }, []],
    ['92 days and a minute', { from: t('01-01 00:00'), to: iso(Date.parse(t('01-01 00:00')) + 92 * DAY + MINUTE) }, { environment: uat, version: undated }, ['to: a slot can last at most 92 days.']],
    ['exactly 15 minutes', { to: t('12-01 09:15') }, { environment: uat, version: aPlanVersion() }, []],
    ['14 minutes', { to: t('12-01 09:14') }, { environment: uat, version: aPlanVersion() }, ['to: a slot lasts at least 15 minutes.']],
    ['starting at the first instant of the version’s start day', { from: t('11-02 00:00') }, { environment: uat, version: aPlanVersion() }, []],
    [
      'starting a minute before the version’s start day',
      { from: t('11-01 23:59') },
      { environment: uat, version: aPlanVersion() },
      ['from: SHOP 2.4 starts on Mon, 2 Nov 2026; the slot cannot start before that.'],
    ],
    [
      'ending at 12:00 UTC on the release day, which is already the next day in Auckland',
      { to: t('12-11 12:00') },
      { environment: uat, version: aPlanVersion(), timeZone: 'Pacific/Auckland' },
      ['to: SHOP 2.4 is due on Fri, 11 Dec 2026; the slot must end by the end of that day.'],
    ],
    ['ending at 12:00 UTC on the release day, in UTC (the default zone)', { to: t('12-11 12:00') }, { environment: uat, version: aPlanVersion() }, []],
  ])('%s', (_case, input, facts, problems) => {
    expect(validateSlot(slot(input), facts)).toEqual(problems);
  });
});

describe('the problems with a freeze or maintenance window', () => {
  const window = (overrides: Partial<WindowInput> = {}): WindowInput => ({ kind: 'freeze', scope: { type: 'site' }, from: t('12-18 00:00'), to: t('12-28 00:00'), reason: 'Year end', ...overrides });
  const onUat1 = { type: 'environment', environmentId: 'env-uat1' } as const;
  it.each<[string, Partial<WindowInput>, string[]]>([
    ['a production freeze', { tiers: ['PREPROD', 'PROD'] }, []],
    ['maintenance of UAT-1', { kind: 'maintenance', scope: onUat1 }, []],
    ['maintenance of UAT-1 limited to tiers', { kind: 'maintenance', scope: onUat1, tiers: ['UAT'] }, ['tiers: only a change freeze applies to tiers.']],
    ['a freeze of UAT-1', { scope: onUat1 }, []],
    ['a freeze of an environment not in the inventory', { scope: { type: 'environment', environmentId: 'env-x' } }, ['scope.environmentId: there is no environment “env-x” in the inventory.']],
    ['a freeze of this project', { scope: { type: 'project', projectKey: 'SHOP' } }, []],
    ['times that are not times', { from: 'Xmas', to: 'New Year' }, ['from: “Xmas” is not a date and time.', 'to: “New Year” is not a date and time.']],
    ['longer than a year', { from: t('01-01 00:00'), to: '2028-01-01T00:00:00.000Z' }, ['to: a window can last at most 366 days.']],
  ])('%s', (_case, input, problems) => {
    expect(validateWindow(window(input), { environments: ENVIRONMENTS, projectKey: 'SHOP' })).toEqual(problems);
  });
});

describe('the problems with a recorded deployment', () => {
  const deployment = (at: string): DeploymentInput => ({ versionId: '10001', environmentId: 'env-prod', at, status: 'successful' });
  const facts = { environment: ENVIRONMENTS[4], version: aPlanVersion(), now: PLAN_NOW };
  it.each<[string, string, string[]]>([
    ['recorded as it happens', iso(PLAN_NOW), []],
    ['from a machine whose clock is five minutes fast', iso(PLAN_NOW + 5 * MINUTE), []],
    ['a millisecond beyond that', iso(PLAN_NOW + 5 * MINUTE + 1), ['at: a deployment is recorded after it happened; this time is in the future.']],
  ])('%s', (_case, at, problems) => {
    expect(validateDeployment(deployment(at), facts)).toEqual(problems);
  });

  it('names every problem at once', () => {
    expect(validateDeployment({ ...deployment('yesterday'), environmentId: 'env-gone', versionId: '99' }, { now: PLAN_NOW })).toEqual([
      'environmentId: there is no environment “env-gone” in the inventory.',
      'versionId: this project has no version “99”.',
      'at: “yesterday” is not a date and time.',
    ]);
  });
});

describe('the name of an environment', () => {
  const inventory = [...ENVIRONMENTS, anEnvironment({ id: 'env-stg', name: 'Staging ', tier: 'PREPROD' })];
  it.each<[string, string, string | undefined, string[]]>([
    ['the same name in another case, with spaces around', ' uat-1 ', undefined, ['name: there is already an environment called “UAT-1” (names match deployments case-insensitively).']],
    ['a name stored with a trailing space', 'staging', undefined, ['name: there is already an environment called “Staging ” (names match deployments case-insensitively).']],
    ['renaming UAT-1 to its own name', 'uat-1', 'env-uat1', []],
    ['a new name', 'UAT-3', undefined, []],
  ])('%s', (_case, name, id, problems) => {
    expect(validateEnvironmentName(name, id, inventory)).toEqual(problems);
  });
});
