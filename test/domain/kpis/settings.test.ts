import { prepare, type ProdDeployment } from '../../../src/domain/kpis/model';
import { DEFAULT_KPI_SETTINGS, kpiSettingsSchema, readKpiSettings, withZone } from '../../../src/domain/kpis/settings';
import { exampleInput } from './kpi-example';

const deployment = (versionName: string, extra: Partial<ProdDeployment> = {}): ProdDeployment => ({
  id: 'd',
  at: 0,
  source: 'ci',
  environment: 'production',
  status: 'successful',
  isRollback: false,
  isHotfix: false,
  commits: [],
  versionIds: [],
  versionName,
  issueKeys: [],
  ...extra,
});

const prepared = (settings: Record<string, unknown>, hotfixVersionIds?: string[]) =>
  prepare({ ...exampleInput({ name: 'x', now: '2026-03-15T12:00:00Z', settings, expect: {} }), ...(hotfixVersionIds ? { hotfixVersionIds } : {}) });

describe('KPI settings: defaults that give the DORA reading', () => {
  it('knows hotfixes only from explicit signals by default, never from a version name', () => {
    expect(DEFAULT_KPI_SETTINGS.hotfixVersionPattern).toBe('');
    const p = prepared({});
    expect(['hotfix-2.4', '2.4.1', '2026.10.12', '2026.3.13'].map((name) => p.isHotfix(deployment(name)))).toEqual([false, false, false, false]);
    expect(p.isHotfix(deployment('2.4.1', { isHotfix: true }))).toBe(true);
    expect(prepared({}, ['42']).isHotfix(deployment('2.4.1', { versionIds: ['42'] }))).toBe(true);
  });

  it('uses a version-name pattern only when a site opts in', () => {
    const p = prepared({ hotfixVersionPattern: 'hotfix' });
    expect(p.isHotfix(deployment('SHOP Hotfix 2'))).toBe(true);
    expect(p.isHotfix(deployment('SHOP 2.5'))).toBe(false);
  });

  it('matches an admin’s pattern in linear time: a pattern that backtracks catastrophically cannot stall the engine', () => {
    // With backtracking regular expressions this pattern takes seconds at 25 characters and
    // centuries at 5,000; RE2 answers at once (jest's timeout fails the test otherwise).
    const p = prepared({ hotfixVersionPattern: '^(\\w+\\s?)*$' });
    expect(p.isHotfix(deployment(`${'a'.repeat(5_000)}!`))).toBe(false);
    expect(p.isHotfix(deployment('hotfix one'))).toBe(true);
  });

  it.each([
    ['a back-reference', '(a)\\1'],
    ['a look-ahead', 'hotfix(?=-)'],
    ['a broken pattern', '('],
  ])('refuses %s, which RE2 cannot match in linear time or at all', (_case, pattern) => {
    const parsed = kpiSettingsSchema.safeParse({ hotfixVersionPattern: pattern });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('RE2');
  });

  it.each([
    ['first-of', 'incident-resolved'],
    ['next-deployment', 'fix-deployed'],
    ['incident-resolved', 'incident-resolved'],
  ])('reads a stored recoveryEnd of %s as %s: an open incident is never recovered', (stored, read) => {
    expect(readKpiSettings({ recoveryEnd: stored }).recoveryEnd).toBe(read);
  });

  it('counts days in the project’s release zone unless the site names one', () => {
    expect(DEFAULT_KPI_SETTINGS.timeZone).toBe('project');
    expect(readKpiSettings({}, 'Pacific/Auckland').timeZone).toBe('Pacific/Auckland');
    expect(readKpiSettings({ timeZone: 'Europe/Berlin' }, 'Pacific/Auckland').timeZone).toBe('Europe/Berlin');
    expect(withZone(DEFAULT_KPI_SETTINGS, 'UTC').timeZone).toBe('UTC');
  });
});
