import { DEFAULT_KPI_SETTINGS, compileHotfixPattern, kpiSettingsSchema, readKpiSettings, storedKpiSettings } from '../../../src/domain/kpis/settings';

/** docs/kpi-definitions.md, "Settings": the defaults every site starts with. */
const DOCUMENTED_DEFAULTS = {
  timeZone: 'project',
  windowDays: 90,
  percentileMethod: 'interpolated',
  doraTable: '2023',
  frequencyCounts: 'deployments',
  deploymentSource: 'auto',
  productionEnvironments: ['production', 'prod', 'prd', 'live'],
  leadTimeStart: 'in-progress',
  failureSignals: ['failed-status', 'rollback', 'hotfix', 'incident'],
  failureWindowHours: 168,
  cfrNumerator: 'failed-deployments',
  recoveryStart: 'detected',
  recoveryEnd: 'incident-resolved',
  incidentIssueTypes: ['Incident'],
  bugIssueTypes: ['Bug'],
  hotfixVersionPattern: '',
  onTimeToleranceDays: 0,
  escapedDefectDays: 30,
  notDeliveredResolutions: ["Won't Do", 'Duplicate', 'Cannot Reproduce', 'Declined'],
  excludeSubtasks: true,
  backfillPointsPerHour: 3250,
};

describe('reading a site’s KPI settings', () => {
  it('gives a site that never saved settings the documented defaults, counting days in UTC when no project zone is known', () => {
    expect(storedKpiSettings(undefined)).toEqual(DOCUMENTED_DEFAULTS);
    expect(storedKpiSettings(null)).toEqual(DOCUMENTED_DEFAULTS);
    expect(DEFAULT_KPI_SETTINGS).toEqual(DOCUMENTED_DEFAULTS);
    expect(readKpiSettings(undefined)).toEqual({ ...DOCUMENTED_DEFAULTS, timeZone: 'UTC' });
  });

  it('fills in defaults around what an admin chose', () => {
    expect(storedKpiSettings({ windowDays: 30, doraTable: '2021', timeZone: 'Europe/Berlin' })).toEqual({ ...DOCUMENTED_DEFAULTS, windowDays: 30, doraTable: '2021', timeZone: 'Europe/Berlin' });
  });

  it.each([
    ['a window shorter than a week', { windowDays: 3, doraTable: '2021' }],
    ['a field no version of the app wrote', { doraTable: '2021', sprintLength: 14 }],
    ['not an object', 'windowDays=30'],
  ])('falls back to every default when stored settings are unreadable: %s', (_case, stored) => {
    expect(storedKpiSettings(stored)).toEqual(DOCUMENTED_DEFAULTS);
  });
});

describe('saving KPI settings: what is refused, and the message an admin reads', () => {
  const refusal = (settings: Record<string, unknown>) => {
    const parsed = kpiSettingsSchema.safeParse(settings);
    return parsed.success ? 'accepted' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };

  it.each([
    ['a zone that is no IANA zone', { timeZone: 'Mars/Olympus' }, 'timeZone: an IANA time zone such as Europe/Berlin or UTC, or "project"'],
    ['a UTC offset instead of a zone', { timeZone: 'GMT+2:30' }, 'timeZone: an IANA time zone such as Europe/Berlin or UTC, or "project"'],
    ['a hotfix pattern with a back-reference', { hotfixVersionPattern: '(hotfix)-\\1' }, 'hotfixVersionPattern: a regular expression RE2 accepts (no back-references or look-arounds), or empty'],
  ])('refuses %s', (_case, settings, message) => {
    expect(refusal(settings)).toBe(message);
  });

  it.each([
    ['each project’s own release zone', { timeZone: 'project' }],
    ['a named zone', { timeZone: 'America/Sao_Paulo' }],
    ['UTC', { timeZone: 'UTC' }],
    ['no hotfix pattern', { hotfixVersionPattern: '' }],
    ['a hotfix pattern RE2 accepts', { hotfixVersionPattern: '^hotfix[- ]\\d+' }],
  ])('accepts %s', (_case, settings) => {
    expect(refusal(settings)).toBe('accepted');
  });
});

describe('the hotfix version-name pattern', () => {
  it.each([
    ['', 'hotfix-2.4', undefined],
    ['(', 'hotfix-2.4', undefined],
    ['hotfix', 'SHOP HOTFIX 2', true],
    ['^hotfix', 'SHOP Hotfix 2', false],
  ])('%j against %j', (pattern, versionName, matches) => {
    expect(compileHotfixPattern(pattern)?.matcher(versionName).find()).toBe(matches);
  });
});
