import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '../../src/errors';
import { FileKvStore } from '../../local/kv/file-kv-store';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';

describe('the local store refuses what Forge would refuse', () => {
  const store = new InMemoryKvStore();

  it.each([
    ['an empty key', '', /non-empty/],
    ['a key with a slash', 'release/1', /does not match/],
    ['a key of only spaces', '   ', /does not match/],
    ['a key over 500 characters', 'k'.repeat(501), /limit is 500/],
  ])('%s', async (_case, key, message) => {
    await expect(store.set(key, 1)).rejects.toMatchObject({ code: 'STORE_LIMIT', message: expect.stringMatching(message) });
  });

  it.each([
    ['null', null, /must not be null/],
    ['a value over 240 KiB', 'x'.repeat(240 * 1024), /limit is 245760 bytes/],
  ])('a value that is %s', async (_case, value, message) => {
    await expect(store.set('ok-key', value)).rejects.toMatchObject({ code: 'STORE_LIMIT', message: expect.stringMatching(message) });
    expect(await store.get('ok-key')).toBeUndefined();
  });

  it('accepts the characters Forge allows', async () => {
    await store.set('release:SHOP-1.2_x #3', { ok: true });
    expect(await store.get('release:SHOP-1.2_x #3')).toEqual({ ok: true });
  });

  it('refuses query pages over 100 and transactions over 25 operations or with a key twice', async () => {
    await expect(store.query('a', { limit: 101 })).rejects.toMatchObject({ code: 'STORE_LIMIT' });
    const ops = Array.from({ length: 26 }, (_, i) => ({ kind: 'put' as const, key: `k${i}`, value: i, expectRev: 0 }));
    await expect(store.transact(ops)).rejects.toMatchObject({ message: expect.stringMatching(/at most 25/) });
    await expect(
      store.transact([
        { kind: 'put', key: 'same', value: 1, expectRev: 0 },
        { kind: 'check', key: 'same', expectRev: 0 },
      ]),
    ).rejects.toMatchObject({ message: expect.stringMatching(/each key once/) });
  });
});

describe('reading and writing', () => {
  it('pages through a prefix in key order with cursors', async () => {
    const store = new InMemoryKvStore();
    await store.batchSet(Array.from({ length: 250 }, (_, i) => ({ key: `item:${String(i).padStart(3, '0')}`, value: i })));
    await store.set('other:1', 'not mine');
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query<number>('item:', cursor ? { cursor } : {});
      expect(page.results.length).toBeLessThanOrEqual(100);
      seen.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('creates a key once: the second setIfAbsent reports it taken and changes nothing', async () => {
    const store = new InMemoryKvStore();
    expect(await store.setIfAbsent('deployment:d1', { n: 1 })).toBe(true);
    expect(await store.setIfAbsent('deployment:d1', { n: 2 })).toBe(false);
    expect(await store.get('deployment:d1')).toEqual({ n: 1 });
  });

  it('hands out copies, so changing a read value does not change the store', async () => {
    const store = new InMemoryKvStore();
    await store.set('doc', { list: [1] });
    const read = (await store.get<{ list: number[] }>('doc')) as { list: number[] };
    read.list.push(2);
    expect(await store.get('doc')).toEqual({ list: [1] });
  });
});

describe('transactions with revision checks', () => {
  it('applies all operations or none', async () => {
    const store = new InMemoryKvStore();
    await store.transact([{ kind: 'put', key: 'a', value: 'a1', expectRev: 0 }]);
    const attempt = store.transact([
      { kind: 'put', key: 'b', value: 'b1', expectRev: 0 },
      { kind: 'put', key: 'a', value: 'a2', expectRev: 0 },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    expect(await store.getVersioned('b')).toBeUndefined();
    expect(await store.getVersioned('a')).toEqual({ value: 'a1', rev: 1 });
  });

  it('lets only one of two writers based on the same revision win', async () => {
    const store = new InMemoryKvStore();
    await store.transact([{ kind: 'put', key: 'doc', value: 0, expectRev: 0 }]);
    const results = await Promise.allSettled([
      store.transact([{ kind: 'put', key: 'doc', value: 'first', expectRev: 1 }]),
      store.transact([{ kind: 'put', key: 'doc', value: 'second', expectRev: 1 }]),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await store.getVersioned('doc'))?.rev).toBe(2);
  });
});

describe('the file-backed store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kvs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps plain and versioned data across restarts', async () => {
    const file = join(dir, 'kvs.json');
    const first = new FileKvStore(file);
    await first.set('settings:reports', { spaceKey: 'REL' });
    await first.transact([{ kind: 'put', key: 'versionhist:10000', value: { v: 1 }, expectRev: 0 }]);
    first.flush();
    const second = new FileKvStore(file);
    expect(await second.get('settings:reports')).toEqual({ spaceKey: 'REL' });
    expect(await second.getVersioned('versionhist:10000')).toEqual({ value: { v: 1 }, rev: 1 });
  });

  it('has every acknowledged write on disk, even when the process is killed right after', async () => {
    const file = join(dir, 'kvs.json');
    const script = join(dir, 'writer.ts');
    writeFileSync(
      script,
      `import { FileKvStore } from ${JSON.stringify(join(__dirname, '../../local/kv/file-kv-store'))};
const store = new FileKvStore(${JSON.stringify(file)});
(async () => {
  for (let i = 1; i <= 3; i++) {
    await store.transact([{ kind: 'put', key: 'readiness:signoffs:' + i, value: { signedBy: 'qa', check: i }, expectRev: 0 }]);
    process.stdout.write('ack ' + i + '\\n');
  }
  setInterval(() => undefined, 1000);
})();`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        // SIGKILL the moment the third write is acknowledged: no exit handler, no flush.
        if (out.includes('ack 3')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('error', reject);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const reopened = new FileKvStore(file);
    for (let i = 1; i <= 3; i++) expect(await reopened.getVersioned(`readiness:signoffs:${i}`)).toEqual({ value: { signedBy: 'qa', check: i }, rev: 1 });
    reopened.close();
  }, 30_000);

  it('survives a torn last log line, and keeps its files private to the owner', async () => {
    const file = join(dir, 'kvs.json');
    const first = new FileKvStore(file);
    await first.set('settings:deployments:secret', 's3cret');
    first.close();
    appendFileSync(`${file}.log`, '{"p":"half-writ');
    const second = new FileKvStore(file);
    expect(await second.get('settings:deployments:secret')).toBe('s3cret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}.log`).mode & 0o777).toBe(0o600);
    second.close();
  });

  it('keeps secrets in a file of their own, private to the owner, and out of the data files', async () => {
    const file = join(dir, 'kvs.json');
    const first = new FileKvStore(file);
    await first.setSecret('deployments-secret:a', 'secret-a-0123456789');
    await first.setSecret('deployments-secret:b', 'secret-b-0123456789');
    await first.deleteSecret('deployments-secret:a');
    first.close();
    expect(statSync(`${file}.secrets`).mode & 0o777).toBe(0o600);
    for (const data of [file, `${file}.log`]) expect(readFileSync(data, 'utf8')).not.toContain('secret-b');
    const second = new FileKvStore(file);
    expect(await second.getSecret('deployments-secret:b')).toBe('secret-b-0123456789');
    expect(await second.getSecret('deployments-secret:a')).toBeUndefined();
    expect((await second.query('deployments-secret:')).results).toEqual([]);
    second.close();
  });

  it('appends what a write changes instead of rewriting the store', async () => {
    const file = join(dir, 'kvs.json');
    const store = new FileKvStore(file);
    for (let i = 0; i < 200; i++) await store.set(`bulk:${i}`, { text: 'x'.repeat(1000) });
    const before = statSync(`${file}.log`).size;
    await store.set('one:more', { small: true });
    expect(statSync(`${file}.log`).size - before).toBeLessThan(100);
    store.close();
  });
});
