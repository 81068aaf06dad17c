import type { RunbookStep } from '../../../src/contract-runbook';
import { dependencyOrder, planProblems } from '../../../src/domain/runbook/validate';
import { aPlan, aStep } from '../../support/runbook-builders';

const steps = (count: number) => Array.from({ length: count }, (_, i) => aStep(`step-${i + 1}`));
const approvers = (count: number) => Array.from({ length: count }, (_, i) => `approver-${i + 1}`);

describe('a runbook plan at and past its limits', () => {
  it.each([
    ['400 steps', aPlan(steps(400)), []],
    ['401 steps', aPlan(steps(401)), ['A runbook holds at most 400 steps; this one has 401.']],
    ['a go-live start that is not a time', aPlan([aStep('deploy')], 'next Friday 22:00'), ['The go-live start “next Friday 22:00” is not a time.']],
    ['a step of 0 minutes (a milestone)', aPlan([aStep('go-live', { durationMinutes: 0 })]), []],
    ['a step of a week', aPlan([aStep('monitor', { durationMinutes: 10080 })]), []],
    ['a step a minute over a week', aPlan([aStep('monitor', { durationMinutes: 10081 })]), ['“monitor” lasts 10081 minutes; a step lasts 0 to 10080 whole minutes.']],
    ['a step of part of a minute', aPlan([aStep('deploy', { durationMinutes: 2.5 })]), ['“deploy” lasts 2.5 minutes; a step lasts 0 to 10080 whole minutes.']],
    ['a fixed start that is not a time', aPlan([aStep('deploy', { at: 'Saturday 22:00' })]), ['“deploy” starts at “Saturday 22:00”, which is not a time.']],
    ['a start a week before the go-live', aPlan([aStep('announce', { offset: -10080 })]), []],
    ['a start more than a week before', aPlan([aStep('announce', { offset: -10081 })]), ['“announce” starts -10081 minutes from the go-live start; allowed are whole minutes from -10080 to 43200.']],
    ['a start 30 days after the go-live', aPlan([aStep('review', { offset: 43200 })]), []],
    ['a start more than 30 days after', aPlan([aStep('review', { offset: 43201 })]), ['“review” starts 43201 minutes from the go-live start; allowed are whole minutes from -10080 to 43200.']],
    ['a start part of a minute from the go-live', aPlan([aStep('deploy', { offset: 1.5 })]), ['“deploy” starts 1.5 minutes from the go-live start; allowed are whole minutes from -10080 to 43200.']],
    ['a checkpoint with 20 approvers', aPlan([aStep('go', { kind: 'checkpoint', approvers: approvers(20) })]), []],
    ['a checkpoint with 21 approvers', aPlan([aStep('go', { kind: 'checkpoint', approvers: approvers(21) })]), ['“go” names 21 approvers; a checkpoint has at most 20.']],
    ['a dependency named twice', aPlan([aStep('backup'), aStep('deploy', { after: ['backup', 'backup'] })]), ['“deploy” names “backup” twice among its dependencies.']],
  ])('%s', (_case, plan, problems) => {
    expect(planProblems(plan)).toEqual(problems);
  });
});

describe('the order steps are worked through', () => {
  const ids = (ordered: RunbookStep[]) => ordered.map((s) => s.id);

  it('puts every step after its dependencies, each once, whatever order the plan lists them in', () => {
    const plan = [aStep('smoke-test', { after: ['deploy'] }), aStep('deploy', { after: ['backup', 'announce'] }), aStep('announce'), aStep('backup')];
    expect(ids(dependencyOrder(plan))).toEqual(['backup', 'announce', 'deploy', 'smoke-test']);
  });

  it('still lists each step once when steps wait for each other in a circle', () => {
    const plan = [aStep('a', { after: ['b'] }), aStep('b', { after: ['a'] }), aStep('c', { after: ['a', 'missing'] })];
    expect(ids(dependencyOrder(plan))).toEqual(['b', 'a', 'c']);
  });
});
