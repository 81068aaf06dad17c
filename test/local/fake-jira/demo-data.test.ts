import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNT, generateDemoDataset, generateSyntheticDataset } from '../../../local/fake-jira/demo-data';
import { loadDatasetFile, parseDataset, saveDatasetFile, type DatasetIssue, type JiraDataset } from '../../../local/fake-jira/dataset';
import { DAY, parseDay, parseJiraTime, startOfUtcDay } from '../../../local/fake-jira/time';
import { ANCHOR } from './helpers';

const dataset = generateDemoDataset(ANCHOR, 1);
const today = startOfUtcDay(ANCHOR.getTime());
const byName = (name: string) => dataset.versions.find((v) => v.name === name)!;
const typeName = (issue: DatasetIssue) => dataset.issueTypes.find((t) => t.id === issue.issueTypeId)!.name;

describe('demo dataset', () => {
  it('is the same for the same anchor day and seed, and differs for another seed', () => {
    expect(generateDemoDataset(new Date('2026-03-10T23:59:00Z'), 1)).toEqual(dataset);
    const other = generateDemoDataset(ANCHOR, 2);
    expect(other.issues.map((i) => i.summary)).not.toEqual(dataset.issues.map((i) => i.summary));
    expect(other.versions.map((v) => v.name)).toEqual(dataset.versions.map((v) => v.name));
  });

  it('moves with the anchor so there is always a current release', () => {
    const later = generateDemoDataset(new Date('2027-01-05T08:00:00Z'), 1);
    const current = later.versions.find((v) => v.name === 'SHOP 2.4')!;
    expect((parseDay(current.releaseDate!) - Date.UTC(2027, 0, 5)) / DAY).toBe(9);
  });

  it('survives a JSON round trip through the demo-data file format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-jira-'));
    try {
      saveDatasetFile(join(dir, 'jira-dataset.json'), dataset);
      expect(loadDatasetFile(join(dir, 'jira-dataset.json'))).toEqual(dataset);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() => parseDataset({ ...dataset, issues: [{ id: 1 }] })).toThrow(/Not a fake-Jira dataset: issues\.0/);
  });

  it('has two projects with the versions a release manager cares about', () => {
    expect(dataset.projects.map((p) => `${p.key} ${p.name}`)).toEqual(['SHOP Web Shop', 'PAY Payments']);
    expect(dataset.versions.length).toBeGreaterThanOrEqual(8);
    const released = dataset.versions.filter((v) => v.released);
    expect(released.length).toBeGreaterThanOrEqual(4);
    expect(released.every((v) => parseDay(v.releaseDate!) < today)).toBe(true);
    expect(dataset.versions.filter((v) => v.archived).map((v) => v.name)).toEqual(['SHOP 2.0']);
    const current = byName('SHOP 2.4');
    const daysToRelease = (parseDay(current.releaseDate!) - today) / DAY;
    expect(daysToRelease).toBeGreaterThanOrEqual(7);
    expect(daysToRelease).toBeLessThanOrEqual(14);
    expect(parseDay(current.startDate!)).toBeLessThan(today);
    const overdue = dataset.versions.filter((v) => !v.released && v.releaseDate && parseDay(v.releaseDate) < today);
    expect(overdue.map((v) => v.name)).toEqual(['SHOP 2.3.1']);
    expect(parseDay(byName('SHOP 2.5').startDate!)).toBeGreaterThan(today);
    expect(dataset.versions.filter((v) => !v.startDate && !v.releaseDate).map((v) => v.name)).toEqual(['SHOP 3.0', 'PAY 4.0']);
    for (const v of dataset.versions) expect(v.description).toEqual(expect.any(String));
    expect(current.dependsOnVersionIds).toEqual([byName('PAY 3.1').id]);
  });

  it('has hundreds of issues of every type, sub-tasks with parents, and realistic fields', () => {
    expect(dataset.issues.length).toBeGreaterThanOrEqual(300);
    const counts = new Map<string, number>();
    for (const issue of dataset.issues) counts.set(typeName(issue), (counts.get(typeName(issue)) ?? 0) + 1);
    for (const type of ['Story', 'Task', 'Bug', 'Incident', 'Sub-task']) expect(counts.get(type)).toBeGreaterThan(5);
    for (const issue of dataset.issues) {
      if (typeName(issue) === 'Sub-task') {
        const parent = dataset.issues.find((p) => p.id === issue.parentId)!;
        expect(parent.projectId).toBe(issue.projectId);
        expect(parseJiraTime(parent.created)).toBeLessThan(parseJiraTime(issue.created));
      } else {
        expect(issue.parentId).toBeNull();
      }
      const done = dataset.statuses.find((s) => s.id === issue.statusId)!.categoryKey === 'done';
      expect(issue.resolutionId !== null).toBe(done);
      expect(issue.resolutiondate !== null).toBe(done);
    }
    expect(new Set(dataset.statuses.map((s) => `${s.name}/${s.categoryKey}`))).toEqual(new Set(['To Do/new', 'In Progress/indeterminate', 'In Review/indeterminate', 'Done/done']));
    expect(dataset.issues.some((i) => i.flagged)).toBe(true);
    expect(dataset.issues.some((i) => i.storyPoints !== null)).toBe(true);
    expect(dataset.issues.some((i) => i.labels.length > 0 && i.componentIds.length > 0)).toBe(true);
  });

  it('spreads activity over about six months before the anchor day', () => {
    const times = dataset.issues.flatMap((i) => [i.created, i.updated, ...(i.resolutiondate ? [i.resolutiondate] : [])].map(parseJiraTime));
    expect(Math.max(...times)).toBeLessThan(today);
    expect((today - Math.min(...times)) / DAY).toBeGreaterThan(170);
    expect((today - Math.min(...times)) / DAY).toBeLessThan(220);
  });

  it('links bugs and incidents to released versions', () => {
    const affected = dataset.issues.filter((i) => i.affectsVersionIds.length > 0);
    expect(affected.filter((i) => typeName(i) === 'Incident').length).toBeGreaterThanOrEqual(10);
    expect(affected.filter((i) => typeName(i) === 'Bug').length).toBeGreaterThanOrEqual(10);
    for (const issue of affected) for (const id of issue.affectsVersionIds) expect(dataset.versions.find((v) => v.id === id)!.released).toBe(true);
    const openIncidents = dataset.issues.filter((i) => typeName(i) === 'Incident' && i.resolutionId === null);
    expect(openIncidents.length).toBeGreaterThanOrEqual(1);
  });

  it('has Blocks links inside the current release, into later or no release, and across projects', () => {
    const issue = (id: string) => dataset.issues.find((i) => i.id === id)!;
    const current = byName('SHOP 2.4').id;
    const intoCurrent = dataset.issueLinks.filter((l) => issue(l.destinationIssueId).fixVersionIds.includes(current)).map((l) => issue(l.sourceIssueId));
    expect(intoCurrent.some((b) => b.fixVersionIds.includes(current))).toBe(true);
    expect(intoCurrent.some((b) => b.fixVersionIds.includes(byName('SHOP 2.5').id))).toBe(true);
    expect(intoCurrent.some((b) => b.fixVersionIds.length === 0)).toBe(true);
    expect(intoCurrent.some((b) => b.fixVersionIds.includes(byName('PAY 3.1').id))).toBe(true);
    expect(intoCurrent.some((b) => b.resolutionId === null)).toBe(true);
    expect(dataset.issueLinks.every((l) => l.typeId === dataset.issueLinkTypes.find((t) => t.name === 'Blocks')!.id)).toBe(true);
  });

  it('has changelogs that end at the current field values', () => {
    const { statusChanges, fixVersionChanges } = expectConsistentChangelogs(dataset);
    expect(statusChanges).toBeGreaterThan(500);
    expect(fixVersionChanges).toBeGreaterThan(30);
  });

  it.each([2, 3, 7, 42, 2026])('stays consistent with seed %i', (seed) => {
    const other = generateDemoDataset(new Date(ANCHOR.getTime() + seed * DAY), seed);
    expectConsistentChangelogs(other);
    expect(other.issues.length).toBeGreaterThanOrEqual(300);
    const current = other.versions.find((v) => v.name === 'SHOP 2.4')!.id;
    expect(other.issueLinks.filter((l) => other.issues.find((i) => i.id === l.destinationIssueId)!.fixVersionIds.includes(current)).length).toBeGreaterThan(5);
    const times = other.issues.map((i) => parseJiraTime(i.updated));
    expect(Math.max(...times)).toBeLessThan(startOfUtcDay(ANCHOR.getTime() + seed * DAY));
  });

  it('has six people with different permissions, and the app', () => {
    const people = dataset.users.filter((u) => u.accountType === 'atlassian');
    expect(people).toHaveLength(6);
    const can = (id: string, project: string, permission: string) => {
      const user = dataset.users.find((u) => u.accountId === id)!;
      return [...(user.projectPermissions['*'] ?? []), ...(user.projectPermissions[project] ?? [])].includes(permission as never);
    };
    expect(can(DEMO_ACCOUNT.admin, 'PAY', 'ADMINISTER_PROJECTS')).toBe(true);
    expect(can(DEMO_ACCOUNT.releaseManager, 'SHOP', 'ADMINISTER_PROJECTS')).toBe(true);
    expect(can(DEMO_ACCOUNT.releaseManager, 'PAY', 'ADMINISTER_PROJECTS')).toBe(false);
    expect(can(DEMO_ACCOUNT.developer, 'PAY', 'TRANSITION_ISSUES')).toBe(true);
    expect(can(DEMO_ACCOUNT.viewer, 'SHOP', 'BROWSE_PROJECTS')).toBe(true);
    expect(can(DEMO_ACCOUNT.viewer, 'PAY', 'BROWSE_PROJECTS')).toBe(false);
    expect(can(DEMO_ACCOUNT.outsider, 'SHOP', 'BROWSE_PROJECTS')).toBe(false);
  });
});

describe('synthetic dataset', () => {
  it('makes big, valid, deterministic projects', () => {
    const big: JiraDataset = generateSyntheticDataset(ANCHOR, { issueCount: 2000, projectKey: 'BIG' });
    expect(big.issues).toHaveLength(2000);
    expect(parseDataset(JSON.parse(JSON.stringify(big)))).toEqual(big);
    expect(generateSyntheticDataset(ANCHOR, { issueCount: 2000 }).issues.map((i) => i.statusId)).toEqual(big.issues.map((i) => i.statusId));
    expect(big.users.find((u) => u.accountId === DEMO_ACCOUNT.viewer)!.projectPermissions.BIG).toEqual(['BROWSE_PROJECTS']);
  });
});

/** Replays each issue's changelog against its current values; returns how many changes it saw. */
function expectConsistentChangelogs(data: JiraDataset): { statusChanges: number; fixVersionChanges: number } {
  let statusChanges = 0;
  let fixVersionChanges = 0;
  for (const issue of data.issues) {
    const history = issue.changelog;
    const items = history.flatMap((h) => h.items.map((item) => ({ ...item, at: h.created })));
    const last = (fieldId: string) => items.filter((i) => i.fieldId === fieldId).at(-1);
    expect(history.map((h) => h.created)).toEqual([...history.map((h) => h.created)].sort());
    if (history.length) {
      expect(parseJiraTime(history[0]!.created)).toBeGreaterThanOrEqual(parseJiraTime(issue.created));
      expect(history.at(-1)!.created).toBe(issue.updated);
    } else {
      expect(issue.updated).toBe(issue.created);
    }
    const status = last('status');
    expect(status ? status.to : '10000').toBe(issue.statusId);
    const done = data.statuses.find((s) => s.id === issue.statusId)!.categoryKey === 'done';
    expect(issue.resolutionId !== null).toBe(done);
    const resolution = last('resolution');
    expect(resolution ? resolution.to : null).toBe(issue.resolutionId);
    if (resolution?.to) expect(resolution.at).toBe(issue.resolutiondate);
    statusChanges += items.filter((i) => i.fieldId === 'status').length;
    for (const id of new Set(items.filter((i) => i.fieldId === 'fixVersions').map((i) => i.to ?? i.from))) {
      fixVersionChanges++;
      const lastMention = items.filter((i) => i.fieldId === 'fixVersions' && (i.to === id || i.from === id)).at(-1)!;
      expect(issue.fixVersionIds.includes(id!)).toBe(lastMention.to === id);
    }
    const points = last('customfield_10016');
    if (points) expect(points.to).toBe(String(issue.storyPoints));
    const flag = last('customfield_10021');
    if (flag) expect(flag.to !== null).toBe(issue.flagged);
  }
  const ids = data.issues.flatMap((i) => i.changelog.map((h) => h.id));
  expect(new Set(ids).size).toBe(ids.length);
  return { statusChanges, fixVersionChanges };
}
