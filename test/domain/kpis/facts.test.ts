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

// Jira's changelog item as the search expands it: every item names its field and field id.
const item = (fieldId: string, field: string, from: string | null, to: string | null) => ({ field, fieldId, from, to });
const at = (iso: string, items: ReturnType<typeof item>[], id?: string) => ({ ...(id ? { id } : {}), created: `${iso}.000+0000`, items });
const open = (fields: Record<string, unknown>) => issue({ status: { id: '3', statusCategory: { key: 'indeterminate' } }, resolution: null, resolutiondate: null, ...fields });

describe('the whole fact of a Jira issue', () => {
  const fact = (fields: Record<string, unknown>, histories: Parameters<typeof issueFactFromJira>[1]) => issueFactFromJira(issue(fields), histories, (id) => CATEGORY[id]);

  it('reads the bulk changelog, whose times are epoch milliseconds, oldest first', () => {
    const histories = [
      { id: '501', created: Date.parse('2026-03-02T10:00:00Z'), items: [item('status', 'status', '10000', '3')] },
      { id: '502', created: Date.parse('2026-03-09T09:00:00Z'), items: [item('status', 'status', '3', '10002'), item('resolution', 'resolution', null, '10000')] },
    ];
    expect(fact({}, histories)).toEqual({
      id: '10042',
      key: 'SHOP-42',
      typeId: '10001',
      created: m('2026-03-01T09:00:00Z'),
      updated: m('2026-03-09T09:00:00Z'),
      started: m('2026-03-02T10:00:00Z'),
      resolved: m('2026-03-09T09:00:00Z'),
      resolutionId: '10000',
      category: 'done',
      fixVersions: [{ versionId: '20', from: m('2026-03-01T09:00:00Z'), to: null }],
      affects: ['5'],
      resolutions: [{ from: m('2026-03-09T09:00:00Z'), to: null }],
    });
  });

  it.each([
    ['an older entry that names its field only', { field: 'status', from: '10000', to: '3' }, m('2026-03-03T10:00:00Z')],
    ['a custom field that happens to be called status', { field: 'status', fieldId: 'customfield_10031', from: '10000', to: '3' }, null],
  ])('takes work started from the status field alone: %s', (_case, statusItem, started) => {
    expect(fact({}, [{ created: '2026-03-03T10:00:00.000+0000', items: [statusItem as ReturnType<typeof item>] }]).started).toBe(started);
  });

  it.each([
    ['a Fix Version entry that names its field only', { field: 'Fix Version', from: null, to: '30' }, [
      { versionId: '20', from: m('2026-03-01T09:00:00Z'), to: null },
      { versionId: '30', from: m('2026-03-04T10:00:00Z'), to: null },
    ]],
    ['a custom version picker called Fix Version', { field: 'Fix Version', fieldId: 'customfield_10040', from: null, to: '30' }, [
      { versionId: '20', from: m('2026-03-01T09:00:00Z'), to: null },
    ]],
  ])('rebuilds fix versions from the fix-version field alone: %s', (_case, fixItem, fixVersions) => {
    expect(fact({}, [{ created: '2026-03-04T10:00:00.000+0000', items: [fixItem as ReturnType<typeof item>] }]).fixVersions).toEqual(fixVersions);
  });

  it.each([
    ['newest first (the search)', true],
    ['oldest first (the bulk changelog)', false],
  ])('orders changes logged in the same second by their id, %s', (_case, newestFirst) => {
    // An automation rule resolved the issue and a person re-opened it within the second. It is
    // open now, last touched a day later.
    const histories = [at('2026-03-09T09:00:00', [item('resolution', 'resolution', null, '10000')], '101'), at('2026-03-09T09:00:00', [item('resolution', 'resolution', '10000', null)], '102')];
    if (newestFirst) histories.reverse();
    expect(issueFactFromJira(open({ updated: '2026-03-10T09:00:00.000+0000' }), histories, (id) => CATEGORY[id]).resolutions).toEqual([
      { from: m('2026-03-09T09:00:00Z'), to: m('2026-03-09T09:00:00Z') },
    ]);
  });

  it('keeps changes of the same second without ids in the order Jira gave them', () => {
    const histories = [at('2026-03-09T09:00:00', [item('resolution', 'resolution', null, '10000')]), at('2026-03-09T09:00:00', [item('resolution', 'resolution', '10000', null)])];
    expect(issueFactFromJira(open({ updated: '2026-03-10T09:00:00.000+0000' }), histories, (id) => CATEGORY[id]).resolutions).toEqual([
      { from: m('2026-03-09T09:00:00Z'), to: m('2026-03-09T09:00:00Z') },
    ]);
  });

  it.each([
    ['created in progress, then closed without another move', [status('2026-03-09T09:00:00', '3', '10002')], m('2026-03-01T09:00:00Z')],
    ['created in to do, then closed straight away', [status('2026-03-09T09:00:00', '10000', '10002')], null],
    ['created in progress, re-opened to to do, then closed', [status('2026-03-04T09:00:00', '3', '10000'), status('2026-03-09T09:00:00', '10000', '10002')], m('2026-03-01T09:00:00Z')],
    ['moved from an unknown status (deleted from the workflow) to done', [status('2026-03-09T09:00:00', '99999', '10002')], null],
  ])('started at creation only when it was created in progress: %s', (_case, histories, started) => {
    expect(fact({}, histories).started).toBe(started);
  });

  it('started at creation when created in progress, though it went back to to do and into progress again', () => {
    const histories = [status('2026-03-03T09:00:00', '3', '10000'), status('2026-03-05T09:00:00', '10000', '3'), status('2026-03-09T09:00:00', '3', '10002')];
    expect(fact({}, histories).started).toBe(m('2026-03-01T09:00:00Z'));
  });

  it('reads a transition that also set other fields (Jira logs the resolution with the move to Done)', () => {
    const inProgress = at('2026-03-03T09:00:00', [item('assignee', 'assignee', null, '5b10ac8d82e05b22cc7d4ef5'), item('status', 'status', '10000', '3')]);
    const done = at('2026-03-09T09:00:00', [item('status', 'status', '3', '10002'), item('resolution', 'resolution', null, '10000')]);
    expect([fact({}, [inProgress, done]).started, fact({}, [done]).started]).toEqual([m('2026-03-03T09:00:00Z'), m('2026-03-01T09:00:00Z')]);
  });

  it('reads an old changelog whose entries name their field only', () => {
    const old = (iso: string, field: string, from: string | null, to: string | null) => ({ created: `${iso}.000+0000`, items: [{ field, from, to }] });
    const histories = [
      old('2026-03-02T09:00:00', 'priority', '1', '3'), // priority ids are 1–5: 3 is no status here
      old('2026-03-04T09:00:00', 'resolution', null, '10000'),
      old('2026-03-04T09:00:00', 'status', '3', '10002'),
      old('2026-03-06T09:00:00', 'resolution', '10000', null),
      old('2026-03-09T09:00:00', 'resolution', null, '10000'),
    ];
    expect(fact({}, histories)).toMatchObject({
      started: m('2026-03-01T09:00:00Z'), // created in progress: the first status change is from 3
      resolutions: [
        { from: m('2026-03-04T09:00:00Z'), to: m('2026-03-06T09:00:00Z') },
        { from: m('2026-03-09T09:00:00Z'), to: null },
      ],
    });
    expect(fact({}, [old('2026-03-02T09:00:00', 'priority', '1', '3')]).started).toBeNull();
  });

  it('ignores a history whose time cannot be read', () => {
    expect(fact({}, [{ created: 'yesterday', items: [item('status', 'status', '10000', '3')] }]).started).toBeNull();
  });

  it('follows an issue re-opened twice, open now', () => {
    const set = (iso: string) => resolution(iso, '10000');
    const cleared = (iso: string) => ({ ...resolution(iso, null), items: [item('resolution', 'resolution', '10000', null)] });
    const histories = [set('2026-03-03T09:00:00'), cleared('2026-03-04T09:00:00'), set('2026-03-06T09:00:00'), cleared('2026-03-08T09:00:00')];
    expect(issueFactFromJira(open({ updated: '2026-03-08T09:00:00.000+0000' }), histories, (id) => CATEGORY[id]).resolutions).toEqual([
      { from: m('2026-03-03T09:00:00Z'), to: m('2026-03-04T09:00:00Z') },
      { from: m('2026-03-06T09:00:00Z'), to: m('2026-03-08T09:00:00Z') },
    ]);
  });

  it('takes the status it was created in from the first status change, not from its status now', () => {
    // In progress now, through moves the changelog read was cut before; it was created in to do.
    const histories = [status('2026-03-04T09:00:00', '10000', '10002')];
    expect(issueFactFromJira(open({}), histories, (id) => CATEGORY[id]).started).toBeNull();
  });

  it.each([
    ['resolved as Done, then the resolution corrected to Won’t Do', [resolution('2026-03-05T10:00:00', '10000'), { ...resolution('2026-03-06T10:00:00', '10001'), items: [item('resolution', 'resolution', '10000', '10001')] }], '2026-03-05T10:00:00Z'],
    ['resolved once, with no resolution in the changelog (imported resolved)', [], '2026-03-09T09:00:00Z'],
  ])('is resolved from its first resolution while it stays resolved: %s', (_case, histories, from) => {
    expect(fact({}, histories).resolutions).toEqual([{ from: m(from), to: null }]);
  });

  it('ignores a resolution cleared that the changelog never showed set (a cut changelog)', () => {
    const histories = [resolution('2026-03-04T10:00:00', null), resolution('2026-03-09T09:00:00', '10000')];
    expect(fact({}, histories).resolutions).toEqual([{ from: m('2026-03-09T09:00:00Z'), to: null }]);
  });

  it('adds the resolution Jira shows now when the changelog ends re-opened (the last change was cut)', () => {
    const histories = [resolution('2026-03-04T10:00:00', '10000'), { ...resolution('2026-03-05T10:00:00', null), items: [item('resolution', 'resolution', '10000', null)] }];
    expect(fact({}, histories).resolutions).toEqual([
      { from: m('2026-03-04T10:00:00Z'), to: m('2026-03-05T10:00:00Z') },
      { from: m('2026-03-09T09:00:00Z'), to: null },
    ]);
  });

  it.each([
    ['at its last update', { updated: '2026-03-07T08:00:00.000+0000' }, '2026-03-07T08:00:00Z'],
    ['at creation when Jira sent no update time', { updated: null }, '2026-03-01T09:00:00Z'],
  ])('closes a resolution of an issue open now, that the changelog never showed cleared, %s', (_case, fields, to) => {
    expect(issueFactFromJira(open(fields), [resolution('2026-03-04T10:00:00', '10000')], (id) => CATEGORY[id]).resolutions).toEqual([
      { from: m('2026-03-04T10:00:00Z'), to: m(to) },
    ]);
  });

  it('reads an issue Jira sent with few fields: no type, no resolution, no versions, no times', () => {
    const bare = { id: '7', key: 'SHOP-7', fields: { status: { id: '10000', statusCategory: { key: 'new' } } } };
    expect(issueFactFromJira(bare, [], (id) => CATEGORY[id])).toEqual({
      id: '7',
      key: 'SHOP-7',
      typeId: '',
      created: 0,
      updated: 0,
      started: null,
      resolved: null,
      resolutionId: null,
      category: 'new',
      fixVersions: [],
      affects: [],
      resolutions: [],
    });
  });

  it.each([
    ['a resolution without an id', { name: 'Done' }, null],
    ['no resolution', null, null],
    ['a numeric id', { id: 10000 }, '10000'],
  ])('stores the resolution id as text: %s', (_case, value, resolutionId) => {
    expect(fact({ resolution: value }, []).resolutionId).toBe(resolutionId);
  });

  it.each([
    ['a status category Jira does not define', { id: '9', statusCategory: { key: 'undefined' } }, 'new'],
    ['no status', null, 'new'],
    ['a status without its category', { id: '3' }, 'new'],
    ['to do', { id: '10000', statusCategory: { key: 'new' } }, 'new'],
    ['done', { id: '10002', statusCategory: { key: 'done' } }, 'done'],
    ['in progress', { id: '3', statusCategory: { key: 'indeterminate' } }, 'indeterminate'],
  ])('reads the status category now: %s', (_case, value, category) => {
    expect(fact({ status: value }, []).category).toBe(category);
  });
});

describe('fix-version membership over time', () => {
  it('undoes the changelog newest first to find the versions it was created with', () => {
    // Created in 1.0; moved to 1.1 on day 2, back to 1.0 on day 3; now in 1.0 only.
    expect(fixVersionIntervals(['10'], 1000, [
      { at: 2000, items: [{ from: '10', to: '11' }] },
      { at: 3000, items: [{ from: '11', to: '10' }] },
    ])).toEqual([
      { versionId: '10', from: 1000, to: 2000 },
      { versionId: '11', from: 2000, to: 3000 },
      { versionId: '10', from: 3000, to: null },
    ]);
  });

  it('opens one interval when the same version is added twice', () => {
    expect(fixVersionIntervals(['10'], 1000, [
      { at: 2000, items: [{ from: null, to: '10' }] },
      { at: 2500, items: [{ from: null, to: '10' }] },
    ])).toEqual([{ versionId: '10', from: 2000, to: null }]);
  });

  it('never closes an interval before it opens (a removal stamped before the creation time)', () => {
    expect(fixVersionIntervals([], 1000, [{ at: 990, items: [{ from: '10', to: null }] }])).toEqual([{ versionId: '10', from: 1000, to: 1000 }]);
  });

  it.each([
    ['at the minute it was added', 2000, true],
    ['a minute before', 1999, false],
    ['at the minute it was removed', 3000, false],
    ['a minute before it was removed', 2999, true],
  ])('is in the version %s: %s', (_case, minute, inside) => {
    expect(inVersionAt({ fixVersions: [{ versionId: '10', from: 2000, to: 3000 }] }, '10', minute)).toBe(inside);
    expect(resolvedAt({ resolutions: [{ from: 2000, to: 3000 }] }, minute)).toBe(inside);
  });
});

describe('the stored form of a fact', () => {
  const fact = (resolved: number | null, resolutions: Array<{ from: number; to: number | null }>) => ({
    id: '10042',
    key: 'SHOP-42',
    typeId: '10001',
    created: 100,
    updated: 900,
    started: 200,
    resolved,
    resolutionId: resolved === null ? null : '10000',
    category: resolved === null ? ('indeterminate' as const) : ('done' as const),
    fixVersions: [{ versionId: '20', from: 100, to: 500 }, { versionId: '21', from: 500, to: null }],
    affects: ['5'],
    resolutions,
  });

  it.each([
    ['never resolved', fact(null, []), []],
    ['resolved once, still resolved', fact(800, [{ from: 800, to: null }]), []],
    ['resolved, re-opened and open now', fact(null, [{ from: 300, to: 400 }]), [300, 400]],
    ['resolved, re-opened and resolved again', fact(800, [{ from: 300, to: 400 }, { from: 800, to: null }]), [300, 400, 800, null]],
    ['resolved before its resolution date (the resolution was corrected)', fact(800, [{ from: 700, to: null }]), [700, null]],
  ])('keeps the resolutions of an issue %s', (_case, value, flat) => {
    const category = value.category === 'done' ? 2 : 1;
    expect(encodeFact(value)).toEqual(['10042', 'SHOP-42', '10001', 100, 900, 200, value.resolved, value.resolutionId, category, [['20', 100, 500], ['21', 500, null]], ['5'], flat]);
    expect(decodeFact(encodeFact(value))).toEqual(value);
  });

  it.each([
    [0, 'new'],
    [1, 'indeterminate'],
    [2, 'done'],
  ] as const)('reads status category code %i as %s', (code, category) => {
    expect(decodeFact(['1', 'SHOP-1', '10001', 1, 1, null, null, null, code, [], [], []]).category).toBe(category);
  });
});
