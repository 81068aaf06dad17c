/**
 * Deterministic demo data: the same anchor day and seed give the same dataset, and every date is
 * relative to the anchor so there is always a release in flight. Changelogs are produced by
 * replaying each issue's story (status moves, fix version moves, estimates, flags, links), so
 * they always end at the issue's current values.
 */
import {
  CUSTOM_FIELDS,
  DATASET_SCHEMA_VERSION,
  ISSUE_TYPE,
  LINK_TYPE,
  PRIORITY,
  RESOLUTION,
  STATUS,
  STATUSES,
  datasetCatalog,
  type DatasetChangeItem,
  type DatasetIssue,
  type DatasetIssueLink,
  type DatasetProject,
  type DatasetUser,
  type DatasetVersion,
  type JiraDataset,
  type PermissionKey,
  PROJECT_PERMISSION_KEYS,
} from './dataset';
import { Prng } from './prng';
import { DAY, HOUR, MINUTE, formatDay, formatJiraTime, startOfUtcDay } from './time';

// ---------------------------------------------------------------------------------------------
// People

export const DEMO_ACCOUNT = {
  admin: '5b10a2844c20165700ede21g',
  releaseManager: '5b10ac8d82e05b22cc7d4ef5',
  developer: '5b109f2e9729b51b54dc274d',
  qa: '5b10a0effa615349cb016cd8',
  viewer: '5c1a2b3c4d5e6f7a8b9c0d1e',
  outsider: '5d2e3f4a5b6c7d8e9f0a1b2c',
  app: '557058:0d6f1c2e-7a3b-4c5d-9e8f-1a2b3c4d5e6f',
} as const;

const ALL_PROJECT_PERMISSIONS: PermissionKey[] = [...PROJECT_PERMISSION_KEYS];
const DEVELOPER: PermissionKey[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'ASSIGN_ISSUES',
  'RESOLVE_ISSUES',
  'TRANSITION_ISSUES',
  'SCHEDULE_ISSUES',
  'LINK_ISSUES',
  'ADD_COMMENTS',
  'WORK_ON_ISSUES',
];
const QA: PermissionKey[] = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'RESOLVE_ISSUES', 'CLOSE_ISSUES', 'TRANSITION_ISSUES', 'LINK_ISSUES', 'ADD_COMMENTS'];

/** Every licensed person is in the site's default group, as on a Jira Cloud site. */
const USERS_GROUP = 'jira-software-users';

export function demoUsers(): DatasetUser[] {
  const person = (
    accountId: string,
    displayName: string,
    email: string,
    timeZone: string,
    role: string,
    globalPermissions: PermissionKey[],
    projectPermissions: Record<string, PermissionKey[]>,
    groups: string[],
  ): DatasetUser => ({
    accountId,
    displayName,
    emailAddress: email,
    accountType: 'atlassian',
    active: true,
    timeZone,
    role,
    globalPermissions,
    projectPermissions,
    groups: [USERS_GROUP, ...groups],
  });
  return [
    person(DEMO_ACCOUNT.admin, 'Alana Grant', 'alana.grant@example.com', 'Europe/London', 'Jira admin, administers both projects', ['ADMINISTER', 'USER_PICKER'], { '*': ALL_PROJECT_PERMISSIONS }, ['jira-administrators', 'release-managers', 'security']),
    person(DEMO_ACCOUNT.releaseManager, 'Ravi Menon', 'ravi.menon@example.com', 'Europe/Berlin', 'Release manager: administers SHOP (can release its versions), browses PAY', ['USER_PICKER'], {
      SHOP: ALL_PROJECT_PERMISSIONS,
      PAY: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
    }, ['release-managers', 'tech-writers']),
    person(DEMO_ACCOUNT.developer, 'Dana Kowalski', 'dana.kowalski@example.com', 'Europe/Warsaw', 'Developer in both projects', ['USER_PICKER'], { SHOP: DEVELOPER, PAY: DEVELOPER }, ['developers']),
    person(DEMO_ACCOUNT.qa, 'Priya Shah', 'priya.shah@example.com', 'Asia/Kolkata', 'QA engineer in both projects', ['USER_PICKER'], { SHOP: QA, PAY: QA }, ['qa-team']),
    person(DEMO_ACCOUNT.viewer, 'Sam Okafor', 'sam.okafor@example.com', 'America/New_York', 'Stakeholder: browses SHOP only', [], { SHOP: ['BROWSE_PROJECTS'] }, ['stakeholders']),
    person(DEMO_ACCOUNT.outsider, 'Nina Berg', 'nina.berg@example.com', 'Europe/Oslo', 'Licensed user without access to either project', [], {}, []),
    {
      accountId: DEMO_ACCOUNT.app,
      displayName: 'Release Readiness',
      emailAddress: '',
      accountType: 'app',
      active: true,
      timeZone: 'UTC',
      role: 'The app itself (Authorization: Bearer app)',
      globalPermissions: [],
      projectPermissions: { '*': ALL_PROJECT_PERMISSIONS },
      groups: [],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Drafts and the changelog they accumulate

type VersionState = 'released' | 'overdue' | 'current' | 'future' | 'nodate' | 'backlog';

interface Draft {
  seq: number;
  project: DatasetProject;
  typeId: string;
  summary: string;
  statusId: string;
  resolutionId: string | null;
  priorityId: string;
  labels: string[];
  componentIds: string[];
  fixVersionIds: string[];
  affectsVersionIds: string[];
  parent: Draft | null;
  storyPoints: number | null;
  flagged: boolean;
  assignee: string | null;
  reporter: string;
  created: number;
  resolutiondate: number | null;
  histories: Array<{ at: number; author: string; items: DatasetChangeItem[] }>;
  id?: string;
  key?: string;
}

const CATEGORY_OF = new Map(STATUSES.map((s) => [s.id, s.categoryKey]));
const STATUS_NAME = new Map(STATUSES.map((s) => [s.id, s.name]));
const RESOLUTION_NAME: Record<string, string> = { [RESOLUTION.done]: 'Done', [RESOLUTION.wontDo]: "Won't Do", [RESOLUTION.duplicate]: 'Duplicate', [RESOLUTION.cannotReproduce]: 'Cannot Reproduce' };

function item(field: string, fieldId: string, from: string | null, fromString: string | null, to: string | null, toString: string | null, fieldtype: 'jira' | 'custom' = 'jira'): DatasetChangeItem {
  return { field, fieldtype, fieldId, from, fromString, to, toString };
}

class Story {
  constructor(private readonly versionName: (id: string) => string) {}

  record(d: Draft, at: number, author: string, items: DatasetChangeItem[]): void {
    if (items.length) d.histories.push({ at, author, items });
  }

  transition(d: Draft, at: number, author: string, to: string, resolutionId: string = RESOLUTION.done): void {
    if (d.statusId === to) return;
    const items = [item('status', 'status', d.statusId, STATUS_NAME.get(d.statusId) ?? null, to, STATUS_NAME.get(to) ?? null)];
    const done = CATEGORY_OF.get(to) === 'done';
    if (done && d.resolutionId === null) {
      items.push(item('resolution', 'resolution', null, null, resolutionId, RESOLUTION_NAME[resolutionId] ?? null));
      d.resolutionId = resolutionId;
      d.resolutiondate = at;
    } else if (!done && d.resolutionId !== null) {
      items.push(item('resolution', 'resolution', d.resolutionId, RESOLUTION_NAME[d.resolutionId] ?? null, null, null));
      d.resolutionId = null;
      d.resolutiondate = null;
    }
    d.statusId = to;
    this.record(d, at, author, items);
  }

  setFixVersions(d: Draft, at: number, author: string, next: string[]): void {
    const items: DatasetChangeItem[] = [];
    for (const id of d.fixVersionIds) if (!next.includes(id)) items.push(item('Fix Version', 'fixVersions', id, this.versionName(id), null, null));
    for (const id of next) if (!d.fixVersionIds.includes(id)) items.push(item('Fix Version', 'fixVersions', null, null, id, this.versionName(id)));
    d.fixVersionIds = [...next];
    this.record(d, at, author, items);
  }

  setStoryPoints(d: Draft, at: number, author: string, points: number): void {
    const from = d.storyPoints === null ? null : String(d.storyPoints);
    d.storyPoints = points;
    this.record(d, at, author, [item('Story point estimate', CUSTOM_FIELDS.storyPoints, from, from, String(points), String(points), 'custom')]);
  }

  setFlag(d: Draft, at: number, author: string, flagged: boolean): void {
    if (d.flagged === flagged) return;
    d.flagged = flagged;
    this.record(d, at, author, [
      flagged
        ? item('Flagged', CUSTOM_FIELDS.flagged, null, null, '[10019]', 'Impediment', 'custom')
        : item('Flagged', CUSTOM_FIELDS.flagged, '[10019]', 'Impediment', null, null, 'custom'),
    ]);
  }
}

/** `count` sorted instants spread over [start, end]. */
function instants(rng: Prng, count: number, start: number, end: number): number[] {
  const span = Math.max(end - start, count * MINUTE);
  const points: number[] = [];
  for (let i = 0; i < count; i++) points.push(Math.round(start + span * ((i + rng.between(0.15, 0.85)) / count)));
  return points;
}

/** Replays a workflow from To Do to `finalStatus` between `start` and `end`. */
function playWorkflow(story: Story, rng: Prng, d: Draft, finalStatus: string, start: number, end: number, worker: string, resolutionId: string = RESOLUTION.done): void {
  const steps: string[] = [];
  if (finalStatus === STATUS.todo) {
    if (rng.chance(0.08)) steps.push(STATUS.inProgress, STATUS.todo);
  } else if (finalStatus === STATUS.inProgress) {
    steps.push(STATUS.inProgress);
  } else if (finalStatus === STATUS.inReview) {
    steps.push(STATUS.inProgress, STATUS.inReview);
  } else if (resolutionId !== RESOLUTION.done) {
    steps.push(STATUS.done);
  } else {
    steps.push(STATUS.inProgress);
    if (rng.chance(0.7)) steps.push(STATUS.inReview);
    steps.push(STATUS.done);
    if (rng.chance(0.1)) steps.push(STATUS.inProgress, STATUS.done);
  }
  const times = instants(rng, steps.length, start, end);
  steps.forEach((status, i) => story.transition(d, times[i] as number, worker, status, resolutionId));
}

// ---------------------------------------------------------------------------------------------
// Words

const SHOP_AREAS = ['checkout', 'cart', 'product page', 'search results', 'order history', 'wishlist', 'sign-in', 'address book', 'promo codes', 'category filters', 'image gallery', 'reviews', 'delivery options', 'gift cards'];
const PAY_AREAS = ['card tokenisation', 'refunds', '3-D Secure', 'payout batches', 'ledger export', 'fraud rules', 'webhooks', 'currency conversion', 'settlement report', 'chargebacks', 'PSP failover', 'invoice PDFs'];
const STORY_VERBS = ['Show', 'Support', 'Redesign', 'Let shoppers save', 'Add sorting to', 'Speed up', 'Add analytics to', 'Localise', 'Simplify', 'Add accessibility labels to'];
const TASK_VERBS = ['Upgrade dependencies of', 'Add monitoring for', 'Write runbook for', 'Load-test', 'Clean up feature flags in', 'Add contract tests for', 'Migrate storage of', 'Document API of'];
const BUG_SYMPTOMS = ['total not updated after removing an item', 'spinner never stops on slow networks', 'wrong currency symbol for CHF', 'layout breaks on small screens', 'error 500 when the session expires', 'duplicate entries after retry', 'timezone shown as UTC', 'focus lost after validation error', 'times out under load', 'rounding error of one cent'];
const INCIDENT_SYMPTOMS = ['elevated 5xx rate', 'requests time out', 'latency above 3 s', 'queue backlog growing', 'payments declined for one PSP', 'stale prices served from cache'];
const SUBTASK_PARTS = ['Backend', 'Frontend', 'Tests', 'Docs', 'Review copy', 'QA pass'];
const LABELS = ['frontend', 'backend', 'api', 'tech-debt', 'customer', 'security', 'performance', 'mobile', 'ux'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------------------------
// The generator

interface VersionSpec {
  name: string;
  description?: string;
  start?: number;
  release?: number;
  released: boolean;
  archived?: boolean;
  state: VersionState;
  /** Issues planned into it (top-level, before sub-tasks). */
  issues: number;
  dependsOn?: string[];
}

interface ProjectSpec {
  key: string;
  name: string;
  description: string;
  lead: string;
  components: string[];
  areas: string[];
  versions: VersionSpec[];
  backlog: number;
  incidents: number;
  bugs: number;
}

const PROJECTS: ProjectSpec[] = [
  {
    key: 'SHOP',
    name: 'Web Shop',
    description: 'The customer-facing web shop: catalogue, search, cart and checkout.',
    lead: DEMO_ACCOUNT.releaseManager,
    components: ['Checkout', 'Catalog', 'Search', 'Accounts', 'Mobile web'],
    areas: SHOP_AREAS,
    versions: [
      { name: 'SHOP 2.0', description: 'Spring catalogue refresh.', start: -182, release: -150, released: true, archived: true, state: 'released', issues: 28 },
      { name: 'SHOP 2.1', description: 'Guest checkout and saved carts.', start: -150, release: -112, released: true, state: 'released', issues: 32 },
      { name: 'SHOP 2.2', description: 'Search relevance and filters.', start: -112, release: -70, released: true, state: 'released', issues: 32 },
      { name: 'SHOP 2.3', description: 'Wishlist and reviews.', start: -70, release: -35, released: true, state: 'released', issues: 36 },
      { name: 'SHOP 2.3.1', description: 'Hotfix bundle: checkout rounding and search time-outs. Slipped: waiting for QA sign-off.', start: -30, release: -4, released: false, state: 'overdue', issues: 10 },
      { name: 'SHOP 2.4', description: 'One-page checkout with stored cards. Needs PAY 3.1 (card tokenisation).', start: -28, release: 9, released: false, state: 'current', issues: 58, dependsOn: ['PAY 3.1'] },
      { name: 'SHOP 2.5', description: 'Gift cards and delivery slots. Needs PAY 3.2.', start: 10, release: 45, released: false, state: 'future', issues: 24, dependsOn: ['PAY 3.2'] },
      { name: 'SHOP 3.0', description: 'Next major: headless storefront. Not scheduled yet.', released: false, state: 'nodate', issues: 8 },
    ],
    backlog: 28,
    incidents: 12,
    bugs: 18,
  },
  {
    key: 'PAY',
    name: 'Payments',
    description: 'Payment service: PSP integration, ledger, fraud checks and payouts.',
    lead: DEMO_ACCOUNT.admin,
    components: ['Gateway', 'Ledger', 'Fraud', 'Payouts'],
    areas: PAY_AREAS,
    versions: [
      { name: 'PAY 3.0', description: 'New PSP contract and ledger v2.', start: -120, release: -60, released: true, state: 'released', issues: 34 },
      { name: 'PAY 3.1', description: 'Card tokenisation API (needed by SHOP 2.4).', start: -40, release: 6, released: false, state: 'current', issues: 38 },
      { name: 'PAY 3.2', description: 'Gift card ledger (needed by SHOP 2.5).', start: 7, release: 42, released: false, state: 'future', issues: 18 },
      { name: 'PAY 4.0', description: 'Multi-currency settlement. Not scheduled yet.', released: false, state: 'nodate', issues: 5 },
    ],
    backlog: 14,
    incidents: 6,
    bugs: 10,
  },
];

const WORKERS = [DEMO_ACCOUNT.developer, DEMO_ACCOUNT.qa, DEMO_ACCOUNT.releaseManager, DEMO_ACCOUNT.admin];
const REPORTERS = [DEMO_ACCOUNT.releaseManager, DEMO_ACCOUNT.qa, DEMO_ACCOUNT.admin, DEMO_ACCOUNT.developer];

/** The demo site: two projects, twelve versions, ~500 issues; see docs/fake-jira.md. */
export function generateDemoDataset(anchor: Date, seed = 1): JiraDataset {
  const rng = new Prng(seed);
  const today = startOfUtcDay(anchor.getTime());
  const limit = today - 20 * MINUTE;
  const day = (offset: number) => today + offset * DAY;
  const clamp = (t: number) => Math.min(t, limit);

  const users = demoUsers();
  const projects: DatasetProject[] = [];
  const versions: DatasetVersion[] = [];
  const versionByName = new Map<string, DatasetVersion>();
  const specByVersion = new Map<string, VersionSpec>();
  let componentId = 10000;
  let versionId = 10000;
  PROJECTS.forEach((spec, index) => {
    const project: DatasetProject = {
      id: String(10000 + index),
      key: spec.key,
      name: spec.name,
      description: spec.description,
      leadAccountId: spec.lead,
      components: spec.components.map((name) => ({ id: String(componentId++), name })),
    };
    projects.push(project);
    spec.versions.forEach((v, sequence) => {
      const version: DatasetVersion = {
        id: String(versionId++),
        projectId: project.id,
        name: v.name,
        ...(v.description ? { description: v.description } : {}),
        ...(v.start !== undefined ? { startDate: formatDay(day(v.start)) } : {}),
        ...(v.release !== undefined ? { releaseDate: formatDay(day(v.release)) } : {}),
        released: v.released,
        archived: v.archived ?? false,
        sequence: sequence + 1,
        dependsOnVersionIds: [],
      };
      versions.push(version);
      versionByName.set(v.name, version);
      specByVersion.set(version.id, v);
    });
  });
  for (const spec of PROJECTS)
    for (const v of spec.versions) {
      const version = versionByName.get(v.name) as DatasetVersion;
      version.dependsOnVersionIds = (v.dependsOn ?? []).map((name) => (versionByName.get(name) as DatasetVersion).id);
    }

  const story = new Story((id) => versions.find((v) => v.id === id)?.name ?? id);
  const drafts: Draft[] = [];
  let seq = 0;

  const newDraft = (project: DatasetProject, spec: ProjectSpec, typeId: string, created: number, overrides: Partial<Draft> = {}): Draft => {
    const area = rng.pick(spec.areas);
    const summary =
      typeId === ISSUE_TYPE.story
        ? `${rng.pick(STORY_VERBS)} ${area}`
        : typeId === ISSUE_TYPE.task
          ? `${rng.pick(TASK_VERBS)} ${area}`
          : typeId === ISSUE_TYPE.bug
            ? `${capitalise(area)}: ${rng.pick(BUG_SYMPTOMS)}`
            : `Production: ${area} ${rng.pick(INCIDENT_SYMPTOMS)}`;
    const d: Draft = {
      seq: seq++,
      project,
      typeId,
      summary,
      statusId: STATUS.todo,
      resolutionId: null,
      priorityId: rng.weighted([
        [PRIORITY.highest, 1],
        [PRIORITY.high, 3],
        [PRIORITY.medium, 8],
        [PRIORITY.low, 3],
        [PRIORITY.lowest, 1],
      ]),
      labels: rng.sample(LABELS, rng.weighted([[0, 3], [1, 5], [2, 2]] as const)).sort(),
      componentIds: rng.chance(0.75) ? [rng.pick(project.components).id] : [],
      fixVersionIds: [],
      affectsVersionIds: [],
      parent: null,
      storyPoints:
        typeId === ISSUE_TYPE.story ? rng.pick([1, 2, 3, 3, 5, 5, 8, 13]) : typeId === ISSUE_TYPE.task && rng.chance(0.6) ? rng.pick([1, 2, 3]) : null,
      flagged: false,
      assignee: rng.pick(WORKERS.slice(0, 2)),
      reporter: rng.pick(REPORTERS),
      created,
      resolutiondate: null,
      histories: [],
      ...overrides,
    };
    drafts.push(d);
    return d;
  };

  const finalStatusFor = (state: VersionState): string => {
    switch (state) {
      case 'released':
        return STATUS.done;
      case 'overdue':
        return rng.weighted([[STATUS.done, 6], [STATUS.inProgress, 2], [STATUS.inReview, 1], [STATUS.todo, 1]]);
      case 'current':
        return rng.weighted([[STATUS.done, 45], [STATUS.inReview, 10], [STATUS.inProgress, 20], [STATUS.todo, 25]]);
      case 'future':
        return rng.weighted([[STATUS.todo, 85], [STATUS.inProgress, 15]]);
      case 'nodate':
        return STATUS.todo;
      case 'backlog':
        return rng.weighted([[STATUS.todo, 80], [STATUS.inProgress, 8], [STATUS.done, 12]]);
    }
  };

  const addSubtasks = (parent: Draft, spec: ProjectSpec, workEnd: number) => {
    if (parent.typeId !== ISSUE_TYPE.story && parent.typeId !== ISSUE_TYPE.task) return;
    if (!rng.chance(0.35)) return;
    const parentDone = parent.resolutionId !== null;
    const end = parentDone ? (parent.resolutiondate as number) - HOUR : workEnd;
    const count = rng.int(1, 3);
    for (const part of rng.sample(SUBTASK_PARTS, count)) {
      const created = parent.created + Math.max(MINUTE, (end - parent.created) * rng.between(0.02, 0.25));
      const sub = newDraft(parent.project, spec, ISSUE_TYPE.subtask, created, {
        summary: `${part}: ${parent.summary.toLowerCase()}`,
        parent,
        fixVersionIds: [...parent.fixVersionIds],
        componentIds: [...parent.componentIds],
        priorityId: parent.priorityId,
        storyPoints: null,
        labels: [...parent.labels],
      });
      const final = parentDone
        ? STATUS.done
        : parent.statusId === STATUS.todo
          ? STATUS.todo
          : rng.weighted([[STATUS.done, 4], [STATUS.inProgress, 3], [STATUS.todo, 3]]);
      playWorkflow(story, rng, sub, final, created + HOUR, end, sub.assignee ?? DEMO_ACCOUNT.developer);
    }
  };

  for (const spec of PROJECTS) {
    const project = projects.find((p) => p.key === spec.key) as DatasetProject;
    const projectVersions = spec.versions.map((v) => versionByName.get(v.name) as DatasetVersion);
    const current = spec.versions.find((v) => v.state === 'current');
    const currentVersion = current ? (versionByName.get(current.name) as DatasetVersion) : undefined;
    const previousReleased = [...spec.versions].reverse().find((v) => v.state === 'released');

    // Planned work, version by version.
    for (const v of spec.versions) {
      const version = versionByName.get(v.name) as DatasetVersion;
      for (let i = 0; i < v.issues; i++) {
        const typeId = rng.weighted([[ISSUE_TYPE.story, 5], [ISSUE_TYPE.task, 3], [ISSUE_TYPE.bug, v.state === 'overdue' ? 8 : 2]]);
        let created: number;
        let end: number;
        if (v.state === 'released') {
          created = day((v.start as number) - 15) + rng.between(0, ((v.release as number) - (v.start as number) + 5) * DAY);
          end = day(v.release as number) - 6 * HOUR;
        } else if (v.state === 'overdue' || v.state === 'current') {
          created = day((v.start as number) - 12) + rng.between(0, ((v.start as number) * -1 + 9) * DAY);
          end = limit;
        } else if (v.state === 'future') {
          created = day(-45) + rng.between(0, 42 * DAY);
          end = limit;
        } else {
          created = day(-170) + rng.between(0, 165 * DAY);
          end = limit;
        }
        created = Math.min(created, end - DAY);
        const d = newDraft(project, spec, typeId, created);
        const reporterIsPlanner = DEMO_ACCOUNT.releaseManager;
        let workStart = created + rng.between(0.1, 2) * DAY;

        // How the issue came to be in this version.
        if (v.state === 'current' && previousReleased && created < day((previousReleased.release as number) - 2) && rng.chance(0.3)) {
          const previous = versionByName.get(previousReleased.name) as DatasetVersion;
          d.fixVersionIds = [previous.id];
          const moved = day(previousReleased.release as number) - rng.between(0.1, 1.5) * DAY;
          story.setFixVersions(d, moved, reporterIsPlanner, [version.id]);
          workStart = Math.max(workStart, moved + HOUR);
        } else if ((v.state === 'current' || v.state === 'overdue') && rng.chance(0.3)) {
          const added = clamp(Math.max(created + HOUR, day(v.start as number) + rng.between(0, 10) * DAY));
          story.setFixVersions(d, added, reporterIsPlanner, [version.id]);
          workStart = Math.max(workStart, added + HOUR);
        } else if (v.state === 'future' && currentVersion && rng.chance(0.25)) {
          d.fixVersionIds = [currentVersion.id];
          const moved = clamp(Math.max(created + HOUR, day(-rng.between(2, 12))));
          story.setFixVersions(d, moved, reporterIsPlanner, [version.id]);
          workStart = Math.max(workStart, moved + HOUR);
        } else {
          d.fixVersionIds = [version.id];
        }
        if (d.storyPoints !== null && rng.chance(0.15)) {
          const final = d.storyPoints;
          d.storyPoints = rng.pick([1, 2, 3, 5, 8].filter((p) => p !== final));
          story.setStoryPoints(d, Math.min(workStart - MINUTE, created + (workStart - created) / 2), d.reporter, final);
        }
        workStart = Math.min(workStart, end - HOUR);
        const final = finalStatusFor(v.state);
        if (final === STATUS.todo && (v.state === 'future' || v.state === 'nodate') && rng.chance(0.5)) d.assignee = null;
        playWorkflow(story, rng, d, final, workStart, end, d.assignee ?? DEMO_ACCOUNT.developer);
        if ((v.state === 'current' || v.state === 'overdue') && d.resolutionId === null && rng.chance(0.12)) {
          story.setFlag(d, clamp(Math.max(workStart, limit - rng.between(0.5, 6) * DAY)), d.assignee ?? DEMO_ACCOUNT.developer, true);
        }
        addSubtasks(d, spec, end);
      }
    }

    // Backlog without a version; some were taken out of the current release.
    for (let i = 0; i < spec.backlog; i++) {
      const typeId = rng.weighted([[ISSUE_TYPE.story, 4], [ISSUE_TYPE.task, 3], [ISSUE_TYPE.bug, 3]]);
      const created = day(-175) + rng.between(0, 170 * DAY);
      const d = newDraft(project, spec, typeId, created);
      let workStart = created + rng.between(0.5, 20) * DAY;
      if (currentVersion && current && created < day(-3) && rng.chance(0.2)) {
        d.fixVersionIds = [currentVersion.id];
        const removed = clamp(Math.max(created + HOUR, day((current.start as number) + rng.between(1, 20))));
        story.setFixVersions(d, removed, DEMO_ACCOUNT.releaseManager, []);
        workStart = Math.max(workStart, removed + HOUR);
      }
      const final = finalStatusFor('backlog');
      if (final === STATUS.todo && rng.chance(0.5)) d.assignee = null;
      playWorkflow(story, rng, d, final, Math.min(workStart, limit - DAY), limit, d.assignee ?? DEMO_ACCOUNT.developer, final === STATUS.done ? rng.pick([RESOLUTION.wontDo, RESOLUTION.duplicate, RESOLUTION.cannotReproduce]) : RESOLUTION.done);
    }

    // Bugs found in released versions, fixed later (or not yet).
    const released = spec.versions.filter((v) => v.state === 'released');
    for (let i = 0; i < spec.bugs; i++) {
      const affected = rng.pick(released);
      const affectedVersion = versionByName.get(affected.name) as DatasetVersion;
      const created = Math.min(day((affected.release as number) + rng.between(0.5, 30)), limit - 2 * DAY);
      const d = newDraft(project, spec, ISSUE_TYPE.bug, created, { affectsVersionIds: [affectedVersion.id], labels: ['customer'] });
      const later = projectVersions.filter((v) => {
        const s = specByVersion.get(v.id) as VersionSpec;
        return s.release === undefined ? s.state === 'nodate' : s.release > (affected.release as number) + 3 && (s.state !== 'released' || day(s.release) > created + 2 * DAY);
      });
      const target = rng.chance(0.85) ? rng.pick(later) : undefined;
      const targetSpec = target ? (specByVersion.get(target.id) as VersionSpec) : undefined;
      const state: VersionState = targetSpec ? targetSpec.state : 'backlog';
      if (target) {
        if (state === 'released' || rng.chance(0.5)) d.fixVersionIds = [target.id];
        else story.setFixVersions(d, created + rng.between(0.1, 1) * DAY, DEMO_ACCOUNT.releaseManager, [target.id]);
      }
      const end = state === 'released' ? day(targetSpec?.release as number) - 6 * HOUR : limit;
      const workStart = Math.min(Math.max(created + 1.2 * DAY, (d.histories.at(-1)?.at ?? created) + HOUR), end - HOUR);
      playWorkflow(story, rng, d, finalStatusFor(state), workStart, end, d.assignee ?? DEMO_ACCOUNT.developer);
    }

    // Incidents after releases: most fixed within hours, one still open.
    for (let i = 0; i < spec.incidents; i++) {
      const affected = rng.pick(released);
      const affectedVersion = versionByName.get(affected.name) as DatasetVersion;
      const open = i === 0;
      const created = open ? day(-2) + rng.between(9, 15) * HOUR : Math.min(day((affected.release as number) + rng.between(0.3, 25)), limit - 3 * DAY);
      const hotfix = spec.versions.find((v) => v.state === 'overdue');
      const d = newDraft(project, spec, ISSUE_TYPE.incident, created, {
        affectsVersionIds: [affectedVersion.id],
        priorityId: rng.pick([PRIORITY.highest, PRIORITY.high]),
        labels: ['production'],
        storyPoints: null,
        assignee: DEMO_ACCOUNT.developer,
        reporter: rng.pick([DEMO_ACCOUNT.qa, DEMO_ACCOUNT.admin]),
      });
      if (open) {
        const fix = hotfix ? (versionByName.get(hotfix.name) as DatasetVersion) : currentVersion;
        if (fix) d.fixVersionIds = [fix.id];
        playWorkflow(story, rng, d, STATUS.inProgress, created + 20 * MINUTE, limit, DEMO_ACCOUNT.developer);
        story.setFlag(d, Math.min(created + 2 * HOUR, limit), DEMO_ACCOUNT.qa, true);
      } else {
        const resolved = Math.min(created + rng.between(1, 36) * HOUR, limit);
        const next = projectVersions.find((v) => (specByVersion.get(v.id) as VersionSpec).release !== undefined && day((specByVersion.get(v.id) as VersionSpec).release as number) > resolved);
        if (next && rng.chance(0.6)) d.fixVersionIds = [next.id];
        const times = instants(rng, 2, created + 5 * MINUTE, resolved);
        story.transition(d, times[0] as number, DEMO_ACCOUNT.developer, STATUS.inProgress);
        story.transition(d, times[1] as number, DEMO_ACCOUNT.developer, STATUS.done);
      }
    }
  }

  // Ids and keys follow creation order, as in Jira.
  drafts.sort((a, b) => a.created - b.created || a.seq - b.seq);
  const counters = new Map<string, number>();
  drafts.forEach((d, index) => {
    d.id = String(10001 + index);
    const n = (counters.get(d.project.key) ?? 0) + 1;
    counters.set(d.project.key, n);
    d.key = `${d.project.key}-${n}`;
  });

  // Blocks links: inside the current release, across into a later release or no release,
  // across projects (SHOP waits for PAY), and old ones between finished work.
  const links: DatasetIssueLink[] = [];
  const linked = new Set<string>();
  const inVersion = (name: string | null, predicate: (d: Draft) => boolean = () => true) =>
    drafts.filter((d) => d.typeId !== ISSUE_TYPE.subtask && (name === null ? d.fixVersionIds.length === 0 : d.fixVersionIds.includes((versionByName.get(name) as DatasetVersion).id)) && predicate(d));
  const open = (d: Draft) => d.resolutionId === null;
  const done = (d: Draft) => d.resolutionId !== null;
  const addLinks = (blockers: Draft[], blocked: Draft[], count: number) => {
    for (let i = 0; i < count && blockers.length && blocked.length; i++) {
      const source = rng.pick(blockers);
      const destination = rng.pick(blocked);
      const pair = `${source.key}>${destination.key}`;
      if (source === destination || linked.has(pair) || linked.has(`${destination.key}>${source.key}`)) continue;
      linked.add(pair);
      const latestStart = Math.max(source.created, destination.created);
      const at = Math.min(latestStart + rng.between(0.05, 3) * DAY, limit);
      source.histories.push({ at, author: DEMO_ACCOUNT.developer, items: [item('Link', 'issuelinks', null, null, destination.key as string, `This issue blocks ${destination.key}`)] });
      destination.histories.push({ at, author: DEMO_ACCOUNT.developer, items: [item('Link', 'issuelinks', null, null, source.key as string, `This issue is blocked by ${source.key}`)] });
      links.push({ id: String(10000 + links.length), typeId: LINK_TYPE.blocks, sourceIssueId: source.id as string, destinationIssueId: destination.id as string });
    }
  };
  addLinks(inVersion('SHOP 2.4', open), inVersion('SHOP 2.4'), 9);
  addLinks(inVersion('SHOP 2.5', open), inVersion('SHOP 2.4', open), 3);
  addLinks(inVersion(null, (d) => d.project.key === 'SHOP' && open(d)), inVersion('SHOP 2.4', open), 2);
  addLinks(inVersion('PAY 3.1', open), inVersion('SHOP 2.4', open), 3);
  addLinks(inVersion('PAY 3.1', done), inVersion('SHOP 2.4'), 2);
  addLinks(inVersion('SHOP 2.3.1', open), inVersion('SHOP 2.3.1'), 2);
  addLinks(inVersion('SHOP 2.2', done), inVersion('SHOP 2.2', done), 3);
  addLinks(inVersion('SHOP 2.3', done), inVersion('SHOP 2.3', done), 3);
  addLinks(inVersion('PAY 3.1', open), inVersion('PAY 3.1'), 4);
  addLinks(inVersion('PAY 3.0', done), inVersion('PAY 3.0', done), 2);

  // Changelog ids follow time across the whole site.
  const histories = drafts.flatMap((d) => d.histories.map((h) => ({ d, h })));
  histories.sort((a, b) => a.h.at - b.h.at || (a.d.seq - b.d.seq));
  const historyId = new Map<object, string>();
  histories.forEach(({ h }, index) => historyId.set(h, String(20000 + index)));

  const issues: DatasetIssue[] = drafts.map((d) => {
    const sorted = [...d.histories].sort((a, b) => a.at - b.at || Number(historyId.get(a)) - Number(historyId.get(b)));
    const updated = Math.max(d.created, ...sorted.map((h) => h.at));
    return {
      id: d.id as string,
      key: d.key as string,
      projectId: d.project.id,
      issueTypeId: d.typeId,
      summary: d.summary,
      statusId: d.statusId,
      resolutionId: d.resolutionId,
      priorityId: d.priorityId,
      labels: d.labels,
      componentIds: d.componentIds,
      fixVersionIds: d.fixVersionIds,
      affectsVersionIds: d.affectsVersionIds,
      parentId: d.parent ? (d.parent.id as string) : null,
      storyPoints: d.storyPoints,
      flagged: d.flagged,
      assigneeAccountId: d.assignee,
      reporterAccountId: d.reporter,
      created: formatJiraTime(d.created),
      updated: formatJiraTime(updated),
      resolutiondate: d.resolutiondate === null ? null : formatJiraTime(d.resolutiondate),
      changelog: sorted.map((h) => ({ id: historyId.get(h) as string, authorAccountId: h.author, created: formatJiraTime(h.at), items: h.items })),
    };
  });

  annotateForReleaseNotes(issues, versions, seed);

  return {
    schemaVersion: DATASET_SCHEMA_VERSION,
    anchor: formatDay(today),
    seed,
    ...datasetCatalog(),
    users,
    projects,
    versions,
    issues,
    issueLinks: links,
  };
}

const STORY_NOTE_ENDINGS = ['now available to every customer', 'now on mobile web too', 'faster and easier to use', 'rolled out in every market'];
const UPGRADE_NOTES: Record<string, string[]> = {
  SHOP: [
    'Saved carts older than 90 days are removed during the upgrade.',
    'Shop themes must be rebuilt: the checkout template moved to checkout/one-page.html.',
    'The /v1/cart API is removed; integrations must call /v2/cart.',
    'Sessions are signed with a new key: every shopper is signed out once after the upgrade.',
  ],
  PAY: [
    'API clients must send the X-Idempotency-Key header on every payment request.',
    'Webhook payloads are now signed with SHA-256; update signature checks before upgrading.',
    'Ledger exports switch to ISO 4217 currency codes in the currency column.',
  ],
};

/**
 * Release-note material, added after the story so it does not move the main PRNG: a "Release
 * notes" text on some stories and bugs, the `internal` label on some tasks, and in every version
 * with issues one `breaking-change` issue with "Upgrade notes". Set at creation (no changelog).
 */
function annotateForReleaseNotes(issues: DatasetIssue[], versions: DatasetVersion[], seed: number): void {
  const rng = new Prng(seed * 7919 + 104_729);
  const topLevel = issues.filter((i) => i.issueTypeId !== ISSUE_TYPE.subtask && i.fixVersionIds.length > 0);
  for (const issue of topLevel) {
    if (issue.issueTypeId === ISSUE_TYPE.story && rng.chance(0.45)) issue.releaseNotes = `${issue.summary}: ${rng.pick(STORY_NOTE_ENDINGS)}.`;
    else if (issue.issueTypeId === ISSUE_TYPE.bug && rng.chance(0.45)) {
      // Only a fixed bug reads "Fixed"; an open one is a known issue in its own words.
      issue.releaseNotes = issue.resolutionId === null ? `Known issue – ${issue.summary}; a fix is on its way.` : `Fixed – ${issue.summary}.`;
    }
    else if (issue.issueTypeId === ISSUE_TYPE.task && rng.chance(0.35)) issue.labels = [...issue.labels, 'internal'].sort();
  }
  const projectKeyOf = (issue: DatasetIssue) => issue.key.split('-')[0] as string;
  for (const version of versions) {
    const candidates = topLevel.filter(
      (i) => i.fixVersionIds.includes(version.id) && i.issueTypeId === ISSUE_TYPE.story && !i.labels.includes('internal'),
    );
    if (candidates.length < 3) continue;
    const chosen = rng.pick(candidates);
    chosen.labels = [...chosen.labels, 'breaking-change'].sort();
    chosen.upgradeNotes = rng.pick(UPGRADE_NOTES[projectKeyOf(chosen)] ?? UPGRADE_NOTES.SHOP!);
  }
}

// ---------------------------------------------------------------------------------------------
// Big synthetic sites for benchmarks

export interface SyntheticOptions {
  seed?: number;
  projectKey?: string;
  projectName?: string;
  /** Issues per project. */
  issueCount?: number;
  /** Versions per project. */
  versionCount?: number;
  /** Projects like the first (keys KEY, KEY2, KEY3...; ids, versions and issues numbered apart). Default 1. */
  projectCount?: number;
  /** This share of issues also carries `longChangelogEntries` rank changes (real teams re-rank a lot). */
  longChangelogShare?: number;
  longChangelogEntries?: number;
  /** A bulk import: this many more issues per project, all created within one month this many months ago. */
  bulkImport?: { issues: number; monthsAgo: number };
}

/**
 * Projects (default one) with many issues (default 50,000) spread over released, current and
 * future versions, each with a short status changelog (or a long one, see the options). Same
 * users and permissions as the demo.
 */
export function generateSyntheticDataset(anchor: Date, options: SyntheticOptions = {}): JiraDataset {
  const { seed = 1, projectKey = 'BIG', projectName = 'Big Project', issueCount = 50_000, versionCount = 20, projectCount = 1, longChangelogShare = 0, longChangelogEntries = 60, bulkImport } = options;
  const rng = new Prng(seed);
  const today = startOfUtcDay(anchor.getTime());
  const limit = today - 20 * MINUTE;
  const keyOf = (p: number) => (p === 0 ? projectKey : `${projectKey}${p + 1}`);
  const projects: DatasetProject[] = Array.from({ length: projectCount }, (_, p) => ({
    id: String(10000 + p),
    key: keyOf(p),
    name: p === 0 ? projectName : `${projectName} ${p + 1}`,
    description: 'Synthetic project for benchmarks.',
    leadAccountId: DEMO_ACCOUNT.releaseManager,
    components: ['Core', 'API', 'UI', 'Data'].map((name, i) => ({ id: String(10000 + p * 10 + i), name })),
  }));
  const users = demoUsers().map((u) => {
    const shop = u.projectPermissions.SHOP;
    return shop ? { ...u, projectPermissions: { ...u.projectPermissions, ...Object.fromEntries(projects.map((pr) => [pr.key, shop])) } } : u;
  });
  const span = 360;
  const versions: DatasetVersion[] = [];
  const issues: DatasetIssue[] = [];
  let historyId = 20000;
  const statusIds = [STATUS.todo, STATUS.inProgress, STATUS.inReview, STATUS.done];
  const types = [ISSUE_TYPE.story, ISSUE_TYPE.task, ISSUE_TYPE.bug, ISSUE_TYPE.incident];
  const perProject = issueCount + (bulkImport?.issues ?? 0);
  for (const [p, project] of projects.entries()) {
    const own: DatasetVersion[] = [];
    for (let i = 0; i < versionCount; i++) {
      const release = -span + Math.round(((i + 1) * (span + 60)) / versionCount);
      const start = release - Math.round((span + 60) / versionCount);
      own.push({
        id: String(10000 + p * 1000 + i),
        projectId: project.id,
        name: `${project.key} ${1 + Math.floor(i / 10)}.${i % 10}`,
        description: `Synthetic release ${i + 1}.`,
        startDate: formatDay(today + start * DAY),
        releaseDate: formatDay(today + release * DAY),
        released: release < 0,
        archived: false,
        sequence: i + 1,
        dependsOnVersionIds: [],
      });
    }
    versions.push(...own);
    // A bulk import lands in one month: its issues are created within a few hours of each other days apart.
    const anchorDay = new Date(today);
    const importStart = bulkImport ? Date.UTC(anchorDay.getUTCFullYear(), anchorDay.getUTCMonth() - bulkImport.monthsAgo, 1) : 0;
    for (let n = 0; n < perProject; n++) {
      const imported = bulkImport !== undefined && n >= issueCount;
      const created = imported
        ? importStart + Math.floor(((n - issueCount) / bulkImport.issues) * 27 * DAY)
        : today - span * DAY + Math.floor((n / issueCount) * (span - 1) * DAY) + rng.int(0, 8 * 3600) * 1000;
      const version = rng.chance(0.85) ? own.find((v) => Date.parse(v.releaseDate as string) > created) : undefined;
      const released = version?.released ?? false;
      const statusId = released ? STATUS.done : rng.pick(statusIds);
      const changelog: DatasetIssue['changelog'] = [];
      let t = created;
      let at = 0;
      if (longChangelogShare > 0 && rng.chance(longChangelogShare)) {
        for (let r = 0; r < longChangelogEntries; r++) {
          t = Math.min(t + rng.int(60, 3600) * 1000, limit - 4 * MINUTE);
          changelog.push({ id: String(historyId++), authorAccountId: DEMO_ACCOUNT.developer, created: formatJiraTime(t), items: [item('Rank', 'customfield_10019', null, null, null, 'Ranked higher', 'custom')] });
        }
      }
      for (const step of statusIds.slice(1, statusIds.indexOf(statusId) + 1)) {
        t = Math.min(t + rng.between(0.1, 4) * DAY, limit - (3 - at) * MINUTE);
        at++;
        const from = statusIds[statusIds.indexOf(step) - 1] as string;
        const items: DatasetChangeItem[] = [item('status', 'status', from, STATUS_NAME.get(from) ?? null, step, STATUS_NAME.get(step) ?? null)];
        if (step === STATUS.done) items.push(item('resolution', 'resolution', null, null, RESOLUTION.done, 'Done'));
        changelog.push({ id: String(historyId++), authorAccountId: DEMO_ACCOUNT.developer, created: formatJiraTime(t), items });
      }
      issues.push({
        id: String(100000 + p * perProject + n),
        key: `${project.key}-${n + 1}`,
        projectId: project.id,
        issueTypeId: rng.pick(types),
        summary: `Synthetic issue ${n + 1}`,
        statusId,
        resolutionId: statusId === STATUS.done ? RESOLUTION.done : null,
        priorityId: rng.pick([PRIORITY.high, PRIORITY.medium, PRIORITY.medium, PRIORITY.low]),
        labels: rng.chance(0.3) ? [rng.pick(LABELS)] : [],
        componentIds: [rng.pick(project.components).id],
        fixVersionIds: version ? [version.id] : [],
        affectsVersionIds: [],
        parentId: null,
        storyPoints: rng.chance(0.7) ? rng.pick([1, 2, 3, 5, 8]) : null,
        flagged: false,
        assigneeAccountId: rng.pick([DEMO_ACCOUNT.developer, DEMO_ACCOUNT.qa, null]),
        reporterAccountId: DEMO_ACCOUNT.releaseManager,
        created: formatJiraTime(created),
        updated: formatJiraTime(t),
        resolutiondate: statusId === STATUS.done ? formatJiraTime(t) : null,
        changelog,
      });
    }
  }
  return {
    schemaVersion: DATASET_SCHEMA_VERSION,
    anchor: formatDay(today),
    seed,
    ...datasetCatalog(),
    users,
    projects,
    versions,
    issues,
    issueLinks: [],
  };
}
