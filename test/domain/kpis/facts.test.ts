import { decodeFact, encodeFact, fixVersionIntervals, inVersionAt, issueFactFromJira, resolvedAt } from '../../../src/domain/kpis/facts';

const m = (iso: string) => Math.floor(Date.parse(iso) / 60_000);
const CATEGORY: Record<string, 'new' | 'indeterminate' | 'done'> = { '10000': 'new', '3': 'indeterminate', '10002': 'done' };

function issue(fields: Record<string, unknown>) {
  return {
    id: '10042',
    key: 'SHOP-42',
    fields: {
      issuetype: { id: '10001', name: 'Story', subtask: false },
      created: '2026-03-01T09:00:00.000+0000',
      updated: '2026-03-09T09:00:00.000+0000',
      status: { id: '10002', statusCategory: { key: 'done' } },
      resolution: { id: '10000', name: 'Done' },
      resolutiondate: '2026-03-09T09:00:00.000+0000',
      fixVersions: [{ id: '20' }],
      versions: [{ id: '5' }],
      ...fields,
    },
  };
}

const status = (at: string, from: string, to: string) => ({ id: at, created: `${at}.000+0000`, items: [{ field: 'status', fieldId: 'status', from, to }] });
const resolution = (at: string, to: string | null) => ({ id: at, created: `${at}.000+0000`, items: [{ field: 'resolution', fieldId: 'resolution', from: null, to }] });
const fix = (at: string, from: string | null, to: string | null) => ({ id: at, created: `${at}.000+0000`, items: [{ field: 'Fix Version', fieldId: 'fixVersions', from, to }] });

describe('issue facts from Jira', () => {
  it('takes work started from the first move to an In Progress status, in any history order', () => {
    const histories = [
      status('2026-03-09T09:00:00', '3', '10002'),
      resolution('2026-03-09T09:00:00', '10000'),
      status('2026-03-03T10:00:00', '10000', '3'),
      status('2026-03-05T10:00:00', '3', '10000'),
      status('2026-03-06T10:00:00', '10000', '3'),
    ];
    const fact = issueFactFromJira(issue({}), histories, (id) => CATEGORY[id]);
    expect(fact).toMatchObject({ started: m('2026-03-03T10:00:00Z'), resolved: m('2026-03-09T09:00:00Z'), category: 'done', affects: ['5'], typeId: '10001' });
  });

  it.each([
    ['created in progress (no status change)', { status: { id: '3', statusCategory: { key: 'indeterminate' } }, resolution: null, resolutiondate: null }, [], m('2026-03-01T09:00:00Z')],
    ['never in progress (straight to done)', {}, [status('2026-03-09T09:00:00', '10000', '10002')], null],
    ['left in to do', { status: { id: '10000', statusCategory: { key: 'new' } }, resolution: null, resolutiondate: null }, [], null],
  ])('has no guessed start when %s', (_case, fields, histories, started) => {
    expect(issueFactFromJira(issue(fields), histories, (id) => CATEGORY[id]).started).toBe(started);
  });

  it('follows re-openings: resolved at an instant only while a resolution was set', () => {
    const histories = [resolution('2026-03-04T10:00:00', '10000'), resolution('2026-03-06T10:00:00', null), resolution('2026-03-09T09:00:00', '10000')];
    const fact = issueFactFromJira(issue({}), histories, (id) => CATEGORY[id]);
    expect(fact.resolutions).toEqual([
      { from: m('2026-03-04T10:00:00Z'), to: m('2026-03-06T10:00:00Z') },
      { from: m('2026-03-09T09:00:00Z'), to: null },
    ]);
    expect(resolvedAt(fact, m('2026-03-05T00:00:00Z'))).toBe(true);
    expect(resolvedAt(fact, m('2026-03-07T00:00:00Z'))).toBe(false);
    expect(decodeFact(encodeFact(fact))).toEqual(fact);
  });

  it('rebuilds fix-version membership from the changelog', () => {
    const histories = [fix('2026-03-02T10:00:00', '10', null), fix('2026-03-02T10:00:00', null, '20'), fix('2026-03-04T10:00:00', null, '30'), fix('2026-03-05T10:00:00', '30', null)];
    const fact = issueFactFromJira(issue({}), histories, (id) => CATEGORY[id]);
    expect(fact.fixVersions).toEqual([
      { versionId: '10', from: m('2026-03-01T09:00:00Z'), to: m('2026-03-02T10:00:00Z') },
      { versionId: '20', from: m('2026-03-02T10:00:00Z'), to: null },
      { versionId: '30', from: m('2026-03-04T10:00:00Z'), to: m('2026-03-05T10:00:00Z') },
    ]);
    expect(inVersionAt(fact, '10', m('2026-03-01T12:00:00Z'))).toBe(true);
    expect(inVersionAt(fact, '20', m('2026-03-01T12:00:00Z'))).toBe(false);
    expect(decodeFact(encodeFact(fact))).toEqual(fact);
  });

  it('keeps an issue created with its fix version in it from creation', () => {
    expect(fixVersionIntervals(['7'], 100, [])).toEqual([{ versionId: '7', from: 100, to: null }]);
  });

  it('stores a fact in under 120 bytes', () => {
    const fact = issueFactFromJira(issue({}), [status('2026-03-03T10:00:00', '10000', '3')], (id) => CATEGORY[id]);
    expect(JSON.stringify(encodeFact(fact)).length).toBeLessThan(120);
  });
});
