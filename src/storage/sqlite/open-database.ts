import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors/app-error';
import { MIGRATIONS } from './migrations';
import { DEFAULT_BUSY_BUDGET_MS, setBusyBudget } from './sqlite-gate';

/** The embedded database file inside DATA_DIR. */
export const DATABASE_FILE = 'etiquette.sqlite';

/**
 * How long, in all, a write waits for a write lock another process holds. The wait is on timers (sqlite-gate.ts),
 * so only that request waits; the HTTP layer may then try the whole request again (create-http-server.ts).
 */
export const DEFAULT_BUSY_TIMEOUT_MS = DEFAULT_BUSY_BUDGET_MS;

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
  // Migrations at start-up may wait for another process (nothing else runs yet); requests later never block.
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(applied).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
  // better-sqlite3 would wait for a lock synchronously, freezing the whole process: fail at once instead, and let
  // the gate wait on timers within the budget.
  db.pragma('busy_timeout = 0');
  setBusyBudget(db, busyTimeoutMs);
  return db;
}
