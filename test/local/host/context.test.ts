import { buildExtension, buildModuleContext, invokeRequest, localIdFor, MODULES, type ModuleTarget } from '../../../local/host/src/context';

const project = { id: '10000', key: 'SHOP' };
const env = { accountId: 'user-alice', siteUrl: 'http://127.0.0.1:4100', colorMode: 'dark' as const, timezone: 'Europe/Berlin' };

describe('buildExtension', () => {
  it.each<[ModuleTarget, unknown]>([
    [{ moduleKey: 'releases-page', project }, { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } }],
    [{ moduleKey: 'release-settings', project }, { type: 'jira:projectSettingsPage', project: { id: '10000', key: 'SHOP', type: 'software' } }],
    [
      { moduleKey: 'release-readiness-panel', project, issue: { id: '10012', key: 'SHOP-12', type: 'Story' } },
      { type: 'jira:issuePanel', issue: { id: '10012', key: 'SHOP-12', type: 'Story' }, project: { id: '10000', key: 'SHOP', type: 'software' } },
    ],
  ])('%j', (target, extension) => {
    expect(buildExtension(target)).toEqual(extension);
  });

  it('passes a location on when given', () => {
    expect(buildExtension({ moduleKey: 'releases-page', project }, 'http://x/#/y')).toMatchObject({ location: 'http://x/#/y' });
  });
});

describe('buildModuleContext', () => {
  it('builds the Forge-like context for a module', () => {
    const ctx = buildModuleContext({ moduleKey: MODULES.projectPage, project }, env);
    expect(ctx).toEqual({
      moduleKey: 'releases-page',
      extension: { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } },
      accountId: 'user-alice',
      accountType: 'licensed',
      localId: 'ari:cloud:ecosystem::extension/local-app/local-env/static/releases-page',
      siteUrl: 'http://127.0.0.1:4100',
      cloudId: 'local',
      environmentId: 'local',
      environmentType: 'DEVELOPMENT',
      locale: 'en-US',
      timezone: 'Europe/Berlin',
      theme: { colorMode: 'dark', light: 'light', dark: 'dark', spacing: 'spacing' },
    });
  });

  it('gives each issue panel its own localId', () => {
    const a = localIdFor({ moduleKey: 'release-readiness-panel', project, issue: { id: '1', key: 'SHOP-1', type: 'Bug' } });
    const b = localIdFor({ moduleKey: 'release-readiness-panel', project, issue: { id: '2', key: 'SHOP-2', type: 'Bug' } });
    expect(a).not.toBe(b);
  });

  it('defaults locale and timezone', () => {
    const ctx = buildModuleContext({ moduleKey: 'release-settings', project }, { accountId: 'u', siteUrl: 's', colorMode: 'light' });
    expect(ctx.locale).toBe('en-US');
    expect(ctx.timezone).toBe('UTC');
  });
});

describe('invokeRequest', () => {
  it('is what POST /api/invoke expects, identity from the context only', () => {
    const ctx = buildModuleContext({ moduleKey: 'release-readiness-panel', project, issue: { id: '10012', key: 'SHOP-12', type: 'Story' } }, env);
    expect(invokeRequest(ctx, { functionKey: 'getIssueReadiness', payload: { accountId: 'someone-else' } })).toEqual({
      accountId: 'user-alice',
      moduleKey: 'release-readiness-panel',
      extension: ctx.extension,
      functionKey: 'getIssueReadiness',
      payload: { accountId: 'someone-else' },
    });
    expect(invokeRequest(ctx, { functionKey: 'x' }).payload).toEqual({});
  });
});
