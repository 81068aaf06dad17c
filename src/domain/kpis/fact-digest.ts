/**
 * What the figures keep of the issue facts, folded one fact at a time so a project's facts are never
 * held together (150,000 decoded facts took ~490 MB; a Forge function has 512). Each accumulator
 * reads a fact once and keeps only what its figures read, for the instants the reports will be
 * computed at (the report's "now" and the trend's Mondays):
 * - incidents: counted incidents (key, times, affected versions), for change failures and recovery;
 * - deliveries: each issue's first production deployment, as a lead-time row or the reason it is
 *   left out, for deployments inside the windows;
 * - version tallies: per window, what readiness, scope change and carry-over count of the versions
 *   it reads, and the issues resolved after their version's deployment (issue keys, not facts);
 * - bugs: counted bugs raised against versions released in a window, for escaped defects;
 * - resolved: issues resolved inside the windows, for cycle time and throughput.
 * Results are sorted by issue key where facts tie, so the report does not depend on the order the
 * store returns its parts in.
 */
import { type IssueFact, inVersionAt, resolvedAt } from './facts';
import { type LateTally, lateTally } from './dora';
import { type Prepared, type WindowBounds, fromMinutes, toMinutes, windowBounds } from './model';
import { type VersionTallies, versionTallies, versionsReleasedIn } from './release';
import { HOUR_MS } from './time';

export interface IncidentFact {
  key: string;
  /** Epoch minutes. */
  created: number;
  resolved: number | null;
  affects: string[];
}

export type LeadSkip = 'subtask' | 'not-delivered' | 'before-start' | 'deployed-earlier';

/** An issue's first production deployment: a lead-time row, or why it is left out. */
export interface Delivery {
  key: string;
  /** Index of the deployment in `Prepared.changes`. */
  deployment: number;
  skip?: LeadSkip;
  /** Measured from creation because it never moved to In Progress (with `leadTimeStart: in-progress`). */
  fromCreation: boolean;
  /** Start of the lead time (ms) and its hours; 0 when skipped. */
  start: number;
  hours: number;
}

/** An issue resolved in a window: what cycle time and throughput read. */
export interface ResolvedIssue {
  key: string;
  /** Epoch minutes. */
  resolved: number;
  created: number;
  started: number | null;
  /** Counted and delivered, or why not. */
  kind: 'delivered' | 'subtask' | 'not-delivered';
}

export interface FactDigest {
  /** The instants (ms) reports may be computed at: their windows are what was kept. */
  instants: ReadonlySet<number>;
  factCount: number;
  incidents: IncidentFact[];
  /** Sorted by deployment, then as that deployment carried them (named keys first, then its version's issues by key). */
  deliveries: Delivery[];
  /** Readiness, scope change, carry-over and issues resolved after their deployment, tallied for one instant's window. */
  at(w: WindowBounds): { versions: VersionTallies; late: string[] };
  /** Issues resolved after their version's deployment, for any folded instant (lead time's note). */
  lateAt(w: WindowBounds): string[];
  /** Counted bugs by affected version (versions released in a window), as [key, created minute]. */
  bugs: Map<string, Array<[string, number]>>;
  /** Sorted by resolution, then key. */
  resolved: ResolvedIssue[];
}

export interface Computed extends Prepared {
  facts: FactDigest;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Folds facts into what the figures of reports at `instants` read. `add` each fact once (any order),
 * then `result()`; a report at another instant is refused (its windows were not kept).
 */
export class FactFold {
  private readonly windows: WindowBounds[];
  private readonly from: number;
  private readonly to: number;
  private readonly since: number | undefined;
  /** The first successful change deployment naming a key: [index in changes, position in its issueKeys]. */
  private readonly named = new Map<string, [number, number]>();
  /**
   * Successful change deployments of a version, earliest first: [index in changes, rank among what
   * it carries]. A deployment carries its named keys first, then its version's issues.
   */
  private readonly ofVersion = new Map<string, Array<[number, number]>>();
  private readonly releasedVersions = new Set<string>();
  private readonly tallies = new Map<number, { versions?: VersionTallies; late: LateTally }>();
  private readonly digest: Omit<FactDigest, 'instants' | 'at' | 'lateAt'>;
  /** Where each delivery came in its deployment (see `ofVersion`), to order them as it carried them. */
  private readonly ranks: number[] = [];
  private readonly instants: Set<number>;

  /**
   * `reports`: instants of whole reports; `trendOnly`: instants of trend points, which read only
   * the trended figures (readiness, scope change and carry-over are not tallied for them).
   */
  constructor(
    private readonly p: Prepared,
    reports: readonly Date[],
    trendOnly: readonly Date[] = [],
  ) {
    // Each instant once: the report's "now" can be the weekly snapshot's Monday too.
    const instants = [...new Set([...reports, ...trendOnly].map((at) => at.getTime()))];
    const whole = new Set(reports.map((at) => at.getTime()));
    this.windows = instants.map((now) => windowBounds(new Date(now), p.settings));
    this.from = Math.min(...this.windows.map((w) => w.from));
    this.to = Math.max(...this.windows.map((w) => w.to));
    this.since = p.input.deploymentsSince ? Date.parse(p.input.deploymentsSince) : undefined;
    p.changes.forEach((d, index) => {
      if (d.status !== 'successful') return;
      d.issueKeys.forEach((key, position) => {
        if (!this.named.has(key)) this.named.set(key, [index, position]);
      });
      for (const id of d.versionIds) this.ofVersion.set(id, [...(this.ofVersion.get(id) ?? []), [index, d.issueKeys.length]]);
    });
    for (const w of this.windows) {
      for (const { v } of versionsReleasedIn(p, w)) this.releasedVersions.add(v.id);
      this.tallies.set(w.now, { ...(whole.has(w.now) ? { versions: versionTallies(p, w) } : {}), late: lateTally(p, w) });
    }
    this.digest = { factCount: 0, incidents: [], deliveries: [], bugs: new Map(), resolved: [] };
    this.instants = new Set(instants);
  }

  add(fact: IssueFact): void {
    const { p, digest } = this;
    digest.factCount++;
    const counted = p.counted(fact);
    if (counted && p.isIncident(fact)) digest.incidents.push({ key: fact.key, created: fact.created, resolved: fact.resolved, affects: fact.affects });
    const shipped = this.deliver(fact);
    if (counted) {
      const delivered = p.delivered(fact);
      for (const { versions, late } of this.tallies.values()) {
        versions?.add(fact);
        late.add(fact, shipped, delivered);
      }
      if (p.isBug(fact)) {
        for (const v of fact.affects) {
          if (!this.releasedVersions.has(v)) continue;
          const list = digest.bugs.get(v);
          if (list) list.push([fact.key, fact.created]);
          else digest.bugs.set(v, [[fact.key, fact.created]]);
        }
      }
    }
    // Minutes: resolved ∈ [from, to) in ms is resolved ∈ [ceil(from / 1 min), ceil(to / 1 min)) in whole minutes.
    if (fact.resolved !== null && fact.resolved >= Math.ceil(this.from / 60_000) && fact.resolved < Math.ceil(this.to / 60_000)) {
      digest.resolved.push({ key: fact.key, resolved: fact.resolved, created: fact.created, started: fact.started, kind: !counted ? 'subtask' : !p.delivered(fact) ? 'not-delivered' : 'delivered' });
    }
  }

  /**
   * The first successful production deployment that carried the fact (named it, or shipped its fix
   * version with it done); kept as a delivery when that deployment is inside the windows.
   */
  private deliver(fact: IssueFact): boolean {
    const { p } = this;
    let best = this.named.get(fact.key);
    // A version listed in several intervals (removed and put back) is looked at again, to the same end.
    for (const interval of fact.fixVersions) {
      for (const candidate of this.ofVersion.get(interval.versionId) ?? []) {
        // Not earlier than the best so far: a deployment carries its named keys before its version's issues.
        if (best && candidate[0] >= best[0]) break;
        const at = toMinutes((p.changes[candidate[0]] as (typeof p.changes)[number]).at);
        if (inVersionAt(fact, interval.versionId, at) && resolvedAt(fact, at)) {
          best = candidate;
          break;
        }
      }
    }
    if (!best) return false;
    const deployment = p.changes[best[0]] as (typeof p.changes)[number];
    if (deployment.at < this.from || deployment.at >= this.to) return true;
    this.digest.deliveries.push(this.leadEntry(fact, best[0], deployment.at));
    this.ranks.push(best[1]);
    return true;
  }

  private leadEntry(fact: IssueFact, deployment: number, deployedAt: number): Delivery {
    const { p } = this;
    const skipped = (skip: LeadSkip, fromCreation = false): Delivery => ({ key: fact.key, deployment, skip, fromCreation, start: 0, hours: 0 });
    if (!p.counted(fact)) return skipped('subtask');
    // Resolved before the deployments the report reads begin: it shipped then, not now.
    if (this.since !== undefined && fact.resolved !== null && fromMinutes(fact.resolved) < this.since) return skipped('deployed-earlier');
    if (fact.resolved !== null && !p.delivered(fact)) return skipped('not-delivered');
    const useStarted = p.settings.leadTimeStart === 'in-progress' && fact.started !== null;
    const fromCreation = p.settings.leadTimeStart === 'in-progress' && fact.started === null;
    const start = fromMinutes(useStarted ? (fact.started as number) : fact.created);
    if (start > deployedAt) return skipped('before-start', fromCreation);
    return { key: fact.key, deployment, fromCreation, start, hours: (deployedAt - start) / HOUR_MS };
  }

  result(): Computed {
    const { digest } = this;
    const order = digest.deliveries.map((_, i) => i);
    order.sort((a, b) => {
      const x = digest.deliveries[a] as Delivery;
      const y = digest.deliveries[b] as Delivery;
      return x.deployment - y.deployment || (this.ranks[a] as number) - (this.ranks[b] as number) || byKey(x, y);
    });
    const tallies = new Map<number, { versions?: VersionTallies; late: string[] }>();
    for (const [at, { versions, late }] of this.tallies) {
      versions?.done();
      tallies.set(at, { ...(versions ? { versions } : {}), late: late.keys() });
    }
    return {
      ...this.p,
      facts: {
        ...digest,
        instants: this.instants,
        ...talliesAt(tallies),
        incidents: digest.incidents.sort(byKey),
        deliveries: order.map((i) => digest.deliveries[i] as Delivery),
        resolved: digest.resolved.sort((a, b) => a.resolved - b.resolved || byKey(a, b)),
      },
    };
  }
}

/**
 * The tallies' lookups, made outside `FactFold.result` so their closures hold the tallies alone:
 * closures made there shared its scope, so a report kept the whole fold (its sort comparator read
 * `this` and the unsorted digest), ~40 MB at 150,000 issues.
 */
function talliesAt(tallies: Map<number, { versions?: VersionTallies; late: string[] }>): Pick<FactDigest, 'at' | 'lateAt'> {
  return {
    at: (w) => {
      const found = tallies.get(w.now);
      if (!found?.versions) throw new Error(`KPI facts were not folded for a whole report at ${new Date(w.now).toISOString()}.`);
      return { versions: found.versions, late: found.late };
    },
    lateAt: (w) => {
      const found = tallies.get(w.now);
      if (!found) throw new Error(`KPI facts were folded for other instants than ${new Date(w.now).toISOString()}.`);
      return found.late;
    },
  };
}

/** Every fact of `facts` folded for reports at `reports` and trend points at `trendOnly`. */
export function foldFacts(p: Prepared, facts: Iterable<IssueFact>, reports: readonly Date[], trendOnly: readonly Date[] = []): Computed {
  const fold = new FactFold(p, reports, trendOnly);
  for (const fact of facts) fold.add(fact);
  return fold.result();
}
