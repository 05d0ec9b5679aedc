import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors/app-error';
import { MIGRATIONS } from './migrations';

/** The embedded database file inside DATA_DIR. */
export const DATABASE_FILE = 'etiquette.sqlite';

/**
 * Opens (creating if need be) the SQLite database in WAL mode with full durability, and applies pending
 * migrations in one transaction each.
 */
export function openDatabase(dataDir: string): Database.Database {
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
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  MIGRATIONS.slice(applied).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
  return db;
}
