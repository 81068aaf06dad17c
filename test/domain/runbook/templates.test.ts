import { RELEASE_TYPES } from '../../../src/contract-go-no-go';
import { schedulePlan } from '../../../src/domain/runbook/schedule';
import { copyPlan, defaultTemplate } from '../../../src/domain/runbook/templates';
import { planProblems } from '../../../src/domain/runbook/validate';
import { aPlan, aStep, t } from '../../support/runbook-builders';

describe('built-in runbook templates', () => {
  it.each(RELEASE_TYPES)('the %s template can be scheduled, deploys to production and can roll back', (type) => {
    const steps = defaultTemplate(type);
    expect(planProblems({ steps }, { template: true })).toEqual([]);
    expect(steps.some((s) => s.kind === 'deployment')).toBe(true);
    expect(steps.some((s) => s.kind === 'rollback')).toBe(true);
    expect(schedulePlan({ steps }).endMinute).toBeGreaterThan(0);
  });

  it.each([
    ['major', 'emergency'],
    ['minor', 'hotfix'],
  ] as const)('a %s go-live plans longer than a %s one', (longer, shorter) => {
    expect(schedulePlan({ steps: defaultTemplate(longer) }).endMinute).toBeGreaterThan(schedulePlan({ steps: defaultTemplate(shorter) }).endMinute);
  });

  it('gives a fresh copy each time', () => {
    const first = defaultTemplate('minor');
    first[0]!.title = 'changed';
    expect(defaultTemplate('minor')[0]!.title).not.toBe('changed');
  });
});

describe('copying a runbook from an earlier release', () => {
  const earlier = aPlan([aStep('announce', { at: t(-90) }), aStep('deploy', { offset: 0 }), aStep('smoke-test', { after: ['deploy'] })]);

  it('keeps the steps and turns fixed times into offsets from the earlier go-live start', () => {
    const copy = copyPlan(earlier, '2027-01-09T21:00:00.000Z');
    expect(copy.goLiveStart).toBe('2027-01-09T21:00:00.000Z');
    expect(copy.steps.map((s) => [s.id, s.plannedStart])).toEqual([
      ['announce', { type: 'relative', offsetMinutes: -90 }],
      ['deploy', { type: 'relative', offsetMinutes: 0 }],
      ['smoke-test', undefined],
    ]);
    expect(schedulePlan(copy).steps[0]?.startAt).toBe('2027-01-09T19:30:00.000Z');
  });

  it('never shares objects with the earlier runbook', () => {
    const copy = copyPlan(earlier, undefined);
    copy.steps[2]!.dependsOn.push('x');
    expect(earlier.steps[2]!.dependsOn).toEqual(['deploy']);
  });
});
