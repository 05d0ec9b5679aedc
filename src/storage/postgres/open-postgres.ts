import pg from 'pg';
import { storageErrorOf } from './pg-errors';
import { migratePostgres } from './pg-migrations';
import { PostgresCaseStore } from './postgres-case-store';
import { PostgresChannelStore } from './postgres-channel-store';
import { PostgresRateLimitStore } from './postgres-rate-limit-store';
import { PostgresSessionStore } from './postgres-session-store';

/** The four stores on one PostgreSQL pool; closing the case store (or `close`) ends the pool for all of them. */
export interface PostgresStores {
  caseStore: PostgresCaseStore;
  channelStore: PostgresChannelStore;
  sessionStore: PostgresSessionStore;
  rateLimitStore: PostgresRateLimitStore;
  close(): Promise<void>;
}

/** How the pool behaves; the defaults suit one instance of the bot. */
export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  maxConnections: number;
  /** How long a request waits for a connection before failing with `storage_unavailable` (default 5 s), so an unreachable database fails readiness instead of hanging it. */
  connectionTimeoutMs: number;
  /** How long the writable check (readiness) waits for its probe write (default 3 s). */
  probeTimeoutMs: number;
  /** Told of errors on idle connections (the server restarted, the network dropped); without a listener `pg` would crash the process. */
  onIdleError: (error: Error) => void;
}

/** Bigint ids and counts as JavaScript numbers: the records' ids are numbers, and no table here nears 2^53 rows. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * Connects to PostgreSQL at `url` (`postgres://user:password@host:port/database`), applies pending migrations
 * under an advisory lock (two instances starting at once migrate once), and returns the stores. A database that
 * cannot be reached or migrated fails here with a StorageError (its SQLSTATE or errno in `engineCode`).
 */
export async function openPostgres(url: string, options: Partial<PostgresOptions> = {}): Promise<PostgresStores> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    types,
    application_name: 'council-etiquette-bot',
    // An instance cut off in mid-transaction must not hold a case's row lock for hours: the server ends such a
    // session, a wait for a lock gives up (that one step fails as busy; the pass goes on), and no statement runs
    // unbounded. TCP keep-alive notices a silent network drop.
    idle_in_transaction_session_timeout: 60_000,
    lock_timeout: 10_000,
    statement_timeout: 30_000,
    keepAlive: true,
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  try {
    const client = await pool.connect().catch((error: unknown) => {
      throw storageErrorOf(error);
    });
    // A connection lost while migrating fails the migration (a StorageError), rather than ending the process.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    try {
      await migratePostgres(client);
    } finally {
      client.removeListener('error', onLost);
      client.release(lost);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const caseStore = new PostgresCaseStore(pool, undefined, options.probeTimeoutMs);
  return {
    caseStore,
    channelStore: new PostgresChannelStore(pool),
    sessionStore: new PostgresSessionStore(pool),
    rateLimitStore: new PostgresRateLimitStore(pool),
    close: () => caseStore.close(),
  };
}
