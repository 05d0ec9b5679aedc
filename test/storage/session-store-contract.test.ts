import type { SessionStore } from '../../src/storage/session-store';
import { storageEngines, type EngineDatabase, type StorageEngine } from '../support/storage-engines';
import { unique } from '../support/store-records';

// A fresh PostgreSQL database takes a second or more to create and migrate on a busy machine.
jest.setTimeout(30_000);

/** The session store's contract on every engine: web sessions until they expire, sign-ins under way taken once. */
describe.each(storageEngines())('the $name session store', (engine: StorageEngine) => {
  let database: EngineDatabase;
  let store: SessionStore;

  beforeAll(async () => {
    database = await engine.open();
    store = database.stores.sessionStore;
  });
  afterAll(() => database.dispose());

  const session = (expiresAt: string) => ({ idHash: unique('sid'), council: 'lydney', personId: 'ly-member', createdAt: '2026-03-02T09:00:00.000Z', expiresAt });
  const signIn = (expiresAt: string) => ({ keyHash: unique('key'), council: 'lydney', state: unique('state'), nonce: unique('nonce'), codeVerifier: unique('verifier'), expiresAt });

  it('finds a session until it expires, and not after it is deleted', async () => {
    const kept = session('2026-03-02T17:00:00.000Z');
    await store.saveSession(kept);
    expect(await store.findSession(kept.idHash, '2026-03-02T16:59:59.000Z')).toEqual(kept);
    expect(await store.findSession(kept.idHash, '2026-03-02T17:00:00.000Z')).toBeUndefined();
    await store.deleteSession(kept.idHash);
    expect(await store.findSession(kept.idHash, '2026-03-02T10:00:00.000Z')).toBeUndefined();
    expect(await store.findSession(unique('sid'), '2026-03-02T10:00:00.000Z')).toBeUndefined();
  });

  it('hands a sign-in under way to one callback only, even two at once', async () => {
    const pending = signIn('2026-03-02T09:10:00.000Z');
    await store.savePendingSignIn(pending);
    const takes = await Promise.all([store.takePendingSignIn(pending.keyHash, '2026-03-02T09:01:00.000Z'), store.takePendingSignIn(pending.keyHash, '2026-03-02T09:01:00.000Z')]);
    expect(takes.filter((t) => t !== undefined)).toEqual([pending]);
    expect(await store.takePendingSignIn(pending.keyHash, '2026-03-02T09:02:00.000Z')).toBeUndefined();
  });

  it('does not hand over an expired sign-in, and forgets it', async () => {
    const pending = signIn('2026-03-02T09:10:00.000Z');
    await store.savePendingSignIn(pending);
    expect(await store.takePendingSignIn(pending.keyHash, '2026-03-02T09:10:00.000Z')).toBeUndefined();
    expect(await store.takePendingSignIn(pending.keyHash, '2026-03-02T09:00:00.000Z')).toBeUndefined();
  });

  it('forgets expired sessions and sign-ins, counting them, and keeps the live ones', async () => {
    const live = session('2031-01-01T00:00:00.000Z');
    await store.saveSession(live);
    await store.saveSession(session('2001-01-01T00:00:00.000Z'));
    await store.savePendingSignIn(signIn('2001-01-01T00:00:00.000Z'));
    expect(await store.forgetExpired('2001-06-01T00:00:00.000Z')).toBe(2);
    expect(await store.findSession(live.idHash, '2026-03-02T10:00:00.000Z')).toEqual(live);
  });
});
