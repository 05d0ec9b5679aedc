import type { RateLimitStore } from '../../src/storage/rate-limit-store';
import { storageEngines, type EngineDatabase, type StorageEngine } from '../support/storage-engines';
import { unique } from '../support/store-records';

// A fresh PostgreSQL database takes a second or more to create and migrate on a busy machine.
jest.setTimeout(30_000);

/**
 * The rate-limit store's contract: fixed-window hit counts every instance shares. Only PostgreSQL has one (on the
 * embedded SQLite file one instance counts in memory, without a durable write for every question).
 */
describe.each(storageEngines().filter((engine) => engine.name !== 'SQLite'))('the $name rate-limit store', (engine: StorageEngine) => {
  let database: EngineDatabase;
  let store: RateLimitStore;

  beforeAll(async () => {
    database = await engine.open();
    const shared = database.stores.rateLimitStore;
    if (!shared) throw new Error(`${engine.name} has no shared rate-limit store`);
    store = shared;
  });
  afterAll(() => database.dispose());

  it('counts hits per key and window, each window starting again from one', async () => {
    const key = unique('ip');
    expect(await store.hit(key, '2026-03-02T09:00:00.000Z')).toBe(1);
    expect(await store.hit(key, '2026-03-02T09:00:00.000Z')).toBe(2);
    expect(await store.hit(unique('ip'), '2026-03-02T09:00:00.000Z')).toBe(1);
    expect(await store.hit(key, '2026-03-02T09:01:00.000Z')).toBe(1);
    expect(await store.hit(key, '2026-03-02T09:00:00.000Z')).toBe(3);
  });

  it('counts every one of many simultaneous hits, from two instances', async () => {
    const other = (await database.openAnother()).rateLimitStore as RateLimitStore;
    const key = unique('person');
    const counts = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? store : other).hit(key, '2026-03-02T09:00:00.000Z')));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
  });

  it('forgets windows that started before a time, counting them', async () => {
    const key = unique('ip');
    await store.hit(key, '2001-01-01T09:00:00.000Z');
    await store.hit(key, '2001-01-01T09:01:00.000Z');
    await store.hit(key, '2031-01-01T09:00:00.000Z');
    expect(await store.forgetWindowsBefore('2001-01-01T09:02:00.000Z')).toBe(2);
    expect(await store.hit(key, '2001-01-01T09:00:00.000Z')).toBe(1);
    expect(await store.hit(key, '2031-01-01T09:00:00.000Z')).toBe(2);
  });
});
