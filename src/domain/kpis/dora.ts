/**
 * The four DORA figures over a window: deployment frequency, lead time for changes, change failure
 * rate and failed-deployment recovery time. Definitions: docs/kpi-definitions.md.
 */
import type { KpiDrilldown, KpiFigure } from '../../contract-kpis';
import type { Computed, Delivery } from './fact-digest';
import type { IssueFact } from './facts';
import { bandRag, doraBand } from './dora-bands';
import { formatCount, formatHours, formatNumber, formatShare, isoMinute } from './format';
import { type Prepared, type ProdDeployment, type WindowBounds, fromMinutes } from './model';
import type { FailureSignalKind } from './settings';
import { PERCENTILE_METHOD_LABELS, percentileOfSorted } from './stats';
import { HOUR_MS, dayOf } from './time';

export interface MetricResult {
  figure: KpiFigure;
  /** Built only when asked for: a trend computes many windows and needs none. */
  drilldown: () => KpiDrilldown;
}

export function windowOf(w: WindowBounds, tz: string): KpiFigure['window'] {
  return { from: w.fromDay, to: w.toDay, days: w.days, timeZone: tz };
}

const inWindow = (at: number, w: WindowBounds) => at >= w.from && at < w.to;

/** Index of the last element with `at <= t` (or `< t` when strict) in a list sorted by `at`; -1 if none. */
function lastAtOrBefore(list: readonly ProdDeployment[], t: number, strict: boolean): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = (list[mid] as ProdDeployment).at;
    if (strict ? at < t : at <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function memo<T>(p: Prepared, key: string, compute: () => T): T {
  // Stryker disable next-line ConditionalExpression: a cache; computing again gives the same result
  if (!p.cache.has(key)) p.cache.set(key, compute());
  return p.cache.get(key) as T;
}

// ---------------------------------------------------------------------------------------------
// Failures: which production deployments failed, by which signal, and when each was put right

export interface FailureSignal {
  kind: FailureSignalKind;
  /** The incident key, rollback or hotfix deployment id, or the failed deployment itself. */
  ref: string;
  /** When the failure became known (ms). */
  at: number;
  /** When the outage is taken to start (ms): the deployment, or the incident's creation when timing from detection. */
  startedAt: number;
  /** When this signal counts as recovered (ms), null while it is not. */
  recoveredAt: number | null;
  recoveredBy: string;
}

export interface Failures {
  byDeployment: Map<string, FailureSignal[]>;
  /** Incidents that name no production deployment within the failure window before them. */
  unattributed: Array<{ key: string; at: number; reason: string }>;
}

export function failures(p: Computed): Failures {
  // Stryker disable next-line StringLiteral: any key but the known-signals ones caches the same
  return memo(p, 'failures', () => {
    const { settings } = p;
    const enabled = new Set(settings.failureSignals);
    const windowMs = settings.failureWindowHours * HOUR_MS;
    const byDeployment = new Map<string, FailureSignal[]>();
    // Stryker disable next-line ArrayDeclaration: a placeholder string has no instant (its .at is a method), so no window holds it
    const unattributed: Failures['unattributed'] = [];
    const add = (deployment: ProdDeployment, signal: FailureSignal) => {
      const list = byDeployment.get(deployment.id);
      if (list) list.push(signal);
      else byDeployment.set(deployment.id, [signal]);
    };
    const successful = p.production.filter((d) => d.status === 'successful');
    const nextSuccessfulAfter = (t: number): ProdDeployment | undefined => {
      const index = lastAtOrBefore(successful, t, false);
      return successful[index + 1];
    };

    // Incidents and hotfixes are failures of what was live: a deployment that failed or was rolled
    // back never served users, so nothing that happens later is its failure.
    const live = p.changes.filter((d) => d.status === 'successful');
    for (const deployment of p.changes) {
      if (enabled.has('failed-status') && deployment.status !== 'successful') {
        const next = nextSuccessfulAfter(deployment.at);
        add(deployment, {
          kind: 'failed-status',
          ref: deployment.id,
          at: deployment.at,
          startedAt: deployment.at,
          recoveredAt: next?.at ?? null,
          recoveredBy: next ? `next successful deployment ${next.id}` : 'no successful deployment since',
        });
      }
      if (enabled.has('hotfix') && deployment.status === 'successful' && p.isHotfix(deployment)) {
        const target = live[lastAtOrBefore(live, deployment.at, true)];
        if (target && deployment.at - target.at <= windowMs) {
          add(target, { kind: 'hotfix', ref: deployment.id, at: deployment.at, startedAt: target.at, recoveredAt: deployment.at, recoveredBy: `hotfix ${deployment.versionName ?? deployment.id}` });
        }
      }
    }
    if (enabled.has('rollback')) {
      for (const rollback of p.production) {
        if (!rollback.isRollback || rollback.status !== 'successful') continue;
        const target = p.changes[lastAtOrBefore(p.changes, rollback.at, true)];
        if (target && rollback.at - target.at <= windowMs) {
          add(target, { kind: 'rollback', ref: rollback.id, at: rollback.at, startedAt: target.at, recoveredAt: rollback.at, recoveredBy: `rollback ${rollback.id}` });
        }
      }
    }
    if (enabled.has('incident')) {
      const byVersion = new Map<string, ProdDeployment[]>();
      for (const d of live) {
        for (const v of d.versionIds) {
          const list = byVersion.get(v);
          if (list) list.push(d);
          else byVersion.set(v, [d]);
        }
      }
      for (const fact of p.facts.incidents) {
        const at = fromMinutes(fact.created);
        // The versions it affects name the deployment, when they were deployed before it.
        let target: ProdDeployment | undefined;
        let reason: string;
        // Stryker disable next-line ArrayDeclaration: a placeholder string has no deployment time (its .at is a method), so the filter drops it
        const named = fact.affects.flatMap((v) => byVersion.get(v) ?? []).filter((d) => d.at <= at);
        if (named.length) {
          target = named.reduce((a, b) => (b.at > a.at ? b : a));
          reason = `its affected version was deployed ${formatHours((at - target.at) / HOUR_MS)} before it, more than the ${settings.failureWindowHours} h failure window`;
        } else {
          target = live[lastAtOrBefore(live, at, false)];
          reason = target
            ? `the last live production deployment before it was ${formatHours((at - target.at) / HOUR_MS)} earlier, more than the ${settings.failureWindowHours} h failure window`
            : 'no production deployment before it';
        }
        if (!target || at - target.at > windowMs) {
          unattributed.push({ key: fact.key, at, reason });
          continue;
        }
        // An open incident is not recovered, whatever else ships meanwhile; resolved, it is
        // recovered then, or (setting) when the next production deployment ships the fix.
        const resolved = fact.resolved === null ? null : fromMinutes(fact.resolved);
        let recoveredAt: number | null;
        let recoveredBy: string;
        if (resolved === null) {
          recoveredAt = null;
          recoveredBy = `${fact.key} still open`;
        } else if (settings.recoveryEnd === 'fix-deployed') {
          const fix = nextSuccessfulAfter(resolved - 1);
          recoveredAt = fix?.at ?? null;
          recoveredBy = fix ? `fix deployed in ${fix.id} after ${fact.key} was resolved` : `${fact.key} resolved, no deployment since`;
        } else {
          recoveredAt = resolved;
          recoveredBy = `${fact.key} resolved`;
        }
        add(target, { kind: 'incident', ref: fact.key, at, startedAt: settings.recoveryStart === 'detected' ? at : target.at, recoveredAt, recoveredBy });
      }
    }
    return { byDeployment, unattributed };
  });
}

/**
 * The failure signals known at the computation's "now": later signals are not yet known, and a
 * recovery after "now" has not happened yet (so a recomputed past week matches what was reported).
 */
function knownSignals(p: Computed, w: WindowBounds): Map<string, FailureSignal[]> {
  return memo(p, `known-signals@${w.now}`, () => {
    const known = new Map<string, FailureSignal[]>();
    for (const [id, signals] of failures(p).byDeployment) {
      const seen: FailureSignal[] = [];
      for (const s of signals) {
        if (s.at > w.now) continue;
        // Recovered after "now" (an open signal stays open).
        seen.push((s.recoveredAt ?? 0) > w.now ? { ...s, recoveredAt: null, recoveredBy: `not by ${isoMinute(w.now)}` } : s);
      }
      if (seen.length) known.set(id, seen);
    }
    return known;
  });
}

function signalText(signal: FailureSignal): string {
  const what = signal.kind === 'failed-status' ? 'deployment reported failed/rolled back' : `${signal.kind} ${signal.ref}`;
  return `${what} (${isoMinute(signal.at)})`;
}

/** The version a deployment shipped, as CI named it (a version release carries its name). */
function deploymentVersion(d: ProdDeployment): string | null {
  return d.versionName ?? null;
}

// ---------------------------------------------------------------------------------------------
// Deployment frequency

export function deploymentFrequency(p: Computed, w: WindowBounds): MetricResult {
  const { settings, tz } = p;
  const deployments = p.changes.filter((d) => inWindow(d.at, w));
  const days = new Set(deployments.map((d) => dayOf(d.at, tz)));
  const countingDays = settings.frequencyCounts === 'deployment-days';
  const count = countingDays ? days.size : deployments.length;
  const perDay = count / w.days;
  const perWeek = (count * 7) / w.days;
  const rollbacks = p.production.filter((d) => d.isRollback && inWindow(d.at, w)).length;
  const failed = knownSignals(p, w);
  const notes = [p.deploymentSourceReason];
  if (rollbacks) notes.push(`${formatCount(rollbacks, 'rollback')} in the window not counted: a rollback is not a change.`);
  const other = countingDays ? `${deployments.length} deployments` : `${days.size} deployment days`;
  return {
    figure: {
      id: 'deployment-frequency',
      group: 'dora',
      title: 'Deployment frequency',
      value: perWeek,
      unit: 'per-week',
      display: `${formatNumber(perWeek, 2)} per week`,
      statistic: 'rate',
      numerator: { value: count, label: countingDays ? 'days with a production deployment' : 'production deployments' },
      denominator: { value: w.days, label: 'days in the window' },
      secondary: [
        { label: countingDays ? 'Deployment days per day' : 'Per day', value: perDay, display: formatNumber(perDay, 3) },
        { label: countingDays ? 'Deployments' : 'Deployment days', value: countingDays ? deployments.length : days.size, display: `${other} (not counted)` },
      ],
      band: doraBand(settings.doraTable, 'deployment-frequency', perDay),
      rag: bandRag(doraBand(settings.doraTable, 'deployment-frequency', perDay)),
      window: windowOf(w, tz),
      definition: countingDays
        ? 'Days with at least one production deployment (not a rollback), per week of the window.'
        : 'Production deployments (not rollbacks) per week of the window; failed and rolled-back attempts count, as in the change failure rate.',
      notes,
      drilldownRows: deployments.length,
    },
    drilldown: () => ({
      figureId: 'deployment-frequency',
      title: 'Production deployments in the window',
      columns: [
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'at', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'day', label: `Day (${tz})`, kind: 'day' },
        { key: 'environment', label: 'Environment', kind: 'text' },
        { key: 'version', label: 'Version', kind: 'text' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'failed', label: 'Failed', kind: 'flag' },
      ],
      rows: deployments.map((d) => ({
        deployment: d.id,
        at: isoMinute(d.at),
        day: dayOf(d.at, tz),
        environment: d.environment,
        version: deploymentVersion(d),
        status: d.status,
        failed: failed.has(d.id),
      })),
      issueKeys: [],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Lead time for changes

/**
 * Issues of versions deployed in the window that were resolved only after the version's last
 * deployment there, and that no deployment has shipped since: their lead time is not known yet.
 * Tallied by the fold, one counted fact at a time.
 */
export interface LateTally {
  add(fact: Pick<IssueFact, 'key' | 'resolved' | 'fixVersions'>, shipped: boolean, delivered: boolean): void;
  keys(): string[];
}

export function lateTally(p: Prepared, w: WindowBounds): LateTally {
  const lastDeployment = new Map<string, number>();
  for (const d of p.changes) {
    if (d.status !== 'successful' || d.at < w.from || d.at >= w.to) continue;
    for (const id of d.versionIds) lastDeployment.set(id, Math.max(lastDeployment.get(id) ?? 0, d.at));
  }
  const keys = new Set<string>();
  return {
    add(fact, shipped, delivered) {
      // Delivered work is resolved work.
      if (shipped || !delivered) return;
      const resolved = fromMinutes(fact.resolved as number);
      for (const interval of fact.fixVersions) {
        // A version not deployed in the window has no deployment to be resolved after.
        const at = lastDeployment.get(interval.versionId) ?? Number.POSITIVE_INFINITY;
        if (resolved > at && resolved <= w.now) keys.add(fact.key);
      }
    },
    keys: () => [...keys].sort(),
  };
}

/** First index whose deployment is at or after `t` in deliveries sorted by deployment time. */
function firstAtOrAfter(p: Prepared, entries: readonly Delivery[], t: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((p.changes[(entries[mid] as Delivery).deployment] as ProdDeployment).at < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lead-time figure from its hours, whatever they are measured from (commits or Jira). */
function leadTimeFigure(p: Prepared, w: WindowBounds, hours: readonly number[] | Float64Array, counted: string, definition: string, notes: string[]): KpiFigure {
  const { settings, tz } = p;
  const method = settings.percentileMethod;
  const sorted = Float64Array.from(hours).sort();
  const p50 = percentileOfSorted(sorted, 0.5, method) ?? null;
  const p85 = percentileOfSorted(sorted, 0.85, method) ?? null;
  // The mean beside the median: a long tail shows as a mean far above it.
  let total = 0;
  for (let i = 0; i < hours.length; i++) total += hours[i] as number;
  const mean = hours.length ? total / hours.length : null;
  return {
    id: 'lead-time',
    group: 'dora',
    title: 'Lead time for changes',
    value: p50,
    unit: 'hours',
    display: formatHours(p50),
    statistic: 'median',
    numerator: { value: hours.length, label: counted },
    denominator: null,
    method: PERCENTILE_METHOD_LABELS[method],
    secondary: [
      { label: '85th percentile', value: p85, display: formatHours(p85) },
      { label: 'Mean', value: mean, display: formatHours(mean) },
    ],
    ...(p50 !== null ? { band: doraBand(settings.doraTable, 'lead-time', p50) } : {}),
    rag: p50 !== null ? bandRag(doraBand(settings.doraTable, 'lead-time', p50)) : 'neutral',
    window: windowOf(w, tz),
    definition,
    notes,
    drilldownRows: hours.length,
  };
}

/**
 * DORA's lead time for changes when CI sends commit times: commit to production, one value per
 * commit at the first successful production deployment that brought it.
 */
function commitLeadTime(p: Computed, w: WindowBounds): MetricResult | undefined {
  const seen = new Set<string>();
  const rows: Array<{ sha: string; committed: number; deployment: ProdDeployment; hours: number }> = [];
  let withoutCommits = 0;
  for (const d of p.changes) {
    if (d.status !== 'successful') continue;
    const inWindow = d.at >= w.from && d.at < w.to;
    if (inWindow && d.commits.length === 0) withoutCommits++;
    for (const c of d.commits) {
      if (seen.has(c.sha)) continue;
      seen.add(c.sha);
      if (inWindow && c.at <= d.at) rows.push({ sha: c.sha, committed: c.at, deployment: d, hours: (d.at - c.at) / HOUR_MS });
    }
  }
  if (!rows.length) return undefined;
  const notes = ['Commit to production, from the commit times CI sent with each deployment (DORA’s definition).'];
  if (withoutCommits) notes.push(`${formatCount(withoutCommits, 'production deployment')} in the window sent no commit times: not counted.`);
  const definition = 'Time from a commit until the first production deployment that brought it; median and 85th percentile.';
  return {
    figure: leadTimeFigure(p, w, rows.map((r) => r.hours), 'commits first deployed to production in the window', definition, notes),
    drilldown: () => ({
      figureId: 'lead-time',
      title: 'Commits first deployed to production in the window',
      columns: [
        { key: 'commit', label: 'Commit', kind: 'text' },
        { key: 'committed', label: 'Committed (UTC)', kind: 'time' },
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'deployed', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'hours', label: 'Lead time (h)', kind: 'number' },
      ],
      rows: rows.map((r) => ({ commit: r.sha, committed: isoMinute(r.committed), deployment: r.deployment.id, deployed: isoMinute(r.deployment.at), hours: Number(r.hours.toFixed(2)) })),
      issueKeys: [],
    }),
  };
}

export function leadTime(p: Computed, w: WindowBounds): MetricResult {
  const fromCommits = commitLeadTime(p, w);
  if (fromCommits) return fromCommits;
  const { settings } = p;
  let subtasks = 0;
  let notDelivered = 0;
  let fromCreation = 0;
  let beforeStart = 0;
  let deployedEarlier = 0;
  const entries = p.facts.deliveries;
  const first = firstAtOrAfter(p, entries, w.from);
  const end = firstAtOrAfter(p, entries, w.to);
  // Only the hours are kept for the figure (a report, and each trend week's, would otherwise hold
  // a row per issue: ~42,000 at 150,000 issues); the rows are listed again when the drill-down is read.
  // Stryker disable next-line ArithmeticOperator: a longer buffer changes nothing, only its first `counted` values are read
  const hours = new Float64Array(end - first);
  let counted = 0;
  for (let i = first; i < end; i++) {
    const entry = entries[i] as Delivery;
    if (entry.skip) {
      if (entry.skip === 'subtask') subtasks++;
      else if (entry.skip === 'not-delivered') notDelivered++;
      else if (entry.skip === 'deployed-earlier') deployedEarlier++;
      else beforeStart++;
      continue;
    }
    if (entry.fromCreation) fromCreation++;
    hours[counted++] = entry.hours;
  }
  const rows = () =>
    entries.slice(first, end).flatMap((entry) => {
      if (entry.skip) return [];
      const useStarted = settings.leadTimeStart === 'in-progress' && !entry.fromCreation;
      return [{ key: entry.key, deployment: p.changes[entry.deployment] as ProdDeployment, start: entry.start, from: useStarted ? ('in-progress' as const) : ('created' as const), hours: entry.hours }];
    });
  const notes: string[] = [];
  if (fromCreation) notes.push(`${formatCount(fromCreation, 'issue')} never moved to an In Progress status: measured from creation.`);
  if (beforeStart) notes.push(`${formatCount(beforeStart, 'issue')} left out: deployed before work on them started.`);
  if (subtasks) notes.push(`${formatCount(subtasks, 'sub-task')} left out (settings).`);
  if (notDelivered) notes.push(`${formatCount(notDelivered, 'issue')} left out: resolved as not delivered (${settings.notDeliveredResolutions.join(', ')}).`);
  if (deployedEarlier) notes.push(`${formatCount(deployedEarlier, 'issue')} named again by a deployment in the window left out: resolved, and so first deployed, before the deployments the report reads.`);
  const late = p.facts.lateAt(w);
  if (late.length) notes.push(`${formatCount(late.length, 'issue')} resolved after their version was deployed, and not shipped by a later deployment yet, not counted: ${late.slice(0, 10).join(', ')}${late.length > 10 ? ', …' : ''}.`);
  if (p.deploymentSource === 'versions') notes.push('Deployments are version releases: an issue counts when it was done and in the version when it was released.');
  else notes.push('An issue counts at the first successful production deployment that named it (issueKeys) or shipped its fix version done.');
  // Without commit times from CI this is Jira's view of the same thing: a proxy, and said so.
  const definition =
    settings.leadTimeStart === 'in-progress'
      ? 'Proxy (CI sent no commit times): time from the first move of an issue to an In Progress status until its first production deployment; median and 85th percentile.'
      : 'Proxy (CI sent no commit times): time from the creation of an issue until its first production deployment; median and 85th percentile.';
  return {
    figure: leadTimeFigure(p, w, hours.subarray(0, counted), 'issues first deployed to production in the window', definition, notes),
    drilldown: () => {
      const listed = rows();
      return {
      figureId: 'lead-time',
      title: 'Issues first deployed to production in the window',
      columns: [
        { key: 'issue', label: 'Issue', kind: 'issue' },
        { key: 'start', label: 'Work started (UTC)', kind: 'time' },
        { key: 'from', label: 'Measured from', kind: 'text' },
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'deployed', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'hours', label: 'Lead time (h)', kind: 'number' },
      ],
      rows: [...listed].sort((a, b) => a.deployment.at - b.deployment.at || a.key.localeCompare(b.key)).map((r) => ({
        issue: r.key,
        start: isoMinute(r.start),
        from: r.from === 'in-progress' ? 'In Progress' : 'creation',
        deployment: r.deployment.id,
        deployed: isoMinute(r.deployment.at),
        hours: Number(r.hours.toFixed(2)),
      })),
      issueKeys: listed.map((r) => r.key),
    };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Change failure rate

export function changeFailureRate(p: Computed, w: WindowBounds): MetricResult {
  const { settings, tz } = p;
  const { unattributed } = failures(p);
  const byDeployment = knownSignals(p, w);
  const deployments = p.changes.filter((d) => inWindow(d.at, w));
  const failed = deployments.filter((d) => byDeployment.has(d.id));
  const incidents = failed.flatMap((d) => (byDeployment.get(d.id) as FailureSignal[]).filter((s) => s.kind === 'incident'));
  const countingIncidents = settings.cfrNumerator === 'incidents';
  const numerator = countingIncidents ? incidents.length : failed.length;
  const share = deployments.length ? numerator / deployments.length : null;
  // The window ends at the start of today, before "now": an incident in it is known.
  const lost = unattributed.filter((u) => inWindow(u.at, w));
  const notes = [`Failure signals: ${settings.failureSignals.join(', ') || 'none'}; a failure counts within ${settings.failureWindowHours} h after the deployment.`];
  if (lost.length) notes.push(`${formatCount(lost.length, 'incident')} in the window not attributed to a deployment (listed in the drill-down).`);
  if (countingIncidents) notes.push('Counting incidents per deployment: the DORA bands are defined for failed deployments, so the band is indicative only.');
  const rows = (): KpiDrilldown['rows'] => [
    ...deployments.map((d) => {
      const signals = byDeployment.get(d.id) ?? [];
      return {
        deployment: d.id,
        at: isoMinute(d.at),
        version: deploymentVersion(d),
        failed: signals.length > 0,
        signals: signals.map(signalText).join('; ') || null,
        incidents: signals.filter((s) => s.kind === 'incident').map((s) => s.ref).join(', ') || null,
      };
    }),
    ...lost.map((u) => ({ deployment: null, at: isoMinute(u.at), version: null, failed: null, signals: `incident ${u.key} not attributed: ${u.reason}`, incidents: u.key })),
  ];
  return {
    figure: {
      id: 'change-failure-rate',
      group: 'dora',
      title: 'Change failure rate',
      value: share,
      unit: 'percent',
      display: formatShare(share),
      statistic: countingIncidents ? 'incidents per deployment' : 'share',
      numerator: { value: numerator, label: countingIncidents ? 'incidents attributed to those deployments' : 'production deployments followed by a failure' },
      denominator: { value: deployments.length, label: 'production deployments in the window' },
      secondary: [
        { label: 'Failed deployments', value: failed.length, display: String(failed.length) },
        { label: 'Incidents attributed', value: incidents.length, display: String(incidents.length) },
        { label: 'Incidents not attributed', value: lost.length, display: String(lost.length) },
      ],
      ...(share !== null ? { band: doraBand(settings.doraTable, 'change-failure-rate', share) } : {}),
      rag: share !== null ? bandRag(doraBand(settings.doraTable, 'change-failure-rate', share)) : 'neutral',
      window: windowOf(w, tz),
      definition: countingIncidents
        ? 'Incidents attributed to production deployments of the window, divided by those deployments.'
        : 'Share of production deployments of the window followed, within the failure window, by a failure signal (incident, rollback, hotfix or a failed status).',
      notes,
      drilldownRows: deployments.length + lost.length,
    },
    drilldown: () => ({
      figureId: 'change-failure-rate',
      title: 'Production deployments in the window and the failures attributed to them',
      columns: [
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'at', label: 'Deployed / raised (UTC)', kind: 'time' },
        { key: 'version', label: 'Version', kind: 'text' },
        { key: 'failed', label: 'Failed', kind: 'flag' },
        { key: 'signals', label: 'Failure signals', kind: 'text' },
        { key: 'incidents', label: 'Incidents', kind: 'issues' },
      ],
      rows: rows(),
      issueKeys: [...incidents.map((s) => s.ref), ...lost.map((u) => u.key)],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Failed-deployment recovery time

export function recoveryTime(p: Computed, w: WindowBounds): MetricResult {
  const { settings, tz } = p;
  const byDeployment = knownSignals(p, w);
  const failed = p.changes.filter((d) => inWindow(d.at, w) && byDeployment.has(d.id));
  const rows = failed.map((d) => {
    const signals = byDeployment.get(d.id) as FailureSignal[];
    const open = signals.find((s) => s.recoveredAt === null);
    // Put right when the last of its signals was (read only when none is open).
    const last = signals.reduce((a, b) => ((b.recoveredAt as number) > (a.recoveredAt as number) ? b : a));
    const recoveredAt = open ? null : (last.recoveredAt as number);
    const startedAt = Math.min(...signals.map((s) => s.startedAt));
    return { d, signals, startedAt, recoveredAt, by: open ? `not yet: ${open.recoveredBy}` : last.recoveredBy, hours: recoveredAt === null ? null : Math.max(0, recoveredAt - startedAt) / HOUR_MS };
  });
  const hours = rows.filter((r) => r.hours !== null).map((r) => r.hours as number).sort((a, b) => a - b);
  const method = settings.percentileMethod;
  const p50 = percentileOfSorted(hours, 0.5, method) ?? null;
  const p85 = percentileOfSorted(hours, 0.85, method) ?? null;
  const open = rows.length - hours.length;
  const notes = [
    settings.recoveryStart === 'detected'
      ? 'Timed from when the failure was detected: the incident raised, or the deployment itself for rollbacks, hotfixes and failed deployments.'
      : 'Timed from the failed deployment.',
    `Recovery of an incident-signalled failure: ${settings.recoveryEnd === 'incident-resolved' ? 'the incident resolved' : 'the first production deployment after the incident was resolved (the fix shipped)'}; an open incident is not recovered.`,
  ];
  if (open) notes.push(`${formatCount(open, 'failed deployment')} not recovered yet: left out of the median.`);
  return {
    figure: {
      id: 'recovery-time',
      group: 'dora',
      title: 'Failed deployment recovery time',
      value: p50,
      unit: 'hours',
      display: formatHours(p50),
      statistic: 'median',
      numerator: { value: hours.length, label: 'failed production deployments of the window that recovered' },
      denominator: { value: rows.length, label: 'failed production deployments in the window' },
      method: PERCENTILE_METHOD_LABELS[method],
      secondary: [
        { label: '85th percentile', value: p85, display: formatHours(p85) },
        { label: 'Not recovered yet', value: open, display: String(open) },
      ],
      ...(p50 !== null ? { band: doraBand(settings.doraTable, 'recovery-time', p50) } : {}),
      rag: p50 !== null ? bandRag(doraBand(settings.doraTable, 'recovery-time', p50)) : 'neutral',
      window: windowOf(w, tz),
      definition: `Time from ${settings.recoveryStart === 'detected' ? 'the detection of a failure of a production deployment (its first incident, else the deployment)' : 'a failed production deployment'} until every failure attributed to it was put right (rollback, hotfix, next deployment or incident resolved); median.`,
      notes,
      drilldownRows: rows.length,
    },
    drilldown: () => ({
      figureId: 'recovery-time',
      title: 'Failed production deployments in the window',
      columns: [
        { key: 'deployment', label: 'Deployment', kind: 'deployment' },
        { key: 'at', label: 'Deployed (UTC)', kind: 'time' },
        { key: 'signals', label: 'Failure signals', kind: 'text' },
        { key: 'started', label: 'Failure from (UTC)', kind: 'time' },
        { key: 'recovered', label: 'Recovered (UTC)', kind: 'time' },
        { key: 'by', label: 'Recovered by', kind: 'text' },
        { key: 'hours', label: 'Recovery (h)', kind: 'number' },
      ],
      rows: rows.map((r) => ({
        deployment: r.d.id,
        at: isoMinute(r.d.at),
        signals: r.signals.map(signalText).join('; '),
        started: isoMinute(r.startedAt),
        recovered: isoMinute(r.recoveredAt),
        by: r.by,
        hours: r.hours === null ? null : Number(r.hours.toFixed(2)),
      })),
      issueKeys: rows.flatMap((r) => r.signals.filter((s) => s.kind === 'incident').map((s) => s.ref)),
    }),
  };
}
