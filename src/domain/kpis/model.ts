/**
 * What the KPI engine reads, and the indexes it builds once per computation (several windows, for
 * the trend, reuse them). Pure: the app layer loads the stored facts and passes them in.
 */
import type { VersionDateRecord } from '../versions/version-history';
import { type CalendarDate, addDays, parseCalendarDate } from '../calendar/calendar-date';
import type { FactDictionaries, IssueFact } from './facts';
import type { KpiSettings } from './settings';
import { MINUTE_MS, dayOf, endOfDay, parseInstant, startOfDay } from './time';

export interface KpiVersion {
  id: string;
  name: string;
  startDate?: string;
  releaseDate?: string;
  released: boolean;
  /** The app's record of the version's dates (src/domain/versions/version-history.ts), oldest first. */
  history: VersionDateRecord[];
}

/** A deployment event as CI/CD sent it (or as recorded by hand). */
export interface KpiDeploymentEvent {
  id: string;
  environment: string;
  status: 'successful' | 'failed' | 'rolled_back' | 'in_progress' | 'cancelled';
  /** ISO instant. */
  at: string;
  version?: string;
  issueKeys?: string[];
  isRollback?: boolean;
  url?: string;
}

export interface KpiInput {
  project: { id: string; key: string; name: string };
  settings: KpiSettings;
  facts: IssueFact[];
  dictionaries: FactDictionaries;
  versions: KpiVersion[];
  deployments: KpiDeploymentEvent[];
  /** Inventory environments of the production tier (matched by name, case-insensitive). */
  inventoryProductionEnvironments?: string[];
  /** Issues created before this day are known only if they changed after it (the sync's horizon). */
  horizon?: string;
}

/** A production deployment as the definitions see it (from CI or from a version release). */
export interface ProdDeployment {
  id: string;
  /** Epoch ms. */
  at: number;
  source: 'ci' | 'version';
  environment: string;
  status: 'successful' | 'failed' | 'rolled_back';
  isRollback: boolean;
  versionIds: string[];
  versionName?: string;
  issueKeys: string[];
  url?: string;
}

export interface Prepared {
  input: KpiInput;
  settings: KpiSettings;
  tz: string;
  deploymentSource: 'ci' | 'versions';
  deploymentSourceReason: string;
  /** Every production deployment (changes and rollbacks), oldest first. */
  production: ProdDeployment[];
  /** Production deployments that are changes (not rollbacks), oldest first. */
  changes: ProdDeployment[];
  versions: Map<string, KpiVersion>;
  factsByKey: Map<string, IssueFact>;
  factsByVersion: Map<string, IssueFact[]>;
  counted: (fact: IssueFact) => boolean;
  delivered: (fact: IssueFact) => boolean;
  isIncident: (fact: IssueFact) => boolean;
  isBug: (fact: IssueFact) => boolean;
  isHotfixName: (name: string | undefined) => boolean;
  /** Release instant of a released version (ms), or undefined. */
  releaseInstant: (version: KpiVersion) => number | undefined;
  /** Results that do not depend on the window (deliveries, failures), computed once. */
  cache: Map<string, unknown>;
}

export const toMinutes = (ms: number) => Math.floor(ms / MINUTE_MS);
export const fromMinutes = (minutes: number) => minutes * MINUTE_MS;

const lower = (text: string) => text.trim().toLowerCase();

/**
 * A version release carries a day, not a time: the release counts at the end of that day in the
 * report's zone, unless a version event recorded the release on that very day (then that instant).
 */
export function versionReleaseInstant(version: KpiVersion, tz: string): number | undefined {
  if (!version.released || !version.releaseDate) return undefined;
  const day = parseCalendarDate(version.releaseDate);
  if (!day) return undefined;
  let previousReleased = false;
  for (const record of version.history) {
    if (record.released && !previousReleased && record.source === 'event') {
      const at = parseInstant(record.observedAt);
      if (at !== undefined && dayOf(at, tz) === day) return at;
    }
    previousReleased = record.released;
  }
  return endOfDay(day, tz);
}

export function prepare(input: KpiInput): Prepared {
  const { settings } = input;
  const tz = settings.timeZone;
  // Classify ids once (they are few) rather than names per fact (they are many).
  const incidentTypes = new Set(settings.incidentIssueTypes.map(lower));
  const bugTypes = new Set(settings.bugIssueTypes.map(lower));
  const notDelivered = new Set(settings.notDeliveredResolutions.map(lower));
  const typeIds = (predicate: (name: string, subtask: boolean) => boolean) =>
    new Set(Object.entries(input.dictionaries.issueTypes).filter(([, t]) => predicate(lower(t.name), t.subtask)).map(([id]) => id));
  const subtaskTypeIds = typeIds((_name, subtask) => subtask);
  const incidentTypeIds = typeIds((name) => incidentTypes.has(name));
  const bugTypeIds = typeIds((name) => bugTypes.has(name));
  const notDeliveredIds = new Set(Object.entries(input.dictionaries.resolutions).filter(([, name]) => notDelivered.has(lower(name))).map(([id]) => id));
  const productionNames = new Set([...settings.productionEnvironments, ...(input.inventoryProductionEnvironments ?? [])].map(lower));
  let hotfix: RegExp | undefined;
  try {
    hotfix = new RegExp(settings.hotfixVersionPattern, 'i');
  } catch {
    hotfix = undefined;
  }

  const versions = new Map(input.versions.map((v) => [v.id, v]));
  const versionByName = new Map(input.versions.map((v) => [lower(v.name), v]));
  const factsByKey = new Map<string, IssueFact>();
  const factsByVersion = new Map<string, IssueFact[]>();
  for (const fact of input.facts) {
    factsByKey.set(fact.key, fact);
    const seen = new Set<string>();
    for (const interval of fact.fixVersions) {
      if (seen.has(interval.versionId)) continue;
      seen.add(interval.versionId);
      const list = factsByVersion.get(interval.versionId);
      if (list) list.push(fact);
      else factsByVersion.set(interval.versionId, [fact]);
    }
  }

  // CI deployments to production (attempts that reached it: successful, failed, rolled back).
  const ci: ProdDeployment[] = [];
  for (const event of input.deployments) {
    if (!productionNames.has(lower(event.environment))) continue;
    if (event.status !== 'successful' && event.status !== 'failed' && event.status !== 'rolled_back') continue;
    const at = parseInstant(event.at);
    if (at === undefined) continue;
    const version = event.version ? versionByName.get(lower(event.version)) : undefined;
    ci.push({
      id: event.id,
      at,
      source: 'ci',
      environment: event.environment,
      status: event.status,
      isRollback: event.isRollback === true,
      versionIds: version ? [version.id] : [],
      ...(event.version ? { versionName: event.version } : {}),
      issueKeys: event.issueKeys ?? [],
      ...(event.url ? { url: event.url } : {}),
    });
  }

  const releaseInstants = new Map<string, number | undefined>();
  const releaseInstant = (version: KpiVersion) => {
    if (!releaseInstants.has(version.id)) releaseInstants.set(version.id, versionReleaseInstant(version, tz));
    return releaseInstants.get(version.id);
  };
  const fromVersions: ProdDeployment[] = [];
  for (const version of input.versions) {
    const at = releaseInstant(version);
    if (at === undefined) continue;
    fromVersions.push({
      id: `version-${version.id}`,
      at,
      source: 'version',
      environment: 'production (version released in Jira)',
      status: 'successful',
      isRollback: false,
      versionIds: [version.id],
      versionName: version.name,
      issueKeys: [],
    });
  }

  let deploymentSource: 'ci' | 'versions';
  let deploymentSourceReason: string;
  if (settings.deploymentSource === 'ci') {
    deploymentSource = 'ci';
    deploymentSourceReason = `Settings: production deployments come from CI/CD events only (${ci.length} found).`;
  } else if (settings.deploymentSource === 'versions') {
    deploymentSource = 'versions';
    deploymentSourceReason = 'Settings: every released Jira version counts as one production deployment.';
  } else if (ci.length > 0) {
    deploymentSource = 'ci';
    deploymentSourceReason = `CI/CD sent ${ci.length} production deployment${ci.length === 1 ? '' : 's'} for this project, so those are counted (version releases are not).`;
  } else {
    deploymentSource = 'versions';
    deploymentSourceReason = 'No CI/CD feed has sent a production deployment for this project, so every released Jira version counts as one production deployment, at the end of its release day.';
  }
  const production = (deploymentSource === 'ci' ? ci : fromVersions).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));

  return {
    input,
    settings,
    tz,
    deploymentSource,
    deploymentSourceReason,
    production,
    changes: production.filter((d) => !d.isRollback),
    versions,
    factsByKey,
    factsByVersion,
    counted: (fact) => !(settings.excludeSubtasks && subtaskTypeIds.has(fact.typeId)),
    delivered: (fact) => fact.resolved !== null && !(fact.resolutionId !== null && notDeliveredIds.has(fact.resolutionId)),
    isIncident: (fact) => incidentTypeIds.has(fact.typeId),
    isBug: (fact) => bugTypeIds.has(fact.typeId),
    isHotfixName: (name) => (name && hotfix ? hotfix.test(name) : false),
    releaseInstant,
    cache: new Map(),
  };
}

/** The KPI window: `days` whole days ending at the start of today (today is not complete yet). */
export interface WindowBounds {
  from: number;
  to: number;
  fromDay: CalendarDate;
  toDay: CalendarDate;
  days: number;
  today: CalendarDate;
  /** "Now" of the computation (ms): nothing later is known (a recomputed past week sees no future). */
  now: number;
}

export function windowBounds(now: Date, settings: KpiSettings): WindowBounds {
  const today = dayOf(now.getTime(), settings.timeZone);
  const fromDay = addDays(today, -settings.windowDays);
  return {
    from: startOfDay(fromDay, settings.timeZone),
    to: startOfDay(today, settings.timeZone),
    fromDay,
    toDay: today,
    days: settings.windowDays,
    today,
    now: now.getTime(),
  };
}
