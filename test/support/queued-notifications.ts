import type Database from 'better-sqlite3';
import type { CaseStore, OutboxRecord } from '../../src/storage/case-store';

const databases = new WeakMap<CaseStore, Database.Database>();

/** Remembers the database under a test's store, so the notifications it queued can be looked at. */
export function rememberDatabase(store: CaseStore, db: Database.Database): void {
  databases.set(store, db);
}

/**
 * The notifications waiting in the outbox (not sent), oldest first, read without claiming them: what a channel
 * would be handed next, so a test can see who is told what without a dispatch changing anything.
 */
export async function queuedIn(db: Database.Database): Promise<OutboxRecord[]> {
  const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return db
    .prepare('SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id')
    .all()
    .map((row) => Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [camel(k), v])) as unknown as OutboxRecord);
}

/** As `queuedIn`, for a store a test harness built. */
export function queuedNotifications(store: CaseStore): Promise<OutboxRecord[]> {
  const db = databases.get(store);
  if (!db) throw new Error('queuedNotifications: this store was not built by a test harness');
  return queuedIn(db);
}
