import { productionEnvironmentOf, runDeploymentEvents } from '../../../src/domain/runbook/deployments';
import { RAVI, aPlan, aRun, aStep, t } from '../../support/runbook-builders';

const production = { names: ['production', 'prod', 'prd', 'live'], inventory: [{ name: 'Staging', tier: 'PREPROD' }, { name: 'EU Production', tier: 'PROD' }] };
const release = { projectKey: 'SHOP', versionId: '10042', versionName: 'SHOP 2.4' };

describe('the environment a deployment step deploys to', () => {
  it.each([
    ['no environment: the first production-tier environment of the inventory', undefined, 'EU Production'],
    ['a production name, as written', 'PROD', 'PROD'],
    ['an inventory environment of the production tier, any case', 'eu production', 'eu production'],
    ['a lower tier: not production', 'Staging', undefined],
    ['a name nobody knows: not production', 'qa-cluster', undefined],
  ])('%s', (_case, environment, expected) => {
    expect(productionEnvironmentOf({ ...(environment ? { environment } : {}) }, production)).toBe(expected);
  });

  it('falls back to the first production name when the inventory has no production tier', () => {
    expect(productionEnvironmentOf({}, { names: ['live'], inventory: [] })).toBe('live');
  });
});

describe('the deployment events a run calls for', () => {
  const plan = aPlan([
    aStep('prepare', { kind: 'preparation' }),
    aStep('deploy-staging', { environment: 'Staging', after: ['prepare'] }),
    aStep('deploy-prod', { after: ['deploy-staging'] }),
    aStep('verify', { kind: 'verification', after: ['deploy-prod'] }),
    aStep('rb-redeploy', { kind: 'rollback' }),
  ]);

  it.each([
    ['nothing deployed yet', aRun({ prepare: { status: 'completed', endedAt: t(5) } }), []],
    ['the production step running', aRun({ 'deploy-prod': { status: 'running', startedAt: t(10) } }), []],
    ['the production step failed', aRun({ 'deploy-prod': { status: 'failed', endedAt: t(20) } }), []],
    ['a staging deployment completed', aRun({ 'deploy-staging': { status: 'completed', endedAt: t(10) } }), []],
    ['the production step completed', aRun({ 'deploy-prod': { status: 'completed', endedAt: t(20) } }), [['golive-10042-deploy-prod', t(20), undefined]]],
    [
      'rolling back: not restored yet',
      aRun({ 'deploy-prod': { status: 'completed', endedAt: t(20) }, 'rb-redeploy': { status: 'running' } }, { mode: 'rollback', rollback: { at: t(30), by: RAVI, reason: 'errors' } }),
      [['golive-10042-deploy-prod', t(20), undefined]],
    ],
    [
      'rolled back: a rollback when the last rollback step ended',
      aRun({ 'deploy-prod': { status: 'completed', endedAt: t(20) }, 'rb-redeploy': { status: 'completed', endedAt: t(55) } }, { mode: 'rollback', rollback: { at: t(30), by: RAVI, reason: 'errors' } }),
      [
        ['golive-10042-deploy-prod', t(20), undefined],
        ['golive-10042.rollback', t(55), true],
      ],
    ],
    [
      'rolled back before anything reached production: no rollback event',
      aRun({ 'deploy-prod': { status: 'failed', endedAt: t(20) }, 'rb-redeploy': { status: 'completed', endedAt: t(55) } }, { mode: 'rollback', rollback: { at: t(30), by: RAVI, reason: 'errors' } }),
      [],
    ],
  ])('%s', (_case, run, expected) => {
    const events = runDeploymentEvents(plan, run, release, production);
    expect(events.map((e) => [e.deploymentId, e.deployedAt, e.isRollback])).toEqual(expected);
    for (const e of events) expect(e).toMatchObject({ environment: 'EU Production', status: 'successful', projectKey: 'SHOP', version: 'SHOP 2.4' });
  });
});

describe('the deployment events of a rolled-back go-live, in full', () => {
  it('names the pipeline after the step (cut to 200 characters), and restores production when the last of the parallel rollback steps ended', () => {
    const title = `Deploy the storefront, the checkout and the payment services to production ${'(blue/green) '.repeat(12)}`;
    const plan = aPlan([aStep('deploy-prod', { title, environment: ' prod ' }), aStep('rb-app', { kind: 'rollback' }), aStep('rb-db', { kind: 'rollback' })]);
    const run = aRun(
      { 'deploy-prod': { status: 'completed', endedAt: t(20) }, 'rb-app': { status: 'completed', endedAt: t(60) }, 'rb-db': { status: 'completed', endedAt: t(50) } },
      { mode: 'rollback', rollback: { at: t(30), by: RAVI, reason: 'errors' } },
    );
    const base = { status: 'successful', projectKey: 'SHOP', version: 'SHOP 2.4', environment: 'prod' };
    expect(runDeploymentEvents(plan, run, release, production)).toEqual([
      { ...base, deploymentId: 'golive-10042-deploy-prod', deployedAt: t(20), pipeline: { name: `Go-live runbook: ${title}`.slice(0, 200) } },
      { ...base, deploymentId: 'golive-10042.rollback', deployedAt: t(60), isRollback: true, pipeline: { name: 'Go-live runbook: rollback' } },
    ]);
    expect(`Go-live runbook: ${title}`.length).toBeGreaterThan(200);
  });

  it.each([
    ['a production name set with spaces', { names: [' Live '], inventory: [] }, 'live', 'live'],
    ['an inventory name with spaces', { names: [], inventory: [{ name: ' EU Production ', tier: 'PROD' }] }, 'eu production', 'eu production'],
    ['no production name and no production tier: plain production', { names: [], inventory: [{ name: 'Staging', tier: 'PREPROD' }] }, undefined, 'production'],
  ])('a step deploys to production by %s', (_case, settings, environment, expected) => {
    expect(productionEnvironmentOf({ ...(environment ? { environment } : {}) }, settings)).toBe(expected);
  });
});
