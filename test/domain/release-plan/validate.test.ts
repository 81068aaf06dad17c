import type { SlotInput, WindowInput } from '../../../src/contract-release-plan';
import { validateDeployment, validateEnvironmentName, validateSlot, validateWindow } from '../../../src/domain/release-plan/validate';
import { ENVIRONMENTS, PLAN_NOW, aPlanVersion, t } from '../../support/plan-builders';

const slot = (overrides: Partial<SlotInput> = {}): SlotInput => ({ versionId: '10001', environmentId: 'env-uat1', from: t('12-01 09:00'), to: t('12-04 17:00'), required: true, ...overrides });
const uat = ENVIRONMENTS[1];

describe('validating a booking', () => {
  it.each<[string, Partial<SlotInput>, Parameters<typeof validateSlot>[1], string | undefined]>([
    ['a good one', {}, { environment: uat, version: aPlanVersion() }, undefined],
    ['end before start', { to: t('11-30 09:00') }, { environment: uat, version: aPlanVersion() }, 'must end after it starts'],
    ['end equal to start', { to: t('12-01 09:00') }, { environment: uat, version: aPlanVersion() }, 'must end after it starts'],
    ['an unknown environment', { environmentId: 'env-nope' }, { version: aPlanVersion() }, 'no environment “env-nope”'],
    ['a version of another project', {}, { environment: uat }, 'no version “10001”'],
    ['before the version starts', { from: t('11-01 09:00') }, { environment: uat, version: aPlanVersion() }, 'cannot start before'],
    ['after the release day', { to: t('12-12 00:01') }, { environment: uat, version: aPlanVersion() }, 'must end by the end of that day'],
    ['ending at midnight after the release day', { to: t('12-12 00:00') }, { environment: uat, version: aPlanVersion() }, undefined],
    ['longer than a quarter', { from: t('01-01 00:00'), to: t('06-01 00:00') }, { environment: uat, version: aPlanVersion({ startDate: undefined, releaseDate: undefined }) }, 'at most 92 days'],
    ['shorter than 15 minutes', { to: t('12-01 09:10') }, { environment: uat, version: aPlanVersion() }, 'at least 15 minutes'],
  ])('%s', (_case, input, facts, problem) => {
    const problems = validateSlot(slot(input), facts);
    if (problem) expect(problems.join(' ')).toContain(problem);
    else expect(problems).toEqual([]);
  });
});

describe('validating a window', () => {
  const window = (overrides: Partial<WindowInput> = {}): WindowInput => ({ kind: 'freeze', scope: { type: 'site' }, from: t('12-18 00:00'), to: t('12-28 00:00'), reason: 'Year end', ...overrides });
  it.each<[string, Partial<WindowInput>, string | undefined]>([
    ['a site-wide freeze', {}, undefined],
    ['end before start', { to: t('12-01 00:00') }, 'must end after it starts'],
    ['maintenance for the whole site', { kind: 'maintenance' }, 'one environment'],
    ['maintenance of an unknown environment', { kind: 'maintenance', scope: { type: 'environment', environmentId: 'env-x' } }, 'no environment “env-x”'],
    ['a freeze of another project', { scope: { type: 'project', projectKey: 'PAY' } }, 'only be set for SHOP'],
    ['no reason', { reason: '  ' }, 'say why'],
  ])('%s', (_case, input, problem) => {
    const problems = validateWindow(window(input), { environments: ENVIRONMENTS, projectKey: 'SHOP' });
    if (problem) expect(problems.join(' ')).toContain(problem);
    else expect(problems).toEqual([]);
  });
});

describe('validating a recorded deployment', () => {
  it.each<[string, string, string | undefined]>([
    ['an hour ago', new Date(PLAN_NOW - 3_600_000).toISOString(), undefined],
    ['tomorrow', new Date(PLAN_NOW + 86_400_000).toISOString(), 'in the future'],
  ])('%s', (_case, at, problem) => {
    const problems = validateDeployment({ versionId: '10001', environmentId: 'env-prod', at, status: 'successful' }, { environment: ENVIRONMENTS[4], version: aPlanVersion(), now: PLAN_NOW });
    if (problem) expect(problems.join(' ')).toContain(problem);
    else expect(problems).toEqual([]);
  });

  it('refuses a second environment with the same name in another case', () => {
    expect(validateEnvironmentName('uat-1', undefined, ENVIRONMENTS)).toHaveLength(1);
    expect(validateEnvironmentName('UAT-1', 'env-uat1', ENVIRONMENTS)).toHaveLength(0);
  });
});
