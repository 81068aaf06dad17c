import { RE2JS } from 're2js';
import { z } from 'zod';
import type { KpiSettingsValues } from '../../contract-kpis';
import { PERCENTILE_METHODS } from './stats';
import { isTimeZone } from './time';

/**
 * The KPI definitions people disagree about, as settings with documented defaults
 * (docs/kpi-definitions.md explains each). One set per site, so every project and the portfolio
 * page use the same definitions and stay comparable.
 */
export const FAILURE_SIGNALS = ['failed-status', 'rollback', 'hotfix', 'incident'] as const;
export type FailureSignalKind = (typeof FAILURE_SIGNALS)[number];

const name = z.string().trim().min(1).max(80);

/** The KPI zone setting that follows each project's release time zone (the default). */
export const PROJECT_ZONE = 'project';

/**
 * A hotfix pattern is matched by RE2 (re2js): linear time whatever the pattern, so an admin's
 * `^(\w+\s?)*$` cannot stall the engine on a long version name. Back-references and look-arounds,
 * which RE2 cannot match in linear time, are refused when the pattern is saved.
 */
export function compileHotfixPattern(pattern: string): RE2JS | undefined {
  if (!pattern) return undefined;
  try {
    return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch {
    return undefined;
  }
}

function isSafePattern(pattern: string): boolean {
  return pattern === '' || compileHotfixPattern(pattern) !== undefined;
}

/** Stored settings from before recovery ended at resolution read as their nearest safe meaning. */
const LEGACY_RECOVERY_END: Record<string, string> = { 'first-of': 'incident-resolved', 'next-deployment': 'fix-deployed' };

export const kpiSettingsSchema = z
  .object({
    /** IANA zone for days, weeks and window boundaries; `project`: each project's release time zone. */
    timeZone: z
      .string()
      .max(64)
      .refine((zone) => zone === PROJECT_ZONE || isTimeZone(zone), 'an IANA time zone such as Europe/Berlin or UTC, or "project"')
      .default(PROJECT_ZONE),
    /** The window: this many whole days, ending at the start of today. */
    windowDays: z.number().int().min(7).max(365).default(90),
    /** How medians and p85 are taken. */
    percentileMethod: z.enum(PERCENTILE_METHODS).default('interpolated'),
    /** Which DORA report's performance table gives the bands. */
    doraTable: z.enum(['2023', '2021']).default('2023'),
    /** Deployment frequency counts deployments, or days with at least one deployment. */
    frequencyCounts: z.enum(['deployments', 'deployment-days']).default('deployments'),
    /** Where production deployments come from: CI events, Jira version releases, or CI when there are any. */
    deploymentSource: z.enum(['auto', 'ci', 'versions']).default('auto'),
    /** Environment names (case-insensitive) that are production, besides inventory environments of tier PROD. */
    productionEnvironments: z.array(name).min(1).max(20).default(['production', 'prod', 'prd', 'live']),
    /** Lead time and cycle time start at the first move to an In Progress status, or at creation. */
    leadTimeStart: z.enum(['in-progress', 'created']).default('in-progress'),
    /** What marks a production deployment as failed. */
    failureSignals: z.array(z.enum(FAILURE_SIGNALS)).max(FAILURE_SIGNALS.length).default([...FAILURE_SIGNALS]),
    /** A failure is attributed to a deployment only within this many hours after it. */
    failureWindowHours: z.number().int().min(1).max(24 * 90).default(168),
    /** Change failure rate counts failed deployments (DORA) or attributed incidents, per deployment. */
    cfrNumerator: z.enum(['failed-deployments', 'incidents']).default('failed-deployments'),
    /** Recovery is timed from the failed deployment, or from when the failure was detected (an incident raised). */
    recoveryStart: z.enum(['detected', 'deployment']).default('detected'),
    /**
     * When a failure signalled by an incident counts as recovered: when the incident is resolved,
     * or when the first production deployment after its resolution ships the fix. An open
     * incident is never recovered, whatever else is deployed meanwhile.
     */
    recoveryEnd: z
      .enum(['incident-resolved', 'fix-deployed', 'first-of', 'next-deployment'])
      .default('incident-resolved')
      .transform((value) => (LEGACY_RECOVERY_END[value] ?? value) as 'incident-resolved' | 'fix-deployed'),
    incidentIssueTypes: z.array(name).min(1).max(10).default(['Incident']),
    bugIssueTypes: z.array(name).min(1).max(10).default(['Bug']),
    /**
     * Opt-in: a production deployment of a version whose name matches is a hotfix (case-insensitive,
     * RE2 syntax). Empty by default: a patch or CalVer number says nothing about a failure, so
     * hotfixes are known from explicit signals (the deployment event's `isHotfix`, a hotfix or
     * emergency release type on the Go/No-Go board).
     */
    hotfixVersionPattern: z
      .string()
      .max(200)
      .refine(isSafePattern, 'a regular expression RE2 accepts (no back-references or look-arounds), or empty')
      .default(''),
    /** A release is on time when it ships at most this many days after its planned date. */
    onTimeToleranceDays: z.number().int().min(0).max(60).default(0),
    /** Bugs raised against a release this many days after it shipped are escaped defects. */
    escapedDefectDays: z.number().int().min(1).max(180).default(30),
    /** Resolutions that do not count as delivered work (throughput, cycle time, lead time). */
    notDeliveredResolutions: z.array(name).max(20).default(["Won't Do", 'Duplicate', 'Cannot Reproduce', 'Declined']),
    /** Leave sub-tasks out of issue counts and times (their parents already count). */
    excludeSubtasks: z.boolean().default(true),
    // Jira points per hour the site's KPI backfill may spend: by default 5 % of the app-wide
    // 65,000-point hourly pool that every customer site shares (src/app/kpi-backfill-pacing.ts).
    backfillPointsPerHour: z.number().int().min(200).max(65_000).default(3_250),
  })
  .strict();

export type KpiSettings = z.infer<typeof kpiSettingsSchema>;

export const DEFAULT_KPI_SETTINGS: KpiSettings = kpiSettingsSchema.parse({});

/**
 * Stored settings with defaults for anything missing (unreadable settings fall back to the
 * defaults), with the zone resolved: `project` becomes the project's release zone.
 */
export function readKpiSettings(stored: unknown, projectZone = 'UTC'): KpiSettings {
  return withZone(storedKpiSettings(stored), projectZone);
}

/** The settings as an admin chose them (the zone may be `project`), defaults filled in. */
export function storedKpiSettings(stored: unknown): KpiSettings {
  // Nothing stored (undefined, null) fails the parse and reads as the defaults, like unreadable settings.
  const parsed = kpiSettingsSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_KPI_SETTINGS;
}

/** Settings whose zone is a real IANA zone: the engine counts days in it. */
export function withZone(settings: KpiSettings, projectZone: string): KpiSettings {
  return settings.timeZone === PROJECT_ZONE ? { ...settings, timeZone: projectZone } : settings;
}

// The contract's hand-written type and the schema must describe the same settings.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const settingsMatchContract: Same<KpiSettings, KpiSettingsValues> = true;
void settingsMatchContract;
