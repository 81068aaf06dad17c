/**
 * Conflict rules about releases: a release before its required slots end, dependencies scheduled
 * later, too many releases on one day, promotion order broken, slots outside their version's dates.
 */
import type { PlanConflict, PlanEnvironment, SuggestedFix, Tier } from '../../contract-release-plan';
import { DAY_MS, dayIntervalAt, dayIntervalOf, duration, intervalOf } from './intervals';
import { tierRank } from './tiers';
import { formatDay, formatLength, listOf, plural } from './wording';
import { type PlanIndex, type PlanVersionFacts, push, versionKey } from './plan-index';
import { compact, conflict, dayStartOf, moveFix, moveFixEndingBy, stillAhead } from './rule-support';

/** The release date comes before a slot that must finish first (UAT sign-off, NFT run). */
export function releasesBeforeRequiredSlots(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const release = dayIntervalOf(version.releaseDate, index.facts.timeZone);
    if (!release) continue;
    // Stryker disable next-line ArrayDeclaration: a non-slot entry has no `required` and is skipped like an empty list
    for (const slot of index.slotsByVersion.get(versionKey(version.projectKey, version.id)) ?? []) {
      if (!slot.required) continue;
      const interval = intervalOf(slot);
      if (interval.to <= release.to) continue;
      const length = duration(interval);
      const fixes: SuggestedFix[] = [];
      const moved = moveFixEndingBy(index, slot, release.to);
      if (moved) fixes.push(moved);
      fixes.push({ text: `${moved ? 'Or move' : 'Move'} ${version.name}’s release date in Jira to ${formatDay(dayStartOf(interval.to - 1, index.facts.timeZone), index.facts.timeZone)} or later.` });
      result.push(
        conflict(
          'release-before-slot-end',
          'error',
          `${version.name} is due before its ${index.environmentName(slot.environmentId)} slot ends`,
          `${version.name} is due on ${formatDay(release.from, index.facts.timeZone)}, but its required ${index.environmentName(slot.environmentId)} slot (${formatLength(length)}) runs until ${index.at(interval.to)}. The release cannot go ahead before that slot has finished.`,
          [index.versionItem(version), index.slotItem(slot)],
          { from: release.from, to: interval.to },
          fixes,
        ),
      );
    }
  }
  return result;
}

export function lateDependencies(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const release = dayIntervalOf(version.releaseDate, index.facts.timeZone);
    for (const dependency of version.dependsOn) {
      const other = index.version(dependency.projectKey, dependency.versionId);
      const when = release ?? { from: index.facts.now, to: index.facts.now + DAY_MS };
      if (!other) {
        result.push(
          conflict(
            'dependency-later',
            'info',
            `${version.name} depends on a version that cannot be checked`,
            `${version.name} depends on version ${dependency.versionId} of ${dependency.projectKey}, which you cannot see or which no longer exists, so its date cannot be checked.`,
            [index.versionItem(version), { kind: 'version', id: dependency.versionId, label: `${dependency.projectKey} version ${dependency.versionId}`, projectKey: dependency.projectKey }],
            when,
            [{ text: `Ask someone who can see ${dependency.projectKey} to check the date, or remove the dependency if it no longer holds.` }],
          ),
        );
        continue;
      }
      if (other.released || !release) continue;
      const otherRelease = dayIntervalOf(other.releaseDate, index.facts.timeZone);
      if (!otherRelease) {
        result.push(
          conflict(
            'dependency-later',
            'warning',
            `${version.name} depends on ${other.name}, which has no release date`,
            `${version.name} is due on ${formatDay(release.from, index.facts.timeZone)} and depends on ${other.name} (${other.projectKey}), which is not scheduled yet.`,
            [index.versionItem(version), index.versionItem(other)],
            release,
            [{ text: `Ask the ${other.projectKey} team to schedule ${other.name} on or before ${formatDay(release.from, index.facts.timeZone)}.` }],
          ),
        );
        continue;
      }
      if (otherRelease.from <= release.from) continue;
      const days = Math.round((otherRelease.from - release.from) / DAY_MS);
      result.push(
        conflict(
          'dependency-later',
          'error',
          `${version.name} is due before ${other.name}, which it depends on`,
          `${version.name} is due on ${formatDay(release.from, index.facts.timeZone)}, but it depends on ${other.name} (${other.projectKey}), due on ${formatDay(otherRelease.from, index.facts.timeZone)}: ${plural(days, 'day')} later.`,
          [index.versionItem(version), index.versionItem(other)],
          { from: release.from, to: otherRelease.to },
          [
            { text: `Move ${version.name}’s release date in Jira to ${formatDay(otherRelease.from, index.facts.timeZone)} or later.` },
            { text: `Or ask the ${other.projectKey} team to bring ${other.name} forward to ${formatDay(release.from, index.facts.timeZone)}.` },
          ],
        ),
      );
    }
  }
  return result;
}

/** More unreleased versions due on one day than the configured limit. */
export function crowdedReleaseDays(index: PlanIndex): PlanConflict[] {
  const limit = index.facts.maxReleasesPerDay;
  const byDay = new Map<number, PlanVersionFacts[]>();
  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    const day = dayIntervalOf(version.releaseDate, index.facts.timeZone);
    if (day && day.to > index.facts.now) push(byDay, day.from, version);
  }
  const result: PlanConflict[] = [];
  for (const [day, versions] of [...byDay].sort((a, b) => a[0] - b[0])) {
    if (versions.length <= limit) continue;
    versions.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    const zone = index.facts.timeZone;
    let free = dayIntervalAt(day, zone).to;
    while ((byDay.get(free)?.length ?? 0) >= limit) free = dayIntervalAt(free, zone).to;
    const last = versions[versions.length - 1] as PlanVersionFacts;
    result.push(
      conflict(
        'too-many-releases',
        'warning',
        `${versions.length} releases on ${formatDay(day, index.facts.timeZone)}`,
        `${listOf(versions.map((v) => v.name))} are all due on ${formatDay(day, index.facts.timeZone)}; the limit is ${plural(limit, 'release')} a day, so support and rollback would be stretched.`,
        versions.map((v) => index.versionItem(v)),
        dayIntervalAt(day, zone),
        [{ text: `Move ${last.name} to ${formatDay(free, index.facts.timeZone)}, the next day with room.` }],
      ),
    );
  }
  return result;
}

/** A version reaching a higher tier before a lower one (SIT before UAT before PROD). */
export function promotionOrderBreaks(index: PlanIndex): PlanConflict[] {
  const { tierOrder } = index.facts;
  const result: PlanConflict[] = [];
  const rank = (environmentId: string | undefined) => {
    const environment = environmentId ? index.environmentById.get(environmentId) : undefined;
    return environment ? tierRank(tierOrder, environment.tier) : undefined;
  };
  const order = (low: Tier, high: Tier) =>
    tierOrder.filter((t) => tierRank(tierOrder, t) >= tierRank(tierOrder, low) && tierRank(tierOrder, t) <= tierRank(tierOrder, high)).join(' → ');

  for (const version of index.facts.versions) {
    if (version.released || !index.inFocus(version.projectKey)) continue;
    // Stryker disable next-line ArrayDeclaration: a non-slot entry has no environment, so no rank, and is skipped like an empty list
    const slots = index.slotsByVersion.get(versionKey(version.projectKey, version.id)) ?? [];
    for (const high of slots) {
      const highInterval = intervalOf(high);
      if (!stillAhead(index, highInterval)) continue;
      // An environment outside the inventory has no tier: nothing is lower than it, and it is lower than nothing.
      const highRank = rank(high.environmentId) ?? Number.NEGATIVE_INFINITY;
      // The lower-tier slots that start after this higher-tier one: the order is broken.
      const early = slots.filter((low) => (rank(low.environmentId) ?? Number.POSITIVE_INFINITY) < highRank && intervalOf(low).from > highInterval.from);
      if (early.length === 0) continue;
      const highEnv = index.environmentById.get(high.environmentId) as PlanEnvironment;
      const lowest = early.map((s) => index.environmentById.get(s.environmentId) as PlanEnvironment).sort((a, b) => tierRank(tierOrder, a.tier) - tierRank(tierOrder, b.tier))[0] as PlanEnvironment;
      const latestLowEnd = Math.max(...early.map((s) => intervalOf(s).to));
      const lowText = listOf(early.map((s) => `${index.environmentName(s.environmentId)} (${index.at(intervalOf(s).from)})`));
      result.push(
        conflict(
          'promotion-order',
          'warning',
          `${version.name} reaches ${highEnv.tier} before ${lowest.tier}`,
          `${version.name} is booked on ${highEnv.name} (${highEnv.tier}) from ${index.at(highInterval.from)}, before ${lowText}. The promotion order is ${order(lowest.tier, highEnv.tier)}.`,
          [index.slotItem(high), ...early.map((s) => index.slotItem(s))],
          { from: highInterval.from, to: latestLowEnd },
          compact([moveFix(index, high, latestLowEnd, `after ${early.length === 1 ? 'the lower tier finishes' : 'the lower tiers finish'}`)]),
        ),
      );
    }
    // Deployments that went up before going through a lower tier.
    const deployments = index.facts.deployments
      .filter((d) => d.status === 'successful' && d.projectKey === version.projectKey && d.versionId === version.id)
      .sort((a, b) => a.at.localeCompare(b.at));
    for (const [i, first] of deployments.entries()) {
      // A deployment to an environment outside the inventory has no tier: neither lower nor higher than another.
      const later = deployments.slice(i + 1).find((d) => (rank(d.environmentId) ?? Number.POSITIVE_INFINITY) < (rank(first.environmentId) ?? Number.NEGATIVE_INFINITY));
      if (!later) continue;
      const lowEarlier = deployments.slice(0, i).some((d) => rank(d.environmentId) === rank(later.environmentId));
      if (lowEarlier) continue;
      const highEnv = index.environmentById.get(first.environmentId as string) as PlanEnvironment;
      const lowEnv = index.environmentById.get(later.environmentId as string) as PlanEnvironment;
      result.push(
        conflict(
          'promotion-order',
          'warning',
          `${version.name} was deployed to ${highEnv.tier} before ${lowEnv.tier}`,
          `${version.name} went to ${highEnv.name} at ${index.at(Date.parse(first.at))} and only then to ${lowEnv.name} (${index.at(Date.parse(later.at))}). The promotion order is ${order(lowEnv.tier, highEnv.tier)}.`,
          [
            { kind: 'deployment', id: first.id, label: `${version.name} to ${highEnv.name}`, projectKey: first.projectKey },
            { kind: 'deployment', id: later.id, label: `${version.name} to ${lowEnv.name}`, projectKey: later.projectKey },
          ],
          { from: Date.parse(first.at), to: Date.parse(later.at) + 1 },
          [{ text: `Check that ${version.name} passed ${lowEnv.tier} before it reached ${highEnv.tier}, and note the exception on the release.` }],
        ),
      );
      break;
    }
  }
  return result;
}

/** A booking outside its version's dates (the dates moved in Jira after it was booked). */
export function slotsOutsideVersions(index: PlanIndex): PlanConflict[] {
  const result: PlanConflict[] = [];
  for (const slot of index.facts.slots) {
    if (!index.inFocus(slot.projectKey)) continue;
    const version = index.version(slot.projectKey, slot.versionId);
    const interval = intervalOf(slot);
    if (!version || version.released || !stillAhead(index, interval)) continue;
    const bounds = index.versionBounds(slot.projectKey, slot.versionId);
    const early = interval.from < (bounds.min ?? Number.NEGATIVE_INFINITY);
    // A required slot running past the release date is its own, stronger rule.
    const late = interval.to > (bounds.max ?? Number.POSITIVE_INFINITY) && !slot.required;
    if (!early && !late) continue;
    const where = early
      ? `starts ${index.at(interval.from)}, before ${version.name} starts (${formatDay(bounds.min as number, index.facts.timeZone)})`
      : `ends ${index.at(interval.to)}, after ${version.name}’s release date (${formatDay((bounds.max as number) - 1, index.facts.timeZone)})`;
    result.push(
      conflict(
        'slot-outside-version',
        'warning',
        `${version.name} on ${index.environmentName(slot.environmentId)} is outside the version’s dates`,
        `The ${index.environmentName(slot.environmentId)} slot ${where}. The version’s dates may have moved in Jira since it was booked.`,
        [index.slotItem(slot), index.versionItem(version)],
        interval,
        compact([moveFix(index, slot, early ? (bounds.min as number) : (bounds.max as number) - duration(interval), 'inside the version’s dates')]),
      ),
    );
  }
  return result;
}
