import type Database from 'better-sqlite3';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Settings } from '../config/settings-schema';
import { AppError } from '../errors/app-error';
import { isStorageError } from '../errors/storage-error';
import type { CaseStore } from '../storage/case-store';
import type { ChannelStore } from '../storage/channel-store';
import { openPostgres } from '../storage/postgres/open-postgres';
import type { RateLimitStore } from '../storage/rate-limit-store';
import type { SessionStore } from '../storage/session-store';
import { openDatabase } from '../storage/sqlite/open-database';
import { SqliteCaseStore } from '../storage/sqlite/sqlite-case-store';
import { SqliteChannelStore } from '../storage/sqlite/sqlite-channel-store';
import { SqliteSessionStore } from '../storage/sqlite/sqlite-session-store';

/** Every store the server uses, on one engine: the embedded SQLite file, or PostgreSQL shared by several instances. */
export interface Storage {
  engine: 'sqlite' | 'postgres';
  caseStore: CaseStore;
  channelStore: ChannelStore;
  sessionStore: SessionStore;
  /**
   * Request counts shared by every instance (PostgreSQL). Absent on SQLite: one instance counts exactly in memory,
   * and counting in the file would make every question wait for a durable write.
   */
  rateLimitStore?: RateLimitStore;
  /** The SQLite database itself (fault tests and benchmarks); absent on PostgreSQL. */
  sqlite?: Database.Database;
  /** Closes the engine (the SQLite file, or the PostgreSQL pool). */
  close(): Promise<void>;
}

/** Opens PostgreSQL; a failure at start-up tells the operator what went wrong (its code, never the URL). */
async function openPostgresForOperator(url: string, options: Parameters<typeof openPostgres>[1]): ReturnType<typeof openPostgres> {
  try {
    return await openPostgres(url, options);
  } catch (error) {
    if (!isStorageError(error)) throw error;
    const why = error.fault === 'unreachable' ? 'the server cannot be reached' : error.fault === 'read_only' ? 'the database is read-only' : 'it refused to open or migrate';
    throw new AppError('storage_unavailable', `cannot open the PostgreSQL database of DATABASE_URL: ${why} (${error.engineCode ?? 'no code'})`);
  }
}

/**
 * Opens the storage the settings name: PostgreSQL when DATABASE_URL is set (migrated under an advisory lock, so
 * instances starting together migrate once), otherwise the SQLite file in DATA_DIR with nothing to set up.
 */
export async function openStorage(settings: Settings, logger: Logger): Promise<Storage> {
  if (settings.DATABASE_URL) {
    const stores = await openPostgresForOperator(settings.DATABASE_URL, {
      maxConnections: settings.DATABASE_POOL_SIZE,
      // The pool replaces a connection the server dropped; only the operator's log hears of it (never the URL).
      onIdleError: (error) => logger.warn({ err: { message: error.message } }, 'a PostgreSQL connection was lost; the pool opens another'),
    });
    return { engine: 'postgres', ...stores };
  }
  const db = openDatabase(path.resolve(settings.DATA_DIR), settings.SQLITE_BUSY_TIMEOUT_MS);
  const caseStore = new SqliteCaseStore(db, { minFreeBytes: settings.STORAGE_MIN_FREE_BYTES });
  return {
    engine: 'sqlite',
    caseStore,
    channelStore: new SqliteChannelStore(db),
    sessionStore: new SqliteSessionStore(db),
    sqlite: db,
    close: () => caseStore.close(),
  };
}
