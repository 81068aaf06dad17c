import type { DeploymentEvent, StoredDeployment } from '../../../src/domain/deployments/deployment-event';
import {
  DEPLOYMENT_INDEX_BUDGET_BYTES,
  type IndexedDeployment,
  appendToIndex,
  indexedDeploymentOf,
  monthOfInstant,
  monthsBetween,
  projectsOfDeployment,
  removeFromIndex,
} from '../../../src/domain/deployments/deployment-index';
import { decideUpdate, implausibleDates } from '../../../src/domain/deployments/lifecycle';

const deployment = (overrides: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  deploymentId: 'shop-web-1842',
  environment: 'production',
  status: 'successful',
  deployedAt: '2026-11-20T14:05:00Z',
  ...overrides,
});
const stored = (overrides: Partial<DeploymentEvent> = {}): StoredDeployment => ({ ...deployment(overrides), receivedAt: '2026-11-20T14:05:02Z' });

describe('a report for a deployment already stored', () => {
  it.each<[string, StoredDeployment, DeploymentEvent, ReturnType<typeof decideUpdate>]>([
    ['the same report again', stored(), deployment(), { kind: 'duplicate' }],
    ['the same report, fields in another order', stored({ version: 'SHOP 2.4' }), { version: 'SHOP 2.4', ...deployment() }, { kind: 'duplicate' }],
    ['the same report, an optional field given as undefined', stored(), deployment({ version: undefined }), { kind: 'duplicate' }],
    ['in progress after pending', stored({ status: 'pending' }), deployment({ status: 'in_progress' }), { kind: 'update' }],
    ['an outcome after in progress', stored({ status: 'in_progress' }), deployment({ status: 'failed' }), { kind: 'update' }],
    [
      'in progress after an outcome',
      stored({ status: 'successful' }),
      deployment({ status: 'in_progress' }),
      { kind: 'conflict', reason: 'shop-web-1842 is already successful; a in_progress report cannot follow it.' },
    ],
    [
      'a retried job’s newer outcome',
      stored({ status: 'failed', updatedAt: '2026-11-20T14:05:00Z' }),
      deployment({ status: 'successful', updatedAt: '2026-11-20T14:20:00Z' }),
      { kind: 'update' },
    ],
    ['a first updatedAt on an outcome', stored({ status: 'failed' }), deployment({ status: 'successful', updatedAt: '2026-11-20T14:20:00Z' }), { kind: 'update' }],
    [
      'an older outcome',
      stored({ status: 'successful', updatedAt: '2026-11-20T14:20:00Z' }),
      deployment({ status: 'failed', updatedAt: '2026-11-20T14:05:00Z' }),
      { kind: 'conflict', reason: 'shop-web-1842 was already reported with other details; send a newer updatedAt to correct it (last 2026-11-20T14:20:00Z).' },
    ],
    [
      'the same time with other details',
      stored({ updatedAt: '2026-11-20T14:20:00Z' }),
      deployment({ environment: 'staging', updatedAt: '2026-11-20T14:20:00Z' }),
      { kind: 'conflict', reason: 'shop-web-1842 was already reported with other details; send a newer updatedAt to correct it (last 2026-11-20T14:20:00Z).' },
    ],
    [
      'other details without any updatedAt',
      stored(),
      deployment({ environment: 'staging' }),
      { kind: 'conflict', reason: 'shop-web-1842 was already reported with other details; send a newer updatedAt to correct it (none was sent).' },
    ],
  ])('%s', (_case, before, incoming, decision) => {
    expect(decideUpdate(before, incoming)).toEqual(decision);
  });
});

describe('implausible deployment dates', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each<[string, Pick<DeploymentEvent, 'deployedAt' | 'updatedAt'>, string[]]>([
    ['yesterday', { deployedAt: '2026-11-23T10:00:00Z' }, []],
    ['the first instant of 2000', { deployedAt: '2000-01-01T00:00:00Z' }, []],
    ['a typed year 0000', { deployedAt: '0000-11-23T10:00:00Z' }, ['deployedAt: 0000-11-23T10:00:00Z is before 2000; send the real time of the deployment.']],
    ['exactly a day ahead (clock drift)', { deployedAt: '2026-11-25T10:00:00Z' }, []],
    ['more than a day ahead', { deployedAt: '2026-11-25T10:00:01Z' }, ['deployedAt: 2026-11-25T10:00:01Z is more than a day in the future.']],
    ['an updatedAt in the future', { deployedAt: '2026-11-23T10:00:00Z', updatedAt: '2027-01-01T00:00:00Z' }, ['updatedAt: 2027-01-01T00:00:00Z is more than a day in the future.']],
  ])('%s', (_case, dates, problems) => {
    expect(implausibleDates(dates, now)).toEqual(problems);
  });
});

describe('a deployment filed for the KPIs', () => {
  it('keeps what the KPIs read, in UTC, commits oldest first, and names its projects', () => {
    const event = stored({
      deployedAt: '2026-11-20T15:05:00+01:00',
      version: 'SHOP 2.4',
      issueKeys: ['SHOP-12', 'SHOP-12', 'PAY-3'],
      isRollback: true,
      isHotfix: true,
      pipeline: { name: 'deploy', url: 'https://ci.example.com/runs/1842' },
      commits: [
        { sha: 'ABCDEF0123456789', committedAt: '2026-11-19T12:00:00Z' },
        { sha: '0123456789abcdef', committedAt: '2026-11-18T12:00:00Z' },
      ],
    });
    expect(indexedDeploymentOf(event)).toEqual({
      id: 'shop-web-1842',
      env: 'production',
      status: 'successful',
      at: '2026-11-20T14:05:00.000Z',
      version: 'SHOP 2.4',
      issueKeys: ['SHOP-12', 'PAY-3'],
      rollback: true,
      hotfix: true,
      commits: [
        ['0123456789ab', '2026-11-18T12:00:00.000Z'],
        ['abcdef012345', '2026-11-19T12:00:00.000Z'],
      ],
      url: 'https://ci.example.com/runs/1842',
    });
    expect(projectsOfDeployment({ projectKey: 'SHOP', issueKeys: event.issueKeys })).toEqual(['PAY', 'SHOP']);
  });

  it.each<[string, Partial<DeploymentEvent>, Array<[string, string]> | undefined]>([
    ['no commit times', {}, undefined],
    ['only the first commit’s time', { commit: 'ABCDEF0123456789', firstCommitAt: '2026-11-18T12:00:00Z' }, [['abcdef012345', '2026-11-18T12:00:00.000Z']]],
    ['the first commit’s time without a hash', { firstCommitAt: '2026-11-18T12:00:00Z' }, [['first', '2026-11-18T12:00:00.000Z']]],
  ])('%s', (_case, fields, commits) => {
    expect(indexedDeploymentOf(stored(fields)).commits).toEqual(commits);
  });

  it('keeps the oldest 200 commits of a deployment that brings more', () => {
    // The newest commit first, one a minute back from midnight.
    const sha = (minutesBack: number) => `c0${minutesBack.toString(16).padStart(4, '0')}`;
    const commits = Array.from({ length: 201 }, (_, i) => ({ sha: sha(i), committedAt: new Date(Date.UTC(2026, 10, 20) - i * 60_000).toISOString() }));
    const kept = indexedDeploymentOf(stored({ commits })).commits;
    expect(kept).toHaveLength(200);
    expect(kept?.[0]).toEqual([sha(200), '2026-11-19T20:40:00.000Z']);
    expect(kept?.map(([hash]) => hash)).not.toContain(sha(0));
  });

  it.each<[string, Pick<DeploymentEvent, 'projectKey' | 'issueKeys'>, string[]]>([
    ['its project key alone', { projectKey: 'SHOP' }, ['SHOP']],
    ['the projects of its issues alone', { issueKeys: ['PAY_2-7', 'SHOP-12'] }, ['PAY_2', 'SHOP']],
    ['nothing to go by', {}, []],
  ])('belongs to the projects of %s', (_case, event, projects) => {
    expect(projectsOfDeployment(event)).toEqual(projects);
  });

  it.each([
    ['2026-11-20T14:05:00Z', '2026-11'],
    ['2026-11-30T23:30:00-02:00', '2026-12'],
  ])('deployed at %s, is filed under the month %s (UTC)', (at, month) => {
    expect(monthOfInstant(at)).toBe(month);
  });
});

describe('the monthly deployment index', () => {
  const entry = (id: string, at: string, overrides: Partial<IndexedDeployment> = {}): IndexedDeployment => ({ id, env: 'production', status: 'successful', at, ...overrides });
  const a = entry('a', '2026-11-02T10:00:00.000Z');
  const b = entry('b', '2026-11-05T10:00:00.000Z');

  it.each([
    ['one month', '2026-11-02T10:00:00Z', '2026-11-30T23:59:59Z', ['2026-11']],
    ['across a year end', '2026-11-30T23:00:00Z', '2027-01-01T00:00:00Z', ['2026-11', '2026-12', '2027-01']],
    ['a window ending at a month’s first instant', '2026-10-15T00:00:00Z', '2026-11-01T00:00:00Z', ['2026-10', '2026-11']],
    ['an empty window', '2026-11-02T10:00:00Z', '2026-10-31T00:00:00Z', []],
  ])('months of %s', (_case, from, to, months) => {
    expect(monthsBetween(Date.parse(from), Date.parse(to))).toEqual(months);
  });

  it.each<[string, { entries: IndexedDeployment[] }, IndexedDeployment, ReturnType<typeof appendToIndex>]>([
    ['a first entry', { entries: [] }, a, { entries: [a] }],
    ['an earlier one, kept in time order', { entries: [b] }, a, { entries: [a, b] }],
    ['one at the same instant, in id order', { entries: [b] }, entry('a', b.at), { entries: [entry('a', b.at), b] }],
    ['the same entry again', { entries: [a, b] }, a, 'present'],
    ['a status update, in place of the entry', { entries: [a, b] }, { ...a, status: 'rolled_back' }, { entries: [{ ...a, status: 'rolled_back' }, b] }],
  ])('files %s', (_case, doc, added, result) => {
    expect(appendToIndex(doc, added)).toEqual(result);
  });

  it('closes a part that has no room, but never refuses a first entry or an update', () => {
    const big = entry('big', '2026-11-01T00:00:00.000Z', { issueKeys: Array.from({ length: 20_000 }, (_, i) => `SHOP-${i + 1}`) });
    expect(JSON.stringify(big).length).toBeGreaterThan(DEPLOYMENT_INDEX_BUDGET_BYTES);
    expect(appendToIndex({ entries: [] }, big)).toEqual({ entries: [big] });
    expect(appendToIndex({ entries: [a] }, big)).toBe('full');
    expect(appendToIndex({ entries: [big] }, { ...big, status: 'failed' })).toEqual({ entries: [{ ...big, status: 'failed' }] });
  });

  it('fills a part up to its budget exactly, and not a byte more', () => {
    const withVersion = (length: number) => entry('b', '2026-11-05T10:00:00.000Z', { version: 'x'.repeat(length) });
    const room = DEPLOYMENT_INDEX_BUDGET_BYTES - JSON.stringify({ entries: [a, withVersion(0)] }).length;
    expect(appendToIndex({ entries: [a] }, withVersion(room))).toEqual({ entries: [a, withVersion(room)] });
    expect(appendToIndex({ entries: [a] }, withVersion(room + 1))).toBe('full');
  });

  it('removes an entry by id, and says when there is none', () => {
    expect(removeFromIndex({ entries: [a, b] }, 'a')).toEqual({ entries: [b] });
    expect(removeFromIndex({ entries: [a, b] }, 'c')).toBeUndefined();
  });
});
