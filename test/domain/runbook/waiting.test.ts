import type { RunbookStep } from '../../../src/contract';
import type { CheckpointVote } from '../../../src/contract-runbook';
import type { RunRecord } from '../../../src/domain/runbook/run';
import { ownedAs, runbookWaitingFor } from '../../../src/domain/runbook/waiting';
import { aPlan, aRun, aStep, t } from '../../support/runbook-builders';

const step = (owner?: RunbookStep['owner']): RunbookStep => ({ id: 's', title: 'Deploy', description: '', durationMinutes: 5, dependsOn: [], kind: 'deployment', ...(owner ? { owner } : {}) });
const me = { accountId: 'acc-me', groups: new Set(['ops']), isReleaseManager: false };

describe('whose go-live step it is', () => {
  it.each([
    ['mine by name', step({ type: 'user', accountId: 'acc-me' }), me, 'you'],
    ['someone else’s by name', step({ type: 'user', accountId: 'acc-other' }), me, undefined],
    ['my group’s (Jira group names ignore case)', step({ type: 'group', groupName: 'Ops' }), me, 'Ops'],
    ['another group’s', step({ type: 'group', groupName: 'dba' }), me, undefined],
    ['without an owner: the release managers’', step(), { ...me, isReleaseManager: true }, 'release managers'],
    ['without an owner, not a release manager', step(), me, undefined],
  ])('%s', (_case, s, actor, expected) => {
    expect(ownedAs(s, actor)).toBe(expected);
  });
});

describe('what a live go-live waits for from one person', () => {
  const plan = aPlan([
    aStep('backup', { kind: 'preparation', owner: { type: 'user', accountId: 'priya' } }),
    aStep('announce', { kind: 'communication', owner: { type: 'group', groupName: 'Ops' } }),
    aStep('deploy', { after: ['backup', 'announce'] }),
    aStep('go-checkpoint', { kind: 'checkpoint', after: ['deploy'], owner: { type: 'user', accountId: 'priya' }, approvers: ['priya', 'sam'] }),
    aStep('smoke-test', { kind: 'verification', after: ['go-checkpoint'] }),
    aStep('rb-redeploy', { kind: 'rollback', owner: { type: 'user', accountId: 'priya' } }),
  ]);
  const release = (run: RunRecord | undefined) => ({ versionId: '10042', versionName: 'SHOP 3.0', plan, run });
  const ref = { versionId: '10042', versionName: 'SHOP 3.0' };
  /** Priya names no group; Ravi is a release manager in the ops group; Sam approves checkpoints. */
  const priya = { accountId: 'priya', isReleaseManager: false };
  const ravi = { accountId: 'ravi', groups: new Set(['ops']), isReleaseManager: true };
  const sam = { accountId: 'sam', groups: new Set<string>(), isReleaseManager: false };
  const deployed = { backup: { status: 'completed' }, announce: { status: 'completed' }, deploy: { status: 'completed' } } as const;
  const atCheckpoint = (votes: CheckpointVote[]) => aRun({ ...deployed, 'go-checkpoint': { status: 'running', attempts: 1, votes } });
  const continueBy = (accountId: string): CheckpointVote => ({ by: { accountId, displayName: accountId }, at: t(50), choice: 'continue' });

  it.each([
    ['nothing before the run starts', priya, undefined, [], []],
    ['at the start: the step she owns by name', priya, aRun(), [{ ...ref, stepId: 'backup', title: 'backup', status: 'ready', ownedAs: 'you' }], []],
    ['at the start: the step his group owns', ravi, aRun(), [{ ...ref, stepId: 'announce', title: 'announce', status: 'ready', ownedAs: 'Ops' }], []],
    ['her running step, not the step still waiting on it', priya, aRun({ backup: { status: 'running' }, announce: { status: 'completed' } }), [{ ...ref, stepId: 'backup', title: 'backup', status: 'running', ownedAs: 'you' }], []],
    ['the release managers’ unowned step once it is ready', ravi, aRun({ backup: { status: 'completed' }, announce: { status: 'completed' } }), [{ ...ref, stepId: 'deploy', title: 'deploy', status: 'ready', ownedAs: 'release managers' }], []],
    ['the checkpoint she owns once it can start: votes come when it runs', priya, aRun(deployed), [{ ...ref, stepId: 'go-checkpoint', title: 'go checkpoint', status: 'ready', ownedAs: 'you' }], []],
    ['her vote at the running checkpoint she also owns, not the step itself', priya, atCheckpoint([continueBy('sam')]), [], [{ ...ref, stepId: 'go-checkpoint', title: 'go checkpoint' }]],
    ['nothing from an approver who voted already', sam, atCheckpoint([continueBy('sam')]), [], []],
    ['no vote at a checkpoint every approver named now has voted on', priya, atCheckpoint([continueBy('priya'), continueBy('sam')]), [], []],
    [
      'the rollback step she owns once the run rolls back',
      priya,
      aRun({ ...deployed, 'go-checkpoint': { status: 'failed' } }, { mode: 'rollback', rollback: { at: t(55), by: { accountId: 'sam', displayName: 'Sam Lee' }, reason: 'errors up' } }),
      [{ ...ref, stepId: 'rb-redeploy', title: 'rb redeploy', status: 'ready', ownedAs: 'you' }],
      [],
    ],
  ] as const)('%s', (_case, actor, run, steps, checkpoints) => {
    expect(runbookWaitingFor(actor, release(run))).toEqual({ steps, checkpoints });
  });
});
