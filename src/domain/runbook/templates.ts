import type { ReleaseType } from '../../contract-go-no-go';
import type { RunbookPlan, RunbookStep, StepKind } from '../../contract-runbook';
import { minutesBetween } from './schedule';

/**
 * Built-in runbook templates per release type, the steps a project starts from until it saves
 * its own, and copying a runbook from an earlier release. Every start in a template is relative
 * to the go-live start, so the same template fits any release.
 */

const step = (id: string, kind: StepKind, title: string, durationMinutes: number, dependsOn: string[] = [], offsetMinutes?: number): RunbookStep => ({
  id,
  title,
  description: '',
  durationMinutes,
  dependsOn,
  kind,
  ...(offsetMinutes === undefined ? {} : { plannedStart: { type: 'relative', offsetMinutes } }),
});

const rollback = (): RunbookStep[] => [
  step('rb-announce', 'rollback', 'Announce the rollback to stakeholders', 5),
  step('rb-redeploy', 'rollback', 'Redeploy the previous release to production', 30, ['rb-announce']),
  step('rb-verify', 'rollback', 'Smoke-test the previous release', 20, ['rb-redeploy']),
  step('rb-close', 'rollback', 'Confirm the service is restored and tell stakeholders', 10, ['rb-verify']),
];

/** Fresh copies every call: callers may change what they get. */
export function defaultTemplate(type: ReleaseType): RunbookStep[] {
  switch (type) {
    case 'major':
      return [
        step('announce-window', 'communication', 'Announce the maintenance window', 15, [], -120),
        step('freeze-merges', 'preparation', 'Freeze merges to the release branch', 10, [], -60),
        step('backup-db', 'preparation', 'Back up the production database', 45, ['freeze-merges']),
        step('go-checkpoint', 'checkpoint', 'Go/no-go checkpoint before deployment', 10, ['backup-db', 'announce-window'], 0),
        step('migrate-db', 'deployment', 'Run the database migrations', 30, ['go-checkpoint']),
        step('deploy-prod', 'deployment', 'Deploy the release to production', 45, ['migrate-db']),
        step('smoke-test', 'verification', 'Smoke-test production', 30, ['deploy-prod']),
        step('monitor', 'verification', 'Watch error rates and latency', 60, ['smoke-test']),
        step('announce-done', 'communication', 'Announce the release is live', 10, ['monitor']),
        ...rollback(),
      ];
    case 'minor':
      return [
        step('announce-window', 'communication', 'Announce the deployment', 10, [], -60),
        step('backup-db', 'preparation', 'Back up the production database', 30, [], -45),
        step('go-checkpoint', 'checkpoint', 'Go/no-go checkpoint before deployment', 5, ['backup-db', 'announce-window'], 0),
        step('deploy-prod', 'deployment', 'Deploy the release to production', 30, ['go-checkpoint']),
        step('smoke-test', 'verification', 'Smoke-test production', 20, ['deploy-prod']),
        step('announce-done', 'communication', 'Announce the release is live', 5, ['smoke-test']),
        ...rollback(),
      ];
    case 'patch':
      return [
        step('deploy-prod', 'deployment', 'Deploy the patch to production', 20, [], 0),
        step('smoke-test', 'verification', 'Smoke-test production', 15, ['deploy-prod']),
        step('announce-done', 'communication', 'Tell support the patch is live', 5, ['smoke-test']),
        ...rollback(),
      ];
    case 'hotfix':
      return [
        step('confirm-fix', 'preparation', 'Confirm the fix in pre-production', 15, [], -30),
        step('deploy-prod', 'deployment', 'Deploy the hotfix to production', 20, ['confirm-fix'], 0),
        step('verify-fix', 'verification', 'Verify the defect is fixed in production', 15, ['deploy-prod']),
        step('announce-done', 'communication', 'Update the incident and tell support', 5, ['verify-fix']),
        ...rollback(),
      ];
    case 'emergency':
      return [
        step('incident-bridge', 'communication', 'Open the incident bridge and name the people on it', 5, [], 0),
        step('deploy-prod', 'deployment', 'Deploy the emergency change to production', 15, ['incident-bridge']),
        step('verify-fix', 'verification', 'Verify the service is restored', 10, ['deploy-prod']),
        step('announce-done', 'communication', 'Update the incident with the change made', 5, ['verify-fix']),
        ...rollback(),
      ];
  }
}

/**
 * A runbook for a new release from an earlier one's plan: the same steps, with fixed starts turned
 * into offsets from the earlier go-live start so they keep their place relative to the new one.
 */
export function copyPlan(source: RunbookPlan, goLiveStart: string | undefined): RunbookPlan {
  const steps = source.steps.map((s): RunbookStep => {
    const copy = structuredClone(s);
    if (copy.plannedStart?.type === 'absolute') {
      const offset = source.goLiveStart ? Math.round(minutesBetween(source.goLiveStart, copy.plannedStart.at)) : 0;
      copy.plannedStart = { type: 'relative', offsetMinutes: offset };
    }
    return copy;
  });
  return { ...(goLiveStart ? { goLiveStart } : {}), steps };
}
