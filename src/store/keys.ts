/**
 * Every storage key the app writes, in one place, so the layout is visible and keys are built
 * from validated parts only. Parts are restricted to Forge's key alphabet.
 */
const SAFE_PART = /^[a-zA-Z0-9._-]+$/;

function part(value: string | number): string {
  const text = String(value);
  if (!SAFE_PART.test(text)) throw new Error(`Storage key part "${text.slice(0, 40)}" has characters Forge keys do not allow.`);
  return text;
}

export const keys = {
  /** When a product's hourly quota was found empty: no calls until then. */
  quotaBlock: (product: 'jira' | 'confluence') => `quota:${part(product)}`,
  /** Before secret storage: the web trigger's HMAC secret in app storage, read once to move it (src/app/deployment-secret.ts). */
  deploymentSecret: () => 'settings:deployments:secret',
  /** Which signing secrets the web trigger accepts: the current one and those replaced within their grace (versioned). */
  deploymentSigningSecrets: () => 'settings:deployments:signing',
  /** One signing secret's value, in secret storage (`store.getSecret`), never in app data. */
  deploymentSigningSecret: (secretId: string) => `deployments-secret:${part(secretId)}`,
  /** One deployment event, keyed by its id so a replay is a no-op. */
  deployment: (deploymentId: string) => `deployment:${part(deploymentId)}`,
  deploymentPrefix: () => 'deployment:',
  /** One audit entry about a recorded deployment (updated, corrected, deleted); create-once, sortable by time. */
  deploymentAudit: (stamp: string, entryId: string) => `audit:deployments:${part(stamp)}:${part(entryId)}`,
  deploymentAuditPrefix: () => 'audit:deployments:',
  /** Whether a project has an issue security scheme, as Jira last said (the overview's counts depend on it). */
  issueSecurityCache: (projectId: string) => `cache:issue-security:${part(projectId)}`,
  /** A caller's Browse/Administer permissions in a project and their name, as Jira last said (viewer: a hash of the account id; trusted for minutes, src/app/session-facts.ts). */
  accessCache: (projectId: string, viewer: string) => `cache:access:${part(projectId)}:${part(viewer)}`,
  /** A project's versions as Jira last listed them (trusted for minutes, dropped on version events; src/app/session-facts.ts). */
  versionsCache: (projectId: string) => `cache:versions:${part(projectId)}`,
  /** The site's project keys as Jira last listed them, to refuse events for unknown projects. */
  projectKeysCache: () => 'cache:project-keys',
  /** Start and release date history of every version of a project (one shard per project). */
  versionHistory: (projectId: string) => `versionhist:${part(projectId)}`,
  /** A project's release time zone as chosen in Release settings, and the site's zone as Jira last reported it (versioned). */
  projectTimeZone: (projectId: string) => `settings:timezone:${part(projectId)}`,
  /** Where weekly reports go: { spaceKey, parentPageId? }. */
  reportSettings: () => 'settings:reports',
  /** The last publication attempt of a project's status page, shown in settings. */
  reportOutcome: (projectKey: string) => `report:status:${part(projectKey)}`,
  /** The last outcome of a scheduled job (ok, or why it failed and when it retries), for the settings page. */
  jobOutcome: (job: string) => `jobrun:outcome:${part(job)}`,
  /** Marker that a scheduled job ran for a period, so a duplicate run does nothing. */
  jobRun: (job: string, period: string) => `jobrun:${part(job)}:${part(period)}`,
  // Weekly status (src/app/weekly-reports.ts) and release notes (src/app/release-notes*.ts).
  /** A project's last two weekly status snapshots, for "what changed since last week" (versioned). */
  reportSnapshot: (projectKey: string) => `report:snapshot:${part(projectKey)}`,
  /** The current weekly run: which projects it covers and which are done (versioned). */
  reportRun: () => 'report:run',
  /** The last publication attempt of the portfolio status page. */
  portfolioOutcome: () => 'report:portfolio',
  /** A project's release-notes template and publishing settings, by project id (versioned). */
  notesSettings: (projectId: string) => `settings:notes:${part(projectId)}`,
  /** The Confluence page of a version's release notes and what the app last wrote (versioned). */
  notesPublication: (versionId: string) => `notes:page:${part(versionId)}`,
  // Release plan (src/app/release-plan/): versioned documents, sharded per site, project,
  // environment and quarter (`2026q4`) so none nears the 240 KiB value limit.
  /** The site's environment inventory and promotion order. */
  planInventory: () => 'plan:site:inventory',
  /** Site-wide and per-environment change freezes, and maintenance windows. */
  planSiteWindows: () => 'plan:site:windows',
  planSiteWindowsPart: (n: number) => `plan:site:windows:${part(n)}`,
  /** A project's freezes, version dependencies and plan settings. */
  planProject: (projectKey: string) => `plan:project:${part(projectKey)}`,
  /** A part of the project's freezes (the project document is split by bytes: src/store/sharded-list.ts). */
  planProjectPart: (projectKey: string, n: number) => `plan:project:${part(projectKey)}:${part(n)}`,
  /** Bookings of one environment (every project's) starting in one quarter: the head of a split document (src/store/sharded-list.ts). */
  planBookings: (environmentId: string, quarter: string) => `plan:env:${part(environmentId)}:${part(quarter)}`,
  planBookingsPart: (environmentId: string, quarter: string, n: number) => `plan:env:${part(environmentId)}:${part(quarter)}:${part(n)}`,
  /** What a project's people deleted from the plan in the last minutes, so a delete can be undone. */
  planTrash: (projectKey: string) => `plan:trash:${part(projectKey)}`,
  /** A project's deployments (from CI/CD and recorded by hand) in one quarter. */
  planDeployments: (projectKey: string, quarter: string) => `plan:deploys:${part(projectKey)}:${part(quarter)}`,
  /** The accounts holding a project's release-manager role (src/app/release-managers.ts). */
  releaseManagers: (projectKey: string) => `settings:release-managers:${part(projectKey)}`,
  /** SHA-256 of a project's calendar feed token. */
  calendarFeedToken: (projectKey: string) => `settings:calendar-feed:${part(projectKey)}`,
  // Go/No-Go board (src/app/go-no-go/), by project id and version id; versioned documents except
  // the audit entries, which are plain create-once keys sortable by time.
  /** A project's release-type policies: exit criteria, sign-off roles and approvers, quorum. */
  goNoGoSettings: (projectId: string) => `gng:settings:${part(projectId)}`,
  /** One release's board: release type, manual ticks, risks, current decision round. */
  goNoGoBoard: (projectId: string, versionId: string) => `gng:board:${part(projectId)}:${part(versionId)}`,
  /** A part of a board's risks (the board is split by bytes: src/store/sharded-list.ts). */
  goNoGoBoardPart: (projectId: string, versionId: string, n: number) => `gng:board:${part(projectId)}:${part(versionId)}:${part(n)}`,
  /** The votes of one decision round of a release, append-only. */
  goNoGoVotes: (projectId: string, versionId: string, round: number) => `gng:votes:${part(projectId)}:${part(versionId)}:${part(round)}`,
  goNoGoVotesPart: (projectId: string, versionId: string, round: number, n: number) => `gng:votes:${part(projectId)}:${part(versionId)}:${part(round)}:${part(n)}`,
  /** The decision of one round: created once (expected revision 0), with its frozen evidence. */
  goNoGoDecision: (projectId: string, versionId: string, round: number) => `gng:decision:${part(projectId)}:${part(versionId)}:${part(round)}`,
  /** A release's post-implementation review. */
  goNoGoReview: (projectId: string, versionId: string) => `gng:pir:${part(projectId)}:${part(versionId)}`,
  /** A project's decided releases with their types and review deadlines (for the review list). */
  goNoGoIndex: (projectId: string) => `gng:index:${part(projectId)}`,
  /** The evidence one viewer's board last read for a version (viewer: a hash of the account id), reused by a vote moments later. */
  goNoGoEvidence: (projectId: string, versionId: string, viewer: string) => `gng:evidence:${part(projectId)}:${part(versionId)}:${part(viewer)}`,
  /** One audit entry; `scope` is a version id or `settings`, `stamp` a compact UTC time. */
  goNoGoAudit: (projectId: string, scope: string, stamp: string, entryId: string) =>
    `gng:audit:${part(projectId)}:${part(scope)}:${part(stamp)}:${part(entryId)}`,
  goNoGoAuditPrefix: (projectId: string, scope: string) => `gng:audit:${part(projectId)}:${part(scope)}:`,
  // Go-live runbooks (src/app/runbook/), by project id: each plan and run is a head document with
  // parts split by bytes (src/store/sharded-list.ts); `scope` is a version id, or `tpl-<type>` for a template.
  /** A runbook's plan (or a release type's template): head; parts are `<head>:<n>`. */
  runbookPlan: (projectId: string, scope: string) => `rb:plan:${part(projectId)}:${part(scope)}`,
  runbookPlanPart: (projectId: string, scope: string, n: number) => `rb:plan:${part(projectId)}:${part(scope)}:${part(n)}`,
  /** A release's live run: the run's header and step states with notes. */
  runbookRun: (projectId: string, versionId: string) => `rb:run:${part(projectId)}:${part(versionId)}`,
  runbookRunPart: (projectId: string, versionId: string, n: number) => `rb:run:${part(projectId)}:${part(versionId)}:${part(n)}`,
  /** How many rehearsals a release's runbook has had (`{ count }`); starting one writes it with the rehearsal's head. */
  runbookRehearsals: (projectId: string, versionId: string) => `rb:rehs:${part(projectId)}:${part(versionId)}`,
  /** One rehearsal (1, 2, …): its header and step states with notes, like the live run. */
  runbookRehearsal: (projectId: string, versionId: string, number: number) => `rb:reh:${part(projectId)}:${part(versionId)}:${part(number)}`,
  runbookRehearsalPart: (projectId: string, versionId: string, number: number, n: number) => `rb:reh:${part(projectId)}:${part(versionId)}:${part(number)}:${part(n)}`,
  /** One audit entry of a runbook (or `tpl-<type>`); create-once, sortable by time. */
  runbookAudit: (projectId: string, scope: string, stamp: string, entryId: string) => `rb:audit:${part(projectId)}:${part(scope)}:${part(stamp)}:${part(entryId)}`,
  runbookAuditPrefix: (projectId: string, scope: string) => `rb:audit:${part(projectId)}:${part(scope)}:`,
  /** A finished run's frozen record (written once, never changed): head and parts like the run. */
  runbookRecord: (projectId: string, versionId: string) => `rb:record:${part(projectId)}:${part(versionId)}`,
  runbookRecordPart: (projectId: string, versionId: string, n: number) => `rb:record:${part(projectId)}:${part(versionId)}:${part(n)}`,
  /** Site-wide: runs whose follow-up work (filing a deployment, freezing the finished run) is not done yet. */
  runbookFollowUps: () => 'rb:due',
  /** The run book page published to Confluence from the record: page id, version, outcome. */
  runbookPublication: (projectId: string, versionId: string) => `rb:pub:${part(projectId)}:${part(versionId)}`,
  // Release readiness (src/app/readiness-*.ts, docs/readiness.md): versioned documents.
  /** A project's readiness policy (absent: the default policy). */
  readinessPolicy: (projectId: string) => `readiness:policy:${part(projectId)}`,
  /** The sign-off log of one issue (sign-offs are per issue; the roll-up is not). */
  readinessSignOffs: (issueId: string) => `readiness:signoffs:${part(issueId)}`,
  /** Older records of an issue's sign-off log, moved out when the log outgrew one document (created once). */
  readinessSignOffPage: (issueId: string, page: number) => `readiness:signoffs:${part(issueId)}:${part(page)}`,
  /** One bucket of a project's index: issue id → the releases whose roll-up holds it. */
  readinessMembers: (projectId: string, bucket: number) => `readiness:members:${part(projectId)}:${part(bucket)}`,
  /**
   * One node of a release's roll-up: bucket `bucket` (by issue id), split by bytes into a binary
   * tree whose nodes are named by their `path` of hash bits ('' is the bucket's root). A leaf holds
   * compact facts of the release's issues; a split node only says its children hold them.
   */
  readinessRelease: (versionId: string, bucket: number, path = '') =>
    `readiness:release:${part(versionId)}:${part(bucket)}${path ? `.${part(path)}` : ''}`,
  /** When a rebuild of a release's roll-up was last asked for by someone looking at it. */
  /** When the last reconciliation of a release finished (marks of leaves it found unchanged and did not rewrite). */
  readinessRepaired: (versionId: string) => `readiness:repaired:${part(versionId)}`,
  /** A release's readiness summary (src/domain/readiness/summary.ts): what views read instead of its buckets. */
  readinessSummary: (versionId: string) => `readiness:summary:${part(versionId)}`,
  readinessBuildAsked: (versionId: string) => `readiness:asked:${part(versionId)}`,
  /** A project's readiness trend: a point a day per unreleased release (src/domain/readiness/trend.ts). */
  readinessTrend: (projectId: string) => `readiness:trend:${part(projectId)}`,
  /** Keys of a project's issues that release roll-up entries read (as blocker, open sub-task, open linked issue), by the issues' project key. */
  readinessReferences: (projectKey: string) => `readiness:refs:${part(projectKey)}`,
  // The shared incremental issue search (src/app/issue-sync/): versioned documents.
  /** Projects whose issues changed since the last search (product events mark, the search clears). */
  issueSyncDirty: () => 'issuesync:dirty',
  /** A project's search watermark and the issues it read at the edge of its window. */
  issueSyncState: (projectId: string) => `issuesync:state:${part(projectId)}`,
  // Delivery KPIs (src/app/kpi-*.ts, docs/kpi-definitions.md).
  /** The site's KPI definitions (settings with defaults, src/domain/kpis/settings.ts). */
  kpiSettings: () => 'settings:kpi',
  /** Before secret storage: when the secret was rotated and the previous one; read once to move it. */
  deploymentSecretMeta: () => 'settings:deployments:secret-meta',
  /** Deployment events of a project by month of deployment (versioned; `part` > 0 when a month overflows). */
  kpiDeployments: (projectKey: string, month: string, part_: number) => `kpideps:${part(projectKey)}:${part(month)}:${part(part_)}`,
  /** A project's issue-fact sync: backfill chunks, watermark, months holding facts (versioned). */
  kpiSyncState: (projectId: string) => `kpisync:${part(projectId)}`,
  /** Jira points the site's KPI backfills spent in the current UTC hour (versioned; src/app/kpi-backfill-pacing.ts). */
  kpiBackfillPoints: () => 'kpipace:points',
  /** The installation's stable offset (seconds) for starting its daily KPI syncs (src/app/kpi-backfill-pacing.ts). */
  kpiSyncJitter: () => 'kpipace:jitter',
  /** Issue facts of a project created in one month, split into `parts` by a hash of the issue id (versioned). */
  kpiFacts: (projectId: string, month: string, part_: number, generation = 0) =>
    // Generation 0 keeps the layout facts had before full re-syncs were built beside the old facts.
    generation === 0 ? `kpifacts:${part(projectId)}:${part(month)}:${part(part_)}` : `kpifacts:${part(projectId)}:g${part(generation)}:${part(month)}:${part(part_)}`,
  /** A project's weekly KPI snapshots (versioned). */
  kpiSnapshots: (projectId: string) => `kpisnap:${part(projectId)}`,
  /** The last publication attempt of a project's KPI page (and `_portfolio` for the portfolio page). */
  kpiReportOutcome: (projectKey: string) => `report:kpis:${part(projectKey)}`,
  /** Bumped by every writer of a project's KPI inputs: the stored KPI view names the mark it was computed at. */
  kpiInputsMark: (projectId: string) => `kpimark:${part(projectId)}`,
  /** The project id of a project key, written before a KPI view is stored: deployment writers know only keys. */
  kpiProjectOfKey: (projectKey: string) => `kpiview:key:${part(projectKey)}`,
  /** A project's computed KPI view (figures, trends, notes) and one figure's drill-down in parts (src/app/kpi-view-store.ts). */
  kpiView: (projectId: string) => `kpiview:${part(projectId)}`,
  kpiViewDrilldown: (projectId: string, figureId: string, part_: number) => `kpiview:${part(projectId)}:dd:${part(figureId)}:${part(part_)}`,
} as const;
