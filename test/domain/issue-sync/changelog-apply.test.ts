import { type ChangelogItem, applyToKpiFact, applyToReadinessFacts, changesWhatOthersRead, leavesDone, needsRead } from '../../../src/domain/issue-sync/changelog-apply';
import { type ChangeHistoryForFacts, type JiraIssueForFacts, type StatusCategory, issueFactFromJira } from '../../../src/domain/kpis/facts';
import type { IssueFacts } from '../../../src/domain/readiness/facts';
import { SHOP_24, aReadyStory } from '../../support/readiness-builders';
import { CHANGE } from '../../support/issue-events';

/** The site's statuses (Jira's ids in a company-managed project). */
const CATEGORIES: Record<string, StatusCategory> = { '10000': 'new', '3': 'indeterminate', '10001': 'indeterminate', '10002': 'done', '6': 'done' };
const categoryOf = (id: string) => CATEGORIES[id];

/** Jira's changelog items for common edits (from/to ids, fromString/toString names). */
const item = (field: string, fieldId: string, from: string | null, fromString: string | null, to: string | null, toString: string | null): ChangelogItem => ({ field, fieldId, from, fromString, to, toString });
const toInProgress = CHANGE.status!;
const toInReview = item('status', 'status', '3', 'In Progress', '10001', 'In Review');
const toDone = item('status', 'status', '10001', 'In Review', '10002', 'Done');
const reopen = item('status', 'status', '10002', 'Done', '10000', 'To Do');
const resolve = item('resolution', 'resolution', null, null, '10000', 'Done');
const unresolve = item('resolution', 'resolution', '10000', 'Done', null, null);
const fixVersionRemoved = item('Fix Version', 'fixVersions', SHOP_24.id, SHOP_24.name, null, null);
const affectsRemoved = item('Version', 'versions', '10003', 'SHOP 2.3', null, null);
const affectsAdded = item('Version', 'versions', null, null, '10002', 'SHOP 2.2');
const closeDone = item('status', 'status', '10002', 'Done', '6', 'Closed');

const T0 = Date.parse('2026-11-02T09:00:00Z');
const at = (minutes: number) => T0 + minutes * 60_000;

/** A Jira issue and its history, as the search returns them, for the KPI fact Jira's data gives. */
function issueAt(statusId: string, resolutionId: string | null, updated: number, fixVersionIds: string[], affects: string[], resolutionDate?: number): JiraIssueForFacts {
  return {
    id: '10100',
    key: 'SHOP-100',
    fields: {
      issuetype: { id: '10001', name: 'Story', subtask: false },
      created: '2026-11-01T09:00:00.000+0000',
      updated: new Date(updated).toISOString(),
      status: { id: statusId, statusCategory: { key: CATEGORIES[statusId] } },
      resolution: resolutionId ? { id: resolutionId, name: 'Done' } : null,
      resolutiondate: resolutionDate !== undefined ? new Date(resolutionDate).toISOString() : null,
      fixVersions: fixVersionIds.map((id) => ({ id })),
      versions: affects.map((id) => ({ id })),
    },
  };
}

const history = (id: string, when: number, items: ChangelogItem[]): ChangeHistoryForFacts => ({
  id,
  created: new Date(when).toISOString(),
  items: items.map((i) => ({ field: i.field ?? undefined, fieldId: i.fieldId ?? undefined, from: i.from ?? null, to: i.to ?? null })),
});

describe('the KPI fact after a changelog equals the fact read from Jira with that history', () => {
  // Before: an open issue in SHOP 2.4 affecting SHOP 2.3, created in To Do.
  const before = issueAt('10000', null, at(0), [SHOP_24.id], ['10003']);
  const stored = issueFactFromJira(before, [], categoryOf);

  it.each<[string, ChangelogItem[], JiraIssueForFacts]>([
    ['work starts (To Do → In Progress)', [toInProgress], issueAt('3', null, at(30), [SHOP_24.id], ['10003'])],
    ['resolved as Done in one transition', [{ ...toDone, from: '10000', fromString: 'To Do' }, resolve], issueAt('10002', '10000', at(30), [SHOP_24.id], ['10003'], at(30))],
    ['taken out of its fix version', [fixVersionRemoved], issueAt('10000', null, at(30), [], ['10003'])],
    ['no longer affecting SHOP 2.3', [affectsRemoved], issueAt('10000', null, at(30), [SHOP_24.id], [])],
    ['affecting SHOP 2.2 as well', [affectsAdded], issueAt('10000', null, at(30), [SHOP_24.id], ['10003', '10002'])],
    ['affecting SHOP 2.3, already known', [item('Version', 'versions', null, null, '10003', 'SHOP 2.3')], issueAt('10000', null, at(30), [SHOP_24.id], ['10003'])],
    ['labels and rank (nothing the KPIs read)', [CHANGE.labels!, CHANGE.rank!], issueAt('10000', null, at(30), [SHOP_24.id], ['10003'])],
  ])('%s', (_name, items, after) => {
    const applied = applyToKpiFact(stored, { items, at: at(30), categoryOf });
    expect(applied).toEqual({ ok: true, value: issueFactFromJira(after, [history('1', at(30), items)], categoryOf) });
  });

  it('follows a resolution, a re-opening and a second resolution like the read does', () => {
    const steps: Array<[number, ChangelogItem[]]> = [
      [10, [toInProgress]],
      [20, [toInReview]],
      [30, [toDone, resolve]],
      [40, [reopen, unresolve]],
      [50, [{ ...toDone, from: '10000', fromString: 'To Do' }, resolve]],
    ];
    let fact = stored;
    for (const [minute, items] of steps) {
      const next = applyToKpiFact(fact, { items, at: at(minute), categoryOf });
      if (!next.ok) throw new Error(next.reason);
      fact = next.value;
    }
    const read = issueFactFromJira(
      issueAt('10002', '10000', at(50), [SHOP_24.id], ['10003'], at(50)),
      steps.map(([minute, items], i) => history(String(i + 1), at(minute), items)),
      categoryOf,
    );
    expect(fact).toEqual(read);
  });

  it.each<[string, ChangelogItem[], number, RegExp]>([
    ['a change older than the stored fact (an event arriving late)', [toInProgress], -5, /newer/],
    ['a transition from a category the fact is not in (a change in between was missed)', [toDone], 30, /the fact is new/],
    ['a status of unknown category', [item('status', 'status', '10000', 'To Do', '99999', 'Triage')], 30, /^the new status is not known$/],
    ['a transition from an unknown status the fact is not in', [item('status', 'status', '99999', 'Triage', '10002', 'Done')], 30, /^the fact is new, the change is from an unknown status$/],
    ['a new link', [CHANGE.link!], 30, /issuelinks/],
    ['a fix version added', [CHANGE.fixVersion!], 30, /fix version was added/],
    ['a new issue type', [CHANGE.issueType!], 30, /issuetype/],
  ])('refuses %s', (_name, items, minute, reason) => {
    const applied = applyToKpiFact(stored, { items, at: at(minute), categoryOf });
    expect(applied.ok).toBe(false);
    expect(applied.ok ? '' : applied.reason).toMatch(reason);
  });

  it('closes only the removed fix version’s open interval, and ignores a version the fact does not hold', () => {
    const fact = {
      ...stored,
      fixVersions: [
        { versionId: SHOP_24.id, from: 100, to: 200 },
        { versionId: SHOP_24.id, from: 300, to: null },
        { versionId: '10099', from: 100, to: null },
      ],
      affects: ['10003', '10004'],
    };
    const applied = applyToKpiFact(fact, { items: [fixVersionRemoved, affectsRemoved], at: at(30), categoryOf });
    if (!applied.ok) throw new Error(applied.reason);
    const minute = Math.floor(at(30) / 60_000);
    expect(applied.value.fixVersions).toEqual([
      { versionId: SHOP_24.id, from: 100, to: 200 },
      { versionId: SHOP_24.id, from: 300, to: minute },
      { versionId: '10099', from: 100, to: null },
    ]);
    expect(applied.value.affects).toEqual(['10004']);
    expect(applyToKpiFact(stored, { items: [item('Fix Version', 'fixVersions', '10099', 'SHOP 9', null, null)], at: at(30), categoryOf })).toEqual({ ok: true, value: { ...stored, updated: minute } });
  });

  it('takes a new resolution of a resolved issue without opening a second resolved interval', () => {
    const resolved = applyToKpiFact(stored, { items: [{ ...toDone, from: '10000', fromString: 'To Do' }, resolve], at: at(30), categoryOf });
    if (!resolved.ok) throw new Error(resolved.reason);
    const wontDo = applyToKpiFact(resolved.value, { items: [item('resolution', 'resolution', '10000', 'Done', '10001', "Won't Do")], at: at(40), categoryOf });
    if (!wontDo.ok) throw new Error(wontDo.reason);
    expect(wontDo.value).toMatchObject({ resolutionId: '10001', resolutions: resolved.value.resolutions });
    expect(applyToKpiFact(resolved.value, { items: [item('resolution', 'resolution', '10005', 'Duplicate', '10001', "Won't Do")], at: at(40), categoryOf })).toEqual({
      ok: false,
      reason: 'the resolution is not the one the change starts from',
    });
  });

  it('changes nothing more when the same event comes twice', () => {
    const once = applyToKpiFact(stored, { items: [toInProgress], at: at(30), categoryOf });
    if (!once.ok) throw new Error(once.reason);
    const resolved = applyToKpiFact(once.value, { items: [{ ...toDone, from: '3', fromString: 'In Progress' }, resolve], at: at(40), categoryOf });
    if (!resolved.ok) throw new Error(resolved.reason);
    expect(applyToKpiFact(resolved.value, { items: [{ ...toDone, from: '3', fromString: 'In Progress' }, resolve], at: at(40), categoryOf })).toEqual({ ok: true, value: resolved.value });
  });
});

describe('the release roll-up entry after a changelog', () => {
  const inProgress = aReadyStory({ statusName: 'In Progress', category: 'indeterminate', resolution: null, fields: { components: true, customfield_10016: false, customfield_10021: false } });
  // Two flag fields (a site can have a second "Flagged" field); the issue uses the first.
  const change = (items: ChangelogItem[]) => ({
    items,
    updated: Date.parse('2026-11-24T11:00:00Z'),
    observed: Date.parse('2026-11-24T11:00:05Z'),
    categoryOf,
    policyFields: ['components', 'customfield_10016', 'customfield_10021', 'customfield_10099'],
    flagFields: ['customfield_10021', 'customfield_10099'],
  });
  const points = (to: string | null, toString: string | null) => item('Story point estimate', 'customfield_10016', null, null, to, toString);
  const filled = (storyPoints: boolean) => ({ fields: { components: true, customfield_10016: storyPoints, customfield_10021: false } });
  const stamps = { updated: Date.parse('2026-11-24T11:00:00Z'), observed: Date.parse('2026-11-24T11:00:05Z') };

  it.each<[string, ChangelogItem[], Partial<IssueFacts>]>([
    ['resolved as Done', [item('status', 'status', '3', 'In Progress', '10002', 'Done'), resolve], { statusName: 'Done', category: 'done', resolution: 'Done' }],
    ['a higher priority', [CHANGE.priority!], { priority: 'High' }],
    ['a new summary', [CHANGE.summary!], { summary: 'Checkout with saved cards' }],
    ['story points filled in (a required field)', [CHANGE.storyPoints!], { fields: { components: true, customfield_10016: true, customfield_10021: false } }],
    ['flagged as an impediment', [CHANGE.flagged!], { flagged: true, fields: { components: true, customfield_10016: false, customfield_10021: true } }],
    ['taken out of SHOP 2.4', [fixVersionRemoved], { fixVersions: [] }],
    ['labels only', [CHANGE.labels!], {}],
    ['a transition the event names without its old status', [item('status', 'status', null, null, '10001', 'In Review')], { statusName: 'In Review' }],
    ['a resolution the event gives without a former one', [{ field: 'resolution', fieldId: 'resolution', to: '10000', toString: 'Done' }], { resolution: 'Done' }],
    ['a summary cleared', [item('summary', 'summary', null, 'Checkout', null, null)], { summary: '' }],
    ['a required field given by its id only', [points('5', '')], filled(true)],
    ['a required field emptied', [points(null, null)], filled(false)],
    ['a required field set to blanks', [points('  ', '  ')], filled(false)],
    ['a required field named with blanks but with an id', [points('5', ' ')], filled(false)],
    ['a required field given by its id, with no name at all', [points('5', null)], filled(true)],
    ['a required field given by an id of blanks and no name', [points('  ', null)], filled(false)],
  ])('%s', (_name, items, changed) => {
    expect(applyToReadinessFacts(inProgress, change(items))).toEqual({ ok: true, value: { ...inProgress, ...changed, ...stamps } });
  });

  it('keeps the other fix versions, and the flag while either flag field is set', () => {
    const inTwo = { ...inProgress, fixVersions: [SHOP_24, { ...SHOP_24, id: '10099', name: 'SHOP 2.5' }] };
    expect(applyToReadinessFacts(inTwo, change([fixVersionRemoved]))).toMatchObject({ ok: true, value: { fixVersions: [{ id: '10099' }] } });
    const flaggedTwice = { ...inProgress, flagged: true, fields: { ...inProgress.fields, customfield_10021: true, customfield_10099: true } };
    const unflag = item('Flagged', 'customfield_10099', '[10019]', 'Impediment', null, null);
    expect(applyToReadinessFacts(flaggedTwice, change([unflag]))).toMatchObject({ ok: true, value: { flagged: true } });
  });

  it('says "none" for a priority or resolution that was not there', () => {
    const { priority: _none, ...noPriority } = inProgress;
    expect(applyToReadinessFacts(noPriority, change([CHANGE.priority!]))).toEqual({ ok: false, reason: 'priority was none, the change is from Medium' });
    expect(applyToReadinessFacts({ ...inProgress, resolution: 'Done' }, change([resolve]))).toEqual({ ok: false, reason: 'resolution was Done, the change is from none' });
  });

  it.each<[string, ChangelogItem[], RegExp]>([
    ['a transition from another status than the stored one (a change in between was missed)', [item('status', 'status', '10000', 'To Do', '3', 'In Progress')], /status was In Progress/],
    ['a priority change from another priority', [{ ...CHANGE.priority!, fromString: 'Low' }], /^priority was Medium, the change is from Low$/],
    ['a priority change from no priority on an issue that has one', [{ ...CHANGE.priority!, from: null, fromString: null }], /^priority was Medium, the change is from none$/],
    ['a transition to a status of unknown category', [item('status', 'status', '3', 'In Progress', '99999', 'Triage')], /^the new status is not known$/],
    ['a transition to a status without a name', [item('status', 'status', '3', 'In Progress', '10001', null)], /^the new status is not known$/],
    ['a transition to no status', [item('status', 'status', '3', 'In Progress', null, 'In Review')], /^the new status is not known$/],
    ['a resolution from another resolution', [{ ...unresolve, fromString: "Won't Do" }], /^resolution was none, the change is from Won't Do$/],
    ['a new blocker link', [CHANGE.link!], /issuelinks/],
    ['a new parent', [CHANGE.parent!], /parent/],
    ['a fix version added', [CHANGE.fixVersion!], /fix version was added/],
  ])('refuses %s', (_name, items, reason) => {
    const applied = applyToReadinessFacts(inProgress, change(items));
    expect(applied.ok ? '' : applied.reason).toMatch(reason);
  });
});

describe('what a change means for other issues', () => {
  it.each<[string, ChangelogItem[], boolean, boolean]>([
    ['a transition', [toInProgress], true, false],
    ['a re-opening', [reopen], true, true],
    ['a priority', [CHANGE.priority!], true, false],
    ['a summary', [CHANGE.summary!], false, false],
    ['a resolution', [resolve], false, false],
    ['a re-opening with a label edit', [CHANGE.labels!, reopen], true, true],
    ['Done to Closed (both done)', [closeDone], true, false],
    ['a fix version removed', [fixVersionRemoved], true, false],
    ['a fix version removed whose id is also a Done status’s id', [item('Fix Version', 'fixVersions', '10002', 'SHOP 2.1', null, null)], true, false],
  ])('%s', (_name, items, others, reopened) => {
    expect(changesWhatOthersRead(items)).toBe(others);
    expect(leavesDone(items, categoryOf)).toBe(reopened);
    expect(needsRead(items)).toBeUndefined();
  });

  it('counts a new issue type as read by others (it needs a read of its own)', () => {
    expect(changesWhatOthersRead([CHANGE.issueType!])).toBe(true);
    expect(needsRead([CHANGE.issueType!])).toBe('issuetype changed');
  });
});
