import { jsonBytes } from '../../../src/domain/json-size';
import type { ReleaseShard } from '../../../src/domain/readiness/rollup';
import { encodeShard } from '../../../src/domain/readiness/shard-codec';
import { MAX_DEPTH, SPLIT_AT_BYTES, branchOf, isSplitNode, leafPathOf, placeShard, splitNode } from '../../../src/domain/readiness/shard-split';
import { SHOP_24, anEntry } from '../../support/readiness-builders';

/** A bucket of SHOP 2.4 holding the issues with these ids, built on 24 Nov. */
function bucketWith(ids: string[], path?: string): ReleaseShard {
  return {
    versionId: SHOP_24.id,
    bucket: 3,
    ...(path !== undefined ? { path } : {}),
    builtAt: '2026-11-24T10:00:00.000Z',
    policyRev: 2,
    issues: Object.fromEntries(ids.map((id) => [id, anEntry({ id, key: `SHOP-${id}` })])),
  };
}

describe('the branch of a release bucket’s tree that holds an issue', () => {
  // Stored trees rely on these bits: a change of hash would look for issues in the wrong leaves.
  it.each([
    ['10001', '1011'],
    ['10002', '0010'],
    ['10003', '1110'],
    ['10004', '0111'],
    ['10008', '0100'],
  ])('issue %s goes %s at depths 0 to 3', (id, bits) => {
    expect([0, 1, 2, 3].map((depth) => branchOf(id, depth)).join('')).toBe(bits);
  });

  it.each<[string, (path: string) => boolean, string]>([
    ['a bucket that never split', () => false, ''],
    ['a bucket split once', (path) => path === '', '1'],
    ['a bucket split three levels down its branch', (path) => path.length < 3, '101'],
    ['a bucket split on another branch only', (path) => path === '' || path === '0', '1'],
  ])('issue 10001 in %s is in leaf "%s"', (_case, isSplit, leaf) => {
    expect(leafPathOf('10001', isSplit)).toBe(leaf);
  });

  it(`stops at depth ${MAX_DEPTH}: the hash has no more bits`, () => {
    expect(leafPathOf('10001', () => true)).toHaveLength(MAX_DEPTH);
  });
});

describe('split nodes', () => {
  it.each([
    ['the root of a bucket', { versionId: SHOP_24.id, bucket: 3 }, { fmt: 2, versionId: SHOP_24.id, bucket: 3, split: 1, pid: '10000', fs: [], e: {} }],
    ['a node below it', { versionId: SHOP_24.id, bucket: 3, path: '01' }, { fmt: 2, versionId: SHOP_24.id, bucket: 3, path: '01', split: 1, pid: '10000', fs: [], e: {} }],
  ])('%s holds no issues and says it is split', (_case, at, doc) => {
    expect(splitNode(at, '10000')).toEqual(doc);
    expect(isSplitNode(splitNode(at, '10000'))).toBe(true);
  });

  it.each([
    ['a leaf', encodeShard(bucketWith(['10001']))],
    ['no document', undefined],
  ])('%s is not a split node', (_case, doc) => {
    expect(isSplitNode(doc)).toBe(false);
  });
});

describe('placing a release bucket in documents under a byte limit', () => {
  const ids = ['10001', '10002', '10003', '10004', '10005', '10006', '10007', '10008'];
  const paths = (shard: ReleaseShard, limit?: number) => placeShard(shard, limit).map((p) => [p.path, isSplitNode(p.doc) ? 'split' : Object.keys(p.doc.e).join(' ')]);

  it('keeps a bucket that fits in one leaf at its own path, as encoded', () => {
    const shard = bucketWith(ids);
    expect(placeShard(shard)).toEqual([{ path: '', doc: encodeShard(shard) }]);
    expect(placeShard(bucketWith(ids, '10'))).toEqual([{ path: '10', doc: encodeShard(bucketWith(ids, '10')) }]);
    expect(jsonBytes(encodeShard(shard))).toBeLessThan(SPLIT_AT_BYTES);
  });

  it('keeps a bucket of exactly the limit whole, and splits one a byte over it', () => {
    const shard = bucketWith(ids);
    const size = jsonBytes(encodeShard(shard));
    expect(placeShard(shard, size)).toHaveLength(1);
    expect(placeShard(shard, size - 1).length).toBeGreaterThan(1);
  });

  it('splits a bucket over the limit by the next bit of each issue, parents before children, as deep as needed', () => {
    const oneIssue = jsonBytes(encodeShard(bucketWith(['10001'])));
    // Room for two issues a leaf: four a side at depth 0, two a leaf at depth 1.
    expect(paths(bucketWith(ids), oneIssue + 700)).toEqual([
      ['', 'split'],
      ['0', 'split'],
      ['00', '10002 10006'],
      ['01', '10004 10008'],
      ['1', 'split'],
      ['10', '10001 10005'],
      ['11', '10003 10007'],
    ]);
    // Room for one: down to the bit where two issues part; both children of a split are written, an empty one too.
    expect(paths(bucketWith(['10001', '10005', '10004']), oneIssue)).toEqual([
      ['', 'split'],
      ['0', '10004'],
      ['1', 'split'],
      ['10', 'split'],
      ['100', '10005'],
      ['101', '10001'],
      ['11', ''],
    ]);
  });

  it('gives the children the bucket’s build marks and the split node its project', () => {
    const [root, left, right] = placeShard(bucketWith(['10001', '10002']), 1);
    expect(root).toEqual({ path: '', doc: splitNode({ versionId: SHOP_24.id, bucket: 3 }, '10000') });
    expect(left).toEqual({ path: '0', doc: encodeShard({ ...bucketWith(['10002']), path: '0' }) });
    expect(right).toEqual({ path: '1', doc: encodeShard({ ...bucketWith(['10001']), path: '1' }) });
    expect(right!.doc).toMatchObject({ builtAt: '2026-11-24T10:00:00.000Z', pr: 2 });
  });

  it.each([
    ['a single issue bigger than the limit (the store refuses it)', bucketWith(['10001'])],
    [`two issues at depth ${MAX_DEPTH}, where the hash has no more bits`, bucketWith(['10001', '10003'], '1'.repeat(MAX_DEPTH))],
  ])('leaves %s in one leaf', (_case, shard) => {
    expect(placeShard(shard, 1)).toEqual([{ path: shard.path ?? '', doc: encodeShard(shard) }]);
  });
});
