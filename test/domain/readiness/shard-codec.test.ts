import { compactFacts } from '../../../src/domain/readiness/facts';
import type { ReleaseShard, ShardEntry } from '../../../src/domain/readiness/rollup';
import { decodeShard, encodeShard } from '../../../src/domain/readiness/shard-codec';
import { SHOP_23, SHOP_24, SHOP_25, SHOP_30, aBlocker, aLinkedIssue, anEntry } from '../../support/readiness-builders';

const entries: ShardEntry[] = [
  anEntry({ id: '1', key: 'SHOP-1' }),
  anEntry({ id: '2', key: 'SHOP-2', resolution: null, priority: undefined, flagged: true, s: [], sr: 0, fields: { components: false, customfield_10016: true } }),
  anEntry({
    id: '3',
    key: 'SHOP-3',
    subtask: true,
    category: 'indeterminate',
    subtasks: { total: 3, open: [aLinkedIssue({ key: 'SHOP-4' })] },
    blockers: [aBlocker({ key: 'PAY-1', fixVersions: [SHOP_25] }), aBlocker({ key: 'PAY-2', fixVersions: undefined, priority: undefined })],
    linked: [aLinkedIssue({ key: 'SHOP-9', issueType: 'Bug', priority: 'Highest' })],
    fields: {},
  }),
];

describe('stored release shards', () => {
  const shard: ReleaseShard = { versionId: SHOP_24.id, bucket: 3, builtAt: '2026-11-24T10:00:00.000Z', issues: Object.fromEntries(entries.map((e) => [e.id, { ...compactFacts(e), s: e.s, sr: e.sr }])) };

  it('decode what they encode, field by field', () => {
    expect(decodeShard(JSON.parse(JSON.stringify(encodeShard(shard))))).toEqual(shard);
  });

  it('write each set of checked fields once', () => {
    expect(encodeShard(shard).fs).toEqual([['components', 'customfield_10016', 'customfield_10021'], ['components', 'customfield_10016'], []]);
  });

  it('take a fraction of the plain JSON', () => {
    const many: ReleaseShard = { ...shard, issues: {} };
    for (let i = 0; i < 250; i++) many.issues[String(i)] = { ...shard.issues['1']!, id: String(i), key: `SHOP-${i}` };
    expect(JSON.stringify(encodeShard(many)).length).toBeLessThan(JSON.stringify(many).length * 0.6);
  });
});

describe('the stored form of a release shard (documents already stored must keep reading)', () => {
  it('writes short keys and tuples, and leaves out what is empty or false', () => {
    const plain: ReleaseShard = {
      versionId: SHOP_24.id,
      bucket: 3,
      path: '01',
      builtAt: '2026-11-24T10:00:00.000Z',
      fullAt: '2026-11-24T09:00:00.000Z',
      policyRev: 0,
      issues: {
        '1': anEntry({ id: '1', key: 'SHOP-1', fields: { components: true } }),
        '2': anEntry({
          id: '2',
          key: 'SHOP-2',
          summary: 'Refund to saved cards',
          issueType: 'Sub-task',
          subtask: true,
          statusName: 'To Do',
          category: 'new',
          resolution: null,
          priority: undefined,
          flagged: true,
          fixVersions: [SHOP_24, SHOP_23],
          fields: { customfield_10016: false, components: false },
          subtasks: { total: 2, open: [aLinkedIssue({ key: 'SHOP-4', summary: undefined, priority: undefined })] },
          blockers: [aBlocker({ key: 'PAY-1', summary: undefined, category: 'done', statusName: 'Done', fixVersions: [SHOP_30] }), aBlocker({ key: 'PAY-2', summary: undefined, fixVersions: undefined })],
          linked: [aLinkedIssue({ key: 'SHOP-9', summary: undefined, issueType: 'Bug', priority: 'Highest' })],
          s: [],
          sr: 0,
        }),
      },
    };
    const stored = encodeShard(plain);
    expect(stored).toEqual({
      fmt: 2,
      versionId: SHOP_24.id,
      bucket: 3,
      path: '01',
      builtAt: '2026-11-24T10:00:00.000Z',
      fullAt: '2026-11-24T09:00:00.000Z',
      pr: 0,
      pid: '10000',
      fs: [['components'], ['components', 'customfield_10016']],
      e: {
        '1': {
          k: 'SHOP-1', n: 'Pay with saved cards', t: 'Story', st: 'Done', c: 'd', r: 'Done', p: 'Medium', v: [['10005', 'SHOP 2.4', '2026-12-03', 0]], f: 0,
          u: Date.parse('2026-11-20T09:00:00Z'), o: Date.parse('2026-11-24T10:00:00Z'), s: ['qa-passed', 'code-reviewed', 'release-note'], sr: 3,
        },
        '2': {
          k: 'SHOP-2', n: 'Refund to saved cards', t: 'Sub-task', st: 'To Do', c: 'n', fl: 1, sub: 1, v: [['10005', 'SHOP 2.4', '2026-12-03', 0], ['10003', 'SHOP 2.3', '2026-10-20', 1]], f: 1,
          m: ['components', 'customfield_10016'], sn: 2, so: [['SHOP-4', 'In Progress', 'i', 'Task', '']],
          b: [['PAY-1', 'Done', 'd', 'Task', 'Medium', [['10007', 'SHOP 3.0', '', 0]]], ['PAY-2', 'In Progress', 'i', 'Task', 'Medium', null]],
          l: [['SHOP-9', 'In Progress', 'i', 'Bug', 'Highest']],
          u: Date.parse('2026-11-20T09:00:00Z'), o: Date.parse('2026-11-24T10:00:00Z'),
        },
      },
    });
    expect(decodeShard(JSON.parse(JSON.stringify(stored)))).toEqual(plain);
  });

  it('writes a set of checked fields the issues share once, whatever order they were read in', () => {
    const stored = encodeShard({ versionId: SHOP_24.id, bucket: 0, issues: { '1': anEntry({ id: '1', fields: { customfield_10016: true, components: false } }), '2': anEntry({ id: '2', fields: { components: true, customfield_10016: true } }) } });
    expect([stored.fs, stored.e['1']!.f, stored.e['2']!.f, stored.e['1']!.m, stored.e['2']!.m]).toEqual([[['components', 'customfield_10016']], 0, 0, ['components'], undefined]);
  });

  it('writes nothing it need not of an empty shard at the root of its bucket', () => {
    const empty: ReleaseShard = { versionId: SHOP_24.id, bucket: 0, issues: {} };
    expect(encodeShard(empty)).toEqual({ fmt: 2, versionId: SHOP_24.id, bucket: 0, pid: '', fs: [], e: {} });
    expect(decodeShard(encodeShard(empty))).toEqual(empty);
  });

  it('reads an entry whose field set is missing as having checked no field', () => {
    const stored = encodeShard({ versionId: SHOP_24.id, bucket: 0, issues: { '1': anEntry({ id: '1' }) } });
    expect(decodeShard({ ...stored, fs: [] }).issues['1']!.fields).toEqual({});
  });
});
