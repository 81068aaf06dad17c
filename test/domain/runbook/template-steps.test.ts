import type { RunbookStep } from '../../../src/contract-runbook';
import { defaultTemplate } from '../../../src/domain/runbook/templates';

/** A step as a release manager reads the template: "id: kind, minutes, [starts at offset], [after …]". */
const line = (s: RunbookStep) =>
  [
    `${s.id}: ${s.kind}, ${s.durationMinutes} min`,
    ...(s.plannedStart?.type === 'relative' ? [`starts at ${s.plannedStart.offsetMinutes} min`] : s.plannedStart ? ['starts at a fixed time'] : []),
    ...(s.dependsOn.length ? [`after ${s.dependsOn.join(' and ')}`] : []),
  ].join(', ');

const ROLLBACK = ['rb-announce: rollback, 5 min', 'rb-redeploy: rollback, 30 min, after rb-announce', 'rb-verify: rollback, 20 min, after rb-redeploy', 'rb-close: rollback, 10 min, after rb-verify'];

describe('the steps of each built-in runbook template', () => {
  it.each([
    [
      'major',
      [
        'announce-window: communication, 15 min, starts at -120 min',
        'freeze-merges: preparation, 10 min, starts at -60 min',
        'backup-db: preparation, 45 min, after freeze-merges',
        'go-checkpoint: checkpoint, 10 min, starts at 0 min, after backup-db and announce-window',
        'migrate-db: deployment, 30 min, after go-checkpoint',
        'deploy-prod: deployment, 45 min, after migrate-db',
        'smoke-test: verification, 30 min, after deploy-prod',
        'monitor: verification, 60 min, after smoke-test',
        'announce-done: communication, 10 min, after monitor',
      ],
    ],
    [
      'minor',
      [
        'announce-window: communication, 10 min, starts at -60 min',
        'backup-db: preparation, 30 min, starts at -45 min',
        'go-checkpoint: checkpoint, 5 min, starts at 0 min, after backup-db and announce-window',
        'deploy-prod: deployment, 30 min, after go-checkpoint',
        'smoke-test: verification, 20 min, after deploy-prod',
        'announce-done: communication, 5 min, after smoke-test',
      ],
    ],
    ['patch', ['deploy-prod: deployment, 20 min, starts at 0 min', 'smoke-test: verification, 15 min, after deploy-prod', 'announce-done: communication, 5 min, after smoke-test']],
    [
      'hotfix',
      [
        'confirm-fix: preparation, 15 min, starts at -30 min',
        'deploy-prod: deployment, 20 min, starts at 0 min, after confirm-fix',
        'verify-fix: verification, 15 min, after deploy-prod',
        'announce-done: communication, 5 min, after verify-fix',
      ],
    ],
    [
      'emergency',
      [
        'incident-bridge: communication, 5 min, starts at 0 min',
        'deploy-prod: deployment, 15 min, after incident-bridge',
        'verify-fix: verification, 10 min, after deploy-prod',
        'announce-done: communication, 5 min, after verify-fix',
      ],
    ],
  ] as const)('a %s release: its forward steps, then the four rollback steps', (type, forward) => {
    const steps = defaultTemplate(type);
    expect(steps.map(line)).toEqual([...forward, ...ROLLBACK]);
  });

  it('leaves each description for the team to write', () => {
    expect(defaultTemplate('major').map((s) => s.description)).toEqual(Array(13).fill(''));
  });
});
