import type { BlockerFacts, IssueFacts, LinkedIssueFacts, VersionRef } from '../../src/domain/readiness/facts';
import { type Criterion, type ReadinessPolicy, defaultPolicy } from '../../src/domain/readiness/policy';
import type { ShardEntry } from '../../src/domain/readiness/rollup';
import type { SignOffRequest } from '../../src/domain/readiness/sign-offs';

export const SHOP_24: VersionRef = { id: '10005', name: 'SHOP 2.4', releaseDate: '2026-12-03', released: false };
export const SHOP_25: VersionRef = { id: '10006', name: 'SHOP 2.5', releaseDate: '2027-01-08', released: false };
export const SHOP_30: VersionRef = { id: '10007', name: 'SHOP 3.0', released: false };
export const SHOP_23: VersionRef = { id: '10003', name: 'SHOP 2.3', releaseDate: '2026-10-20', released: true };

/** A story that meets the default policy's automatic criteria, due in SHOP 2.4. */
export function aReadyStory(overrides: Partial<IssueFacts> = {}): IssueFacts {
  return {
    id: '10100',
    key: 'SHOP-100',
    projectId: '10000',
    summary: 'Pay with saved cards',
    issueType: 'Story',
    subtask: false,
    statusName: 'Done',
    category: 'done',
    resolution: 'Done',
    priority: 'Medium',
    flagged: false,
    fixVersions: [SHOP_24],
    fields: { components: true, customfield_10016: true, customfield_10021: false },
    subtasks: { total: 0, open: [] },
    blockers: [],
    linked: [],
    updated: Date.parse('2026-11-20T09:00:00Z'),
    observed: Date.parse('2026-11-24T10:00:00Z'),
    ...overrides,
  };
}

export function aLinkedIssue(overrides: Partial<LinkedIssueFacts> = {}): LinkedIssueFacts {
  return { key: 'SHOP-7', summary: 'Tokenise cards', statusName: 'In Progress', category: 'indeterminate', issueType: 'Task', priority: 'Medium', ...overrides };
}

export function aBlocker(overrides: Partial<BlockerFacts> = {}): BlockerFacts {
  return { ...aLinkedIssue(), fixVersions: [SHOP_24], ...overrides };
}

/** The default policy with only the criteria named (in that order). */
export function policyWith(...ids: string[]): ReadinessPolicy {
  const base = defaultPolicy();
  return { ...base, criteria: ids.map((id) => base.criteria.find((c) => c.id === id) as Criterion) };
}

export function anEntry(overrides: Partial<ShardEntry> = {}): ShardEntry {
  return { ...aReadyStory(), s: ['qa-passed', 'code-reviewed', 'release-note'], sr: 3, ...overrides };
}

export function aSignOff(overrides: Partial<SignOffRequest> = {}): SignOffRequest {
  return { criterionId: 'qa-passed', action: 'signed', accountId: 'qa-1', displayName: 'Priya Shah', at: '2026-11-24T10:00:00.000Z', ...overrides };
}

/** A summary at Jira's 255-character limit in scripts of 2 to 4 bytes a character in UTF-8. */
export function aLongMultiByteText(length = 255): string {
  const text = '決済カードの保存と再利用を本番前に確認する – Überprüfung – 🚀✅ ';
  return [...text.repeat(Math.ceil(length / [...text].length))].slice(0, length).join('');
}

/** `count` unreleased versions of one project, ids from 20000. */
export function unreleasedVersions(count: number): VersionRef[] {
  return Array.from({ length: count }, (_, i) => ({ id: String(20000 + i), name: `SHOP ${i + 1}.0`, releaseDate: '2027-03-01', released: false }));
}

/** `count` stories of one release with long multi-byte summaries and `links` linked issues, blockers and open sub-tasks each. */
export function aReleaseOfStories(count: number, options: { release?: VersionRef; links?: number; summary?: string } = {}): IssueFacts[] {
  const summary = options.summary ?? aLongMultiByteText();
  return Array.from({ length: count }, (_, i) =>
    aReadyStory({
      id: String(100000 + i),
      key: `SHOP-${100000 + i}`,
      summary,
      fixVersions: [options.release ?? SHOP_24],
      linked: related(i, options.links ?? 0, summary),
      blockers: related(i, options.links ?? 0, summary).map((l) => ({ ...l, fixVersions: [options.release ?? SHOP_24] })),
      subtasks: { total: options.links ?? 0, open: related(i, options.links ?? 0, summary) },
    }),
  );
}

function related(issue: number, count: number, summary: string): LinkedIssueFacts[] {
  return Array.from({ length: count }, (_, l) => aLinkedIssue({ key: `SHOP-${1000000 + issue * 100 + l}`, summary, statusName: 'In Review – 審査中' }));
}
