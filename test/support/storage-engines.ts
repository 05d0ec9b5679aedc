import pg from 'pg';
import type { CaseStore } from '../../src/storage/case-store';
import type { ChannelStore } from '../../src/storage/channel-store';
import { openPostgres } from '../../src/storage/postgres/open-postgres';
import type { RateLimitStore } from '../../src/storage/rate-limit-store';
import type { SessionStore } from '../../src/storage/session-store';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { SqliteCaseStore } from '../../src/storage/sqlite/sqlite-case-store';
import { SqliteChannelStore } from '../../src/storage/sqlite/sqlite-channel-store';
import { SqliteSessionStore } from '../../src/storage/sqlite/sqlite-session-store';
import { createTestDatabase, dropTestDatabase, testServerUrl } from './postgres-server';
import { tempDataDir } from './temp-data-dir';

/** The four stores as one instance of the bot opens them. */
export interface OpenedStores {
  caseStore: CaseStore;
  channelStore: ChannelStore;
  sessionStore: SessionStore;
  /** Shared request counts: PostgreSQL only (on SQLite one instance counts in memory). */
  rateLimitStore?: RateLimitStore;
  close(): Promise<void>;
}

/** One database for a test file, and the ways into it the contract tests need. */
export interface EngineDatabase {
  /** The stores, as the first instance opened them. */
  stores: OpenedStores;
  /** Stores on the same database as a second instance opens them (its own connection or pool). */
  openAnother(): Promise<OpenedStores>;
  /** Runs SQL straight on the database, past the stores: to show that the database itself refuses something. */
  execRaw(sql: string): Promise<void>;
  /** Closes everything opened and removes the database. */
  dispose(): Promise<void>;
}

/** A storage engine the contract tests run on. */
export interface StorageEngine {
  name: string;
  open(): Promise<EngineDatabase>;
}

async function openSqliteStores(dataDir: string): Promise<OpenedStores & { db: ReturnType<typeof openDatabase> }> {
  // Two instances on one file take turns at its write lock: on a busy test machine a turn can take a while.
  const db = openDatabase(dataDir, 2000);
  const caseStore = new SqliteCaseStore(db);
  return { db, caseStore, channelStore: new SqliteChannelStore(db), sessionStore: new SqliteSessionStore(db), close: () => caseStore.close() };
}

const sqlite: StorageEngine = {
  name: 'SQLite',
  async open() {
    const dataDir = tempDataDir();
    const first = await openSqliteStores(dataDir);
    const opened: OpenedStores[] = [first];
    return {
      stores: first,
      async openAnother() {
        const another = await openSqliteStores(dataDir);
        opened.push(another);
        return another;
      },
      async execRaw(sql) {
        first.db.exec(sql);
      },
      async dispose() {
        for (const stores of opened) await stores.close();
      },
    };
  },
};

const postgres: StorageEngine = {
  name: 'PostgreSQL',
  async open() {
    const url = await createTestDatabase();
    const first = await openPostgres(url);
    const opened: OpenedStores[] = [first];
    return {
      stores: first,
      async openAnother() {
        const another = await openPostgres(url);
        opened.push(another);
        return another;
      },
      async execRaw(sql) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(sql);
        } finally {
          await client.end();
        }
      },
      async dispose() {
        for (const stores of opened) await stores.close();
        await dropTestDatabase(url);
      },
    };
  },
};

let toldSkipped = false;

/**
 * The engines to run the storage contract on: SQLite always; PostgreSQL when the run has a server (the jest global
 * setup starts one, or TEST_DATABASE_URL names one). Without one the PostgreSQL cases are left out, and this says so.
 */
export function storageEngines(): StorageEngine[] {
  if (testServerUrl()) return [sqlite, postgres];
  if (!toldSkipped) console.warn('[storage tests] PostgreSQL cases skipped: no PostgreSQL for this run (see test/support/postgres-global-setup.ts)');
  toldSkipped = true;
  return [sqlite];
}
