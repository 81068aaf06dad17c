import { dependencyCycles, planProblems } from '../../../src/domain/runbook/validate';
import { aPlan, aStep } from '../../support/runbook-builders';

describe('a runbook plan is checked before it is kept or run', () => {
  it.each([
    ['a chain of steps', aPlan([aStep('backup'), aStep('deploy', { after: ['backup'] }), aStep('smoke-test', { after: ['deploy'] })]), []],
    ['a step waiting for a step that is not there', aPlan([aStep('deploy', { after: ['backup'] })]), ['“deploy” depends on “backup”, which is not a step of this runbook.']],
    ['a step waiting for itself', aPlan([aStep('deploy', { after: ['deploy'] })]), ['“deploy” depends on itself.']],
    [
      'two steps waiting for each other',
      aPlan([aStep('deploy', { after: ['smoke-test'] }), aStep('smoke-test', { after: ['deploy'] })]),
      ['These steps wait for each other in a circle, so none can start: “deploy” → “smoke test” → “deploy”.'],
    ],
    [
      'a circle of three behind a good step',
      aPlan([aStep('backup'), aStep('a', { after: ['backup', 'c'] }), aStep('b', { after: ['a'] }), aStep('c', { after: ['b'] })]),
      ['These steps wait for each other in a circle, so none can start: “a” → “c” → “b” → “a”.'],
    ],
    ['two steps with one id', aPlan([aStep('deploy'), aStep('deploy', { title: 'Deploy again' })]), ['Two steps have the id “deploy”: “deploy” and “Deploy again”.']],
    ['a step with no title', aPlan([aStep('deploy', { title: '  ' })]), ['Step “deploy” needs a title.']],
    ['a negative duration', aPlan([aStep('deploy', { durationMinutes: -5 })]), ['“deploy” lasts -5 minutes; a step lasts 0 to 10080 whole minutes.']],
    ['a fixed start without a go-live start', aPlan([aStep('deploy', { at: '2026-12-05T22:00:00Z' })], null), ['“deploy” starts at a fixed time, so the runbook needs its go-live start.']],
    [
      'a deployment waiting for a rollback step',
      aPlan([aStep('rb-redeploy', { kind: 'rollback' }), aStep('deploy', { after: ['rb-redeploy'] })]),
      ['“deploy” (deployment) depends on “rb redeploy” (rollback): rollback steps depend only on rollback steps, and other steps never on a rollback step.'],
    ],
    [
      'a rollback step at a fixed time',
      aPlan([aStep('rb-redeploy', { kind: 'rollback', at: '2026-12-05T23:00:00Z' })]),
      ['“rb redeploy” is a rollback step: it starts when a rollback is called, relative to that moment, never at a fixed time.'],
    ],
  ])('%s', (_case, plan, problems) => {
    expect(planProblems(plan)).toEqual(problems);
  });

  it('refuses fixed times in a template, whose steps must fit any release', () => {
    expect(planProblems(aPlan([aStep('deploy', { at: '2026-12-05T22:00:00Z' })], null), { template: true })).toContain(
      '“deploy” starts at a fixed time; a template\'s steps start relative to the go-live start.',
    );
  });

  it('finds each circle once even when several steps lead into it', () => {
    const steps = [aStep('x', { after: ['a'] }), aStep('y', { after: ['a'] }), aStep('a', { after: ['b'] }), aStep('b', { after: ['a'] })];
    expect(dependencyCycles(steps)).toEqual([['a', 'b']]);
  });
});
