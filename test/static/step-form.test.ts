import type { ErrorBody } from '../../src/contract';
import { fieldErrors } from '../../static/releases/src/field-errors';
import {
  STEP_FIELD_LABELS,
  TEMPLATE_STEP_FIELD_LABELS,
  emptyStepForm,
  formOfStep,
  instantToWallTime,
  moveTarget,
  moved,
  placeForNewStep,
  stepFieldErrors,
  stepOfForm,
} from '../../static/releases/src/go-live/step-form';
import { PRIYA, aStep } from '../support/runbook-builders';

const ORDER = ['backup', 'deploy', 'smoke', 'announce'];

describe('the runbook step editor form', () => {
  it.each([
    ['a step owned by a person, relative start, link', aStep('deploy', { after: ['backup'], offset: -30, owner: { type: 'user', accountId: 'priya' }, environment: 'PROD', link: 'https://ci.example.com/run/7', description: 'Blue/green' })],
    ['a group-owned step at a fixed time', aStep('backup', { at: '2026-11-24T22:30:00.000Z', owner: { type: 'group', groupName: 'dba' }, kind: 'preparation' })],
    ['a checkpoint that waits for its dependencies', aStep('go-checkpoint', { after: ['backup', 'deploy'], kind: 'checkpoint', durationMinutes: 0 })],
  ])('turns %s into a form and back unchanged', (_what, step) => {
    const form = formOfStep(step, [PRIYA], 'Europe/Berlin');
    expect(stepOfForm(form, 'Europe/Berlin', ORDER)).toEqual(step);
  });

  it.each([
    ['2026-11-24T22:30:00.000Z', 'Europe/Berlin', '2026-11-24T23:30'],
    ['2026-03-29T01:30:00.000Z', 'Europe/Berlin', '2026-03-29T03:30'], // the night summer time starts
    ['2026-11-24T22:30:00.000Z', 'Pacific/Auckland', '2026-11-25T11:30'],
  ])('shows the fixed start %s in %s as the wall time %s', (iso, zone, wall) => {
    expect(instantToWallTime(iso, zone)).toBe(wall);
  });

  it.each([
    ['2026-12-05T23:00', 'Europe/Berlin', '2026-12-05T22:00:00.000Z'],
    ['2026-12-06T11:00', 'Pacific/Auckland', '2026-12-05T22:00:00.000Z'],
    // The nights summer time changes follow the rule of every time the app takes (wall-time.ts):
    // a skipped hour means the time after the change, a repeated hour the first one.
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['2026-09-27T02:30', 'Pacific/Auckland', '2026-09-26T14:30:00.000Z'],
    ['2026-04-05T02:30', 'Pacific/Auckland', '2026-04-04T13:30:00.000Z'],
  ])('sends the fixed start typed as %s in %s as %s', (wall, zone, at) => {
    const form = { ...emptyStepForm(), title: 'Backup', startType: 'absolute' as const, startAt: wall };
    expect(stepOfForm(form, zone, ORDER).plannedStart).toEqual({ type: 'absolute', at });
  });

  it('names the owner a person by the name Jira gives', () => {
    expect(formOfStep(aStep('deploy', { owner: { type: 'user', accountId: 'priya' } }), [PRIYA], 'UTC').owner).toEqual(PRIYA);
  });

  it.each([
    ['Deploy to production!', [], 'deploy-to-production'],
    ['Deploy to production', ['deploy-to-production'], 'deploy-to-production-2'],
    ['!!!', [], 'step'],
  ])('gives a new step titled %j (taken: %j) the id %s', (title, taken, id) => {
    expect(stepOfForm({ ...emptyStepForm(), title }, 'UTC', taken).id).toBe(id);
  });

  it('sends typed text that is not a number as it is, so the server names the field', () => {
    const step = stepOfForm({ ...emptyStepForm(), title: 'x', durationMinutes: 'ten', startType: 'relative', offsetMinutes: '' }, 'UTC', []);
    expect(step.durationMinutes).toBe('ten');
    expect(step.plannedStart).toEqual({ type: 'relative', offsetMinutes: '' });
  });

  it.each([
    ['backup', 'up', undefined],
    ['deploy', 'up', null],
    ['smoke', 'up', 'backup'],
    ['smoke', 'down', 'announce'],
    ['announce', 'down', undefined],
    ['missing', 'down', undefined],
  ] as const)('moves %s %s to follow %j', (id, direction, after) => {
    expect(moveTarget(ORDER, id, direction)).toBe(after);
  });

  it.each([
    ['a deployment step', ['backup', 'deploy', 'rb-redeploy'], 'deployment', 'deploy'],
    ['a rollback step', ['backup', 'rb-redeploy'], 'rollback', undefined],
    ['a step to a plan without rollback steps', ['backup', 'deploy'], 'checkpoint', undefined],
    ['a first forward step before the rollback steps', ['rb-redeploy'], 'preparation', null],
  ] as const)('adds %s to %j after %j', (_case, ids, kind, after) => {
    const steps = ids.map((id) => aStep(id, { kind: id.startsWith('rb-') ? 'rollback' : 'deployment' }));
    expect(placeForNewStep(steps, kind)).toBe(after);
  });

  it('moves a step in a list kept in the page the same way', () => {
    const steps = ORDER.map((id) => aStep(id));
    expect(moved(steps, 'smoke', 'up').map((s) => s.id)).toEqual(['backup', 'smoke', 'deploy', 'announce']);
    expect(moved(steps, 'backup', 'down').map((s) => s.id)).toEqual(['deploy', 'backup', 'smoke', 'announce']);
    expect(moved(steps, 'backup', 'up').map((s) => s.id)).toEqual(ORDER);
  });

  it.each([
    [STEP_FIELD_LABELS, 'step', 'step.link: an https:// link', 'link', 'Link must be an https:// link.'],
    [STEP_FIELD_LABELS, 'step', 'step.durationMinutes: Too big: expected number to be <=10080', 'durationMinutes', 'Duration (minutes) must be at most 10080.'],
    [STEP_FIELD_LABELS, 'step', 'step.title: required', 'title', 'Title cannot be empty.'],
    [STEP_FIELD_LABELS, 'step', 'step.plannedStart.at: an ISO time with its zone (Z or ±hh:mm)', 'plannedStart.at', 'Planned start must be an ISO time with its zone (Z or ±hh:mm).'],
    [STEP_FIELD_LABELS, 'step', 'step.dependsOn.2: 1-64 letters, digits, - or _', 'dependsOn', 'A dependency: 1-64 letters, digits, - or _'],
    [TEMPLATE_STEP_FIELD_LABELS, 'steps.3', 'steps.3.title: required', 'title', 'Step 4: title cannot be empty.'],
  ])('puts refusal %# next to its field in words', (labels, prefix, detail, field, text) => {
    const error: ErrorBody = { code: 'VALIDATION', message: 'Invalid payload', details: [detail] };
    expect(stepFieldErrors(fieldErrors(error, labels), prefix)).toEqual({ [field]: text });
  });

  it('keeps the plan’s own problems, already in words, for above the form', () => {
    const error: ErrorBody = { code: 'VALIDATION', message: 'The change was not saved: the plan would not work.', details: ['“deploy” depends on itself.'] };
    const errors = fieldErrors(error, STEP_FIELD_LABELS);
    expect(stepFieldErrors(errors, 'step')).toEqual({});
    expect(errors.other).toEqual(['“deploy” depends on itself.']);
  });
});
