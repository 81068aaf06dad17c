import type { BlockingIssue, PlanEvidence, PlanSlotEvidence, ReadinessEvidence } from '../../contract-go-no-go';
import { addDays, calendarDateIn, daysBetween, parseCalendarDate } from '../../domain/calendar/calendar-date';
import { dayInZone } from '../../domain/calendar/zone';
import { type LinkFacts, openBlockerKeys } from '../../domain/releases/blockers';
import { AppError } from '../../errors';
import type { JiraClient } from '../../integrations/jira/jira-client';
import type { JiraIssue, JiraVersion } from '../../integrations/jira/types';
import type { AppDeps } from '../deps';
import type { InvocationContext } from '../invocation-context';
import { readinessRollupEvidence } from '../readiness/integrations';
import { MAX_RANGE_DAYS, buildCalendarView } from '../release-plan/calendar-view';
import { readInventory } from '../release-plan/documents';
import type { ProjectAccess } from '../release-managers';
import { toLinkFacts } from '../link-facts';

/**
 * Where the board's evidence comes from. Readiness: the per-release readiness roll-up when one is
 * connected, otherwise counted from Jira here (cheaply). The release plan (environment slots and
 * calendar conflicts): the release-plan module when connected, otherwise "not available" — never
 * invented. `goNoGoEvidence(deps)` is the one place that connects them.
 */

export interface EvidenceRequest {
  /** Jira as the viewer, so nothing they may not see counts. */
  jira: JiraClient;
  projectId: string;
  projectKey: string;
  versionId: string;
  now: Date;
}

/** The release plan reads as the viewer through the calendar's own use case, so it needs more. */
export interface PlanRequest extends EvidenceRequest {
  context: InvocationContext;
  access: ProjectAccess;
  version: JiraVersion;
}

export interface ReleaseEvidenceSource {
  readiness(request: EvidenceRequest): Promise<ReadinessEvidence>;
}

export interface EnvironmentPlanSource {
  forVersion(request: PlanRequest): Promise<PlanEvidence>;
}

export interface GoNoGoEvidence {
  readiness: ReleaseEvidenceSource;
  plan: EnvironmentPlanSource;
}

/** How many open issues one view inspects for blocker bugs and blocking links (one search page). */
export const INSPECTED_OPEN_ISSUES = 100;
/** How many blocking issues the board lists (all are counted). */
export const LISTED_BLOCKING_ISSUES = 25;
const BLOCKER_PRIORITIES = new Set(['highest', 'high']);
const OPEN_ISSUE_FIELDS = ['summary', 'status', 'issuetype', 'priority', 'issuelinks'];

function priorityName(issue: JiraIssue): string | undefined {
  const priority = issue.fields.priority as { name?: unknown } | null | undefined;
  return typeof priority?.name === 'string' ? priority.name : undefined;
}

function isBlockerBug(issue: JiraIssue): boolean {
  const priority = priorityName(issue);
  return (issue.fields.issuetype?.name ?? '').toLowerCase() === 'bug' && priority !== undefined && BLOCKER_PRIORITIES.has(priority.toLowerCase());
}

/**
 * Readiness counted from Jira: done issues count as ready. Two counts (no per-issue points) and
 * one search page of the open issues, Highest priority first, with five fields: a release with
 * thousands of issues costs about 100 points, not thousands.
 */
export const jiraReleaseEvidence: ReleaseEvidenceSource = {
  async readiness({ jira, versionId, now }) {
    const base = `fixVersion = ${versionId}`;
    const [total, notReady, page] = await Promise.all([
      jira.approximateCount(base),
      jira.approximateCount(`${base} AND statusCategory != Done`),
      jira.searchPage(`${base} AND statusCategory != Done ORDER BY priority DESC, key ASC`, OPEN_ISSUE_FIELDS, { maxResults: INSPECTED_OPEN_ISSUES }),
    ]);
    const inspected = page.issues;
    const partial = inspected.length < notReady;
    const blocking: BlockingIssue[] = [];
    let blockerBugs = 0;
    let blockedByOpen = 0;
    for (const issue of inspected) {
      const reasons: string[] = [];
      const priority = priorityName(issue);
      if (isBlockerBug(issue)) {
        blockerBugs++;
        reasons.push(`${priority} bug, not done`);
      }
      const blockers = openBlockerKeys((issue.fields.issuelinks ?? []).map(toLinkFacts).filter((l): l is LinkFacts => l !== undefined));
      if (blockers.length) {
        blockedByOpen++;
        reasons.push(`blocked by ${blockers.join(', ')}`);
      }
      if (reasons.length) {
        blocking.push({
          key: issue.key,
          summary: issue.fields.summary ?? '',
          statusName: issue.fields.status?.name ?? 'Unknown',
          issueType: issue.fields.issuetype?.name ?? 'Issue',
          ...(priority ? { priority } : {}),
          reasons,
        });
      }
    }
    // Past the inspected page, ask Jira for the blocker bug count; a site without a "Bug" type
    // answers 400 to the JQL, and then the count is simply not known.
    let openBlockerBugs: number | null = blockerBugs;
    if (partial) {
      openBlockerBugs = await jira
        .approximateCount(`${base} AND statusCategory != Done AND issuetype = Bug AND priority in (Highest, High)`)
        .catch(() => null);
    }
    return {
      source: 'jira',
      sourceLabel: 'Jira (done issues count as ready)',
      computedAt: now.toISOString(),
      total,
      ready: total - notReady,
      notReady,
      failuresByCriterion: [
        { id: 'not-done', label: 'Not done', count: notReady },
        { id: 'blocker-bug', label: 'Open Highest/High bug', count: openBlockerBugs ?? blockerBugs },
        { id: 'blocked', label: 'Blocked by an open issue', count: blockedByOpen },
      ],
      openBlockerBugs,
      blockedByOpen,
      blockingIssues: blocking.slice(0, LISTED_BLOCKING_ISSUES),
      blockingCount: Math.max(blocking.length, openBlockerBugs ?? 0),
      partial,
    };
  },
};

/**
 * The release plan of src/app/release-plan/: required environment slots of the version and the
 * calendar's conflicts that involve it. A site without environments has no plan: "not available".
 * A required slot counts as done once a successful deployment of the version to its environment is
 * recorded, or once the slot has ended.
 */
export function releasePlanEvidence(deps: AppDeps): EnvironmentPlanSource {
  return {
    async forVersion(request: PlanRequest) {
      const inventory = await readInventory(deps.store);
      if (inventory.environments.length === 0) return { available: false, reason: 'no environment plan.' };
      const today = calendarDateIn(request.now, deps.timeZone);
      const start = (request.version.startDate && parseCalendarDate(request.version.startDate)) || addDays(today, -30);
      const end = (request.version.releaseDate && parseCalendarDate(request.version.releaseDate)) || addDays(today, 60);
      let from = daysBetween(start, today) > 0 ? start : addDays(today, -30);
      const to = daysBetween(end, today) < 0 ? addDays(end, 14) : addDays(today, 14);
      if (daysBetween(from, to) > MAX_RANGE_DAYS - 1) from = addDays(to, -(MAX_RANGE_DAYS - 1));
      let view: Awaited<ReturnType<typeof buildCalendarView>>;
      try {
        view = await buildCalendarView(deps, request.context, { from, to }, { access: request.access });
      } catch (error) {
        if (error instanceof AppError && (error.code === 'RATE_LIMITED' || error.code === 'QUOTA_EXHAUSTED')) throw error;
        return { available: false, reason: `the release plan could not be read (${error instanceof Error ? error.message : String(error)}).` };
      }
      const environments = new Map(view.environments.map((e) => [e.id, e.name]));
      const now = request.now.getTime();
      const mine = view.slots.filter(
        (slot): slot is Extract<typeof slot, { versionId: string }> => !slot.hidden && 'versionId' in slot && slot.versionId === request.versionId && slot.projectKey === request.projectKey,
      );
      const requiredSlots: PlanSlotEvidence[] = mine
        .filter((slot) => slot.required)
        .map((slot) => {
          const deployed = view.deployments.find(
            (d) => d.versionId === request.versionId && d.environmentId === slot.environmentId && d.status === 'successful' && Date.parse(d.at) >= Date.parse(slot.from),
          );
          const ended = Date.parse(slot.to) <= now;
          // Days in the project's zone, as the board's today is.
          const day = (iso: string) => dayInZone(Date.parse(iso), deps.timeZone);
          const detail = deployed ? `deployed successfully ${day(deployed.at)}` : ended ? `ended ${day(slot.to)}` : `booked until ${day(slot.to)}`;
          return { id: slot.id, environmentName: environments.get(slot.environmentId) ?? slot.environmentId, from: slot.from, to: slot.to, done: deployed !== undefined || ended, detail };
        });
      const slotIds = new Set(mine.map((s) => s.id));
      const conflicts = view.conflicts
        .filter((c) => c.items.some((i) => (i.kind === 'version' && i.id === request.versionId) || (i.kind === 'slot' && slotIds.has(i.id))))
        .map((c) => ({ id: c.id, severity: c.severity, title: c.title, explanation: c.explanation }));
      return { available: true, requiredSlots, conflicts };
    },
  };
}

/**
 * The evidence sources of this installation: the one place where other modules plug in.
 * Readiness: the readiness roll-up (src/app/readiness/integrations.ts) once built for a release,
 * the Jira count above until then.
 */
export function goNoGoEvidence(deps: AppDeps): GoNoGoEvidence {
  return { readiness: readinessRollupEvidence(deps, jiraReleaseEvidence), plan: releasePlanEvidence(deps) };
}
