import { ConflictError } from '../../src/errors';
import { updateVersionedMany } from '../../src/store/versioned-update-many';
import { InMemoryKvStore } from '../../local/kv/in-memory-kv-store';
import { InterferingStore, bump } from './interfering-store';

// A booking moves from one environment's quarter to another's: both documents change together.
const FROM = 'plan:env:staging:2026q4';
const TO = 'plan:env:production:2026q4';
type Bookings = { versions: string[] };
const none = (): Bookings => ({ versions: [] });
const move = (version: string) => (docs: Map<string, Bookings>) =>
  new Map([
    [FROM, { versions: docs.get(FROM)!.versions.filter((v) => v !== version) }],
    [TO, { versions: [...docs.get(TO)!.versions, version] }],
  ]);

async function seeded() {
  const store = new InterferingStore();
  await bump(store, FROM, { versions: ['SHOP 2.4', 'SHOP 2.5'] });
  store.transactions = [];
  return store;
}

describe('updateVersionedMany: several documents, all or nothing', () => {
  it('writes every changed document in one transaction, missing ones from their initial value', async () => {
    const store = await seeded();
    const result = await updateVersionedMany(store, [FROM, TO], none, move('SHOP 2.4'));
    expect(result.written).toBe(true);
    expect(await store.getVersioned(FROM)).toEqual({ value: { versions: ['SHOP 2.5'] }, rev: 2 });
    expect(await store.getVersioned(TO)).toEqual({ value: { versions: ['SHOP 2.4'] }, rev: 1 });
    expect(store.transactions).toHaveLength(1);
  });

  it('checks the documents it read but does not write, so a change to one of them makes it start again', async () => {
    const store = await seeded();
    // Only TO is written, but the decision depended on FROM too.
    const copyFirst = (docs: Map<string, Bookings>) => new Map([[TO, { versions: [docs.get(FROM)!.versions[0]!] }]]);
    store.interfereTimes(1, (s) => bump(s, FROM, { versions: ['SHOP 2.6'] }));
    await updateVersionedMany(store, [FROM, TO], none, copyFirst);
    expect(store.transactions[0]).toEqual(expect.arrayContaining([{ kind: 'check', key: FROM, expectRev: 1 }]));
    expect((await store.getVersioned<Bookings>(TO))?.value).toEqual({ versions: ['SHOP 2.6'] });
  });

  it('writes nothing when the change has nothing to do', async () => {
    const store = await seeded();
    expect(await updateVersionedMany(store, [FROM, TO], none, () => undefined)).toEqual({ values: new Map([[FROM, { versions: ['SHOP 2.4', 'SHOP 2.5'] }], [TO, none()]]), written: false });
    expect(store.transactions).toHaveLength(0);
  });

  it('gives up with a conflict after its attempts and changes neither document', async () => {
    const store = await seeded();
    store.interfereTimes(2, (s) => bump(s, TO, { versions: ['PAY 3.1'] }));
    await expect(updateVersionedMany(store, [FROM, TO], none, move('SHOP 2.4'), 2)).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getVersioned<Bookings>(FROM))?.value.versions).toEqual(['SHOP 2.4', 'SHOP 2.5']);
    expect((await store.getVersioned<Bookings>(TO))?.value.versions).toEqual(['PAY 3.1']);
  });

  it('creates a document it did not read only if it does not exist yet', async () => {
    const store = await seeded();
    const intoUnread = () => new Map([[FROM, { versions: [] }], [TO, { versions: ['SHOP 2.4'] }]]);
    await updateVersionedMany(store, [FROM], none, intoUnread);
    expect((await store.getVersioned(TO))?.value).toEqual({ versions: ['SHOP 2.4'] });
    // Now it exists: writing it again unread would overwrite someone's document, so it conflicts.
    await expect(updateVersionedMany(store, [FROM], none, intoUnread, 1)).rejects.toThrow();
    expect((await store.getVersioned(TO))?.rev).toBe(1);
  });

  it('holds at most 25 documents (a Forge transaction’s limit), counting a repeated key once', async () => {
    const store = new InMemoryKvStore();
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `plan:env:e${i}:2026q4`);
    const touchAll = (docs: Map<string, Bookings>) => new Map([...docs.keys()].map((k) => [k, { versions: ['SHOP 2.4'] }]));
    await expect(updateVersionedMany(store, keys(26), none, touchAll)).rejects.toMatchObject({ code: 'STORE_LIMIT', message: expect.stringMatching(/Forge allows 25/) });
    expect((await store.query('plan:')).results).toEqual([]);
    expect((await updateVersionedMany(store, [...keys(25), ...keys(25)], none, touchAll)).written).toBe(true);
  });
});
