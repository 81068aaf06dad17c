/**
 * What the KPI engine reads, and the indexes it builds once per computation (several windows, for
 * the trend, reuse them). Pure: the app layer loads the stored facts and passes them in.
 */
import type { VersionDateRecord } from '../versions/version-history';
import { type CalendarDate, addDays, parseCalendarDate } from '../calendar/calendar-date';
import type { FactDictionaries, IssueFact } from './facts';
import { type KpiSettings, compileHotfixPattern } from './settings';
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
  status: 'pending' | 'successful' | 'failed' | 'rolled_back' | 'in_progress' | 'cancelled';
  /** ISO instant. */
  at: string;
  version?: string;
  issueKeys?: string[];
  isRollback?: boolean;
  /** CI says this deployment is a hotfix (an explicit signal, unlike a version name). */
  isHotfix?: boolean;
  url?: string;
  /** Commits it brought to production, with their times (DORA's lead time starts there). */
  commits?: Array<{ sha: string; committedAt: string }>;
}

/** Everything a report reads but the issue facts (those are folded one at a time: fact-digest.ts). */
export interface KpiSources {
  project: { id: string; key: string; name: string };
  settings: KpiSettings;
  dictionaries: FactDictionaries;
  versions: KpiVersion[];
  deployments: KpiDeploymentEvent[];
  /** Inventory environments of the production tier (matched by name, case-insensitive). */
  inventoryProductionEnvironments?: string[];
  /** Issues created before this day are known only if they changed after it (the sync's horizon). */
  horizon?: string;
  /** Versions whose Go/No-Go release type is hotfix or emergency: deploying them is a hotfix. */
  hotfixVersionIds?: string[];
  /**
   * ISO instant from which `deployments` are complete (the app reads a bounded history). An issue
   * resolved before it was deployed first before it too, whatever later deployment names it again.
   */
  deploymentsSince?: string;
}

/** The sources with the facts in one array (tests, examples). */
export interface KpiInput extends KpiSources {
  facts: IssueFact[];
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
  /** CI marked it a hotfix. */
  isHotfix: boolean;
  /** Commits and their times (ms), when CI sent them. */
  commits: Array<{ sha: string; at: number }>;
  versionIds: string[];
  versionName?: string;
  issueKeys: string[];
  url?: string;
}

export interface Prepared {
  input: KpiSources;
  settings: KpiSettings;
  tz: string;
  deploymentSource: 'ci' | 'versions';
  deploymentSourceReason: string;
  /** Every production deployment (changes and rollbacks), oldest first. */
  production: ProdDeployment[];
  /** Production deployments that are changes (not rollbacks), oldest first. */
  changes: ProdDeployment[];
  versions: Map<string, KpiVersion>;
  counted: (fact: IssueFact) => boolean;
  delivered: (fact: IssueFact) => boolean;
  isIncident: (fact: IssueFact) => boolean;
  isBug: (fact: IssueFact) => boolean;
  /** A hotfix by an explicit signal, or by the opt-in version-name pattern. */
  isHotfix: (deployment: ProdDeployment) => boolean;
  /** Release instant of a released version (ms), or undefined. */
  releaseInstant: (version: KpiVersion) => number | undefined;
  /** When and from what a released version shipped, or undefined. */
  releaseMoment: (version: KpiVersion) => ReleaseMoment | undefined;
  /** Results that do not depend on the window (deliveries, failures), computed once. */
  cache: Map<string, unknown>;
}

export const toMinutes = (ms: number) => Math.floor(ms / MINUTE_MS);
export const fromMinutes = (minutes: number) => minutes * MINUTE_MS;

const lower = (text: string) => text.trim().toLowerCase();

/** Where a release's moment comes from, most trusted first (shown in drill-downs). */
export type ReleaseSource = 'deployment' | 'event' | 'jira-date';

export const RELEASE_SOURCE_LABELS: Record<ReleaseSource, string> = {
  deployment: 'production deployment',
  event: 'release seen by the app',
  'jira-date': 'release date in Jira',
};

export interface ReleaseMoment {
  /** Epoch ms. */
  at: number;
  /** The day (in the report's zone) the release happened. */
  day: CalendarDate;
  source: ReleaseSource;
}

/**
 * When a version really shipped, from what was observed. The day comes from the release the app
 * saw (a version event), else Jira's release date. Jira's release dialog pre-fills the planned
 * date and a REST release keeps it, so Jira's date alone would report a late release as on time.
 * A production deployment of the version then gives the moment: the last one on that day, else
 * (it shipped later than Jira says) the first one after it. Deployments of the version before
 * that day are increments of continuous delivery, not the release.
 */
export function versionReleaseMoment(version: KpiVersion, tz: string, deployments: readonly number[] = []): ReleaseMoment | undefined {
  if (!version.released) return undefined;
  let base: ReleaseMoment | undefined;
  let previousReleased = false;
  for (const record of version.history) {
    if (record.released && !previousReleased && record.source === 'event') {
      const at = parseInstant(record.observedAt);
      if (at !== undefined) {
        base = { at, day: dayOf(at, tz), source: 'event' };
        break;
      }
    }
    previousReleased = record.released;
  }
  if (!base) {
    const day = version.releaseDate ? parseCalendarDate(version.releaseDate) : undefined;
    if (day) base = { at: endOfDay(day, tz), day, source: 'jira-date' };
  }
  const sorted = [...deployments].sort((a, b) => a - b);
  if (!base) return sorted.length ? { at: sorted[0] as number, day: dayOf(sorted[0] as number, tz), source: 'deployment' } : undefined;
  const dayEnd = endOfDay(base.day, tz);
  const onTheDay = sorted.filter((at) => dayOf(at, tz) === base.day);
  const shipped = onTheDay.length ? onTheDay[onTheDay.length - 1] : sorted.find((at) => at > dayEnd);
  return shipped === undefined ? base : { at: shipped, day: dayOf(shipped, tz), source: 'deployment' };
}

export function prepare(input: KpiSources): Prepared {
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
  const hotfixPattern = compileHotfixPattern(settings.hotfixVersionPattern);
  const hotfixVersions = new Set(input.hotfixVersionIds ?? []);

  const versions = new Map(input.versions.map((v) => [v.id, v]));
  const versionByName = new Map(input.versions.map((v) => [lower(v.name), v]));
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
      isHotfix: event.isHotfix === true,
      commits: (event.commits ?? []).flatMap((c) => {
        const committed = parseInstant(c.committedAt);
        return committed === undefined ? [] : [{ sha: c.sha, at: committed }];
      }),
      versionIds: version ? [version.id] : [],
      ...(event.version ? { versionName: event.version } : {}),
      issueKeys: event.issueKeys ?? [],
      ...(event.url ? { url: event.url } : {}),
    });
  }

  // Production deployments of each version that reached users (a failed attempt did not ship).
  const deploymentsOf = new Map<string, number[]>();
  for (const d of ci) {
    if (d.status !== 'successful' || d.isRollback) continue;
    for (const id of d.versionIds) deploymentsOf.set(id, [...(deploymentsOf.get(id) ?? []), d.at]);
  }
  const releaseMoments = new Map<string, ReleaseMoment | undefined>();
  const releaseMoment = (version: KpiVersion) => {
    if (!releaseMoments.has(version.id)) releaseMoments.set(version.id, versionReleaseMoment(version, tz, deploymentsOf.get(version.id)));
    return releaseMoments.get(version.id);
  };
  const releaseInstant = (version: KpiVersion) => releaseMoment(version)?.at;
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
      isHotfix: false,
      commits: [],
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
    counted: (fact) => !(settings.excludeSubtasks && subtaskTypeIds.has(fact.typeId)),
    delivered: (fact) => fact.resolved !== null && !(fact.resolutionId !== null && notDeliveredIds.has(fact.resolutionId)),
    isIncident: (fact) => incidentTypeIds.has(fact.typeId),
    isBug: (fact) => bugTypeIds.has(fact.typeId),
    isHotfix: (d) =>
      d.isHotfix || d.versionIds.some((id) => hotfixVersions.has(id)) || (!!hotfixPattern && !!d.versionName && hotfixPattern.matcher(d.versionName).find()),
    releaseInstant,
    releaseMoment,
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
