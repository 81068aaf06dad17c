import { compactFacts } from '../../../src/domain/readiness/facts';
import type { ReleaseShard, ShardEntry } from '../../../src/domain/readiness/rollup';
import { decodeShard, encodeShard } from '../../../src/domain/readiness/shard-codec';
import { SHOP_24, SHOP_25, aBlocker, aLinkedIssue, anEntry } from '../../support/readiness-builders';

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
