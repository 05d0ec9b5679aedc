import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors/app-error';
import { MIGRATIONS } from './migrations';

/** The embedded database file inside DATA_DIR. */
export const DATABASE_FILE = 'etiquette.sqlite';

/**
 * How long a write waits for a write lock another process holds (better-sqlite3 waits synchronously, so the whole
 * process waits with it): short, and the HTTP layer tries again on a timer (create-http-server.ts).
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 200;

/**
 * Opens (creating if need be) the SQLite database in WAL mode with full durability, and applies pending
 * migrations in one transaction each.
 */
export function openDatabase(dataDir: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Database.Database {
  let db: Database.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(path.join(dataDir, DATABASE_FILE));
  } catch (error) {
    throw new AppError('storage_unavailable', `cannot open the database in ${dataDir}: ${(error as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  // FULL: a transaction that has returned is on disk, so an acknowledged case survives a crash or power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A purged case is gone from the file too: deleted rows are overwritten with zeros, not left in free pages.
  db.pragma('secure_delete = ON');
  // Migrations at start-up may wait for another process; requests later wait only briefly.
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(applied).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  return db;
}
