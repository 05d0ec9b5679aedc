import { STORAGE_BUSY_MESSAGE, STORAGE_UNAVAILABLE_MESSAGE, StorageError, type StorageFault } from '../../errors/storage-error';

/** PostgreSQL error codes (SQLSTATE) that say why a write cannot land now; anything else is `not_writable`. */
const FAULTS: Readonly<Record<string, StorageFault>> = {
  '53100': 'disk_full',
  '25006': 'read_only', // read_only_sql_transaction: a standby, or default_transaction_read_only
  '40001': 'storage_busy', // serialization_failure
  '40P01': 'storage_busy', // deadlock_detected
  '55P03': 'storage_busy', // lock_not_available
  '57014': 'storage_busy', // query_canceled (statement_timeout)
  '53300': 'storage_busy', // too_many_connections
  '57P01': 'unreachable', // admin_shutdown: the server is stopping
  '57P03': 'unreachable', // cannot_connect_now: the server is starting or recovering
  '08000': 'unreachable', // connection_exception
  '08001': 'unreachable', // sqlclient_unable_to_establish_sqlconnection
  '08006': 'unreachable', // connection_failure
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ENOTFOUND: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  ETIMEDOUT: 'unreachable',
  connection_timeout: 'unreachable',
  connection_terminated: 'unreachable',
};

/** Codes after which the whole transaction is worth running again: another transaction got there first. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['40001', '40P01', '23505']);

/** The engine's code of an error from `pg`: the SQLSTATE, else Node's errno code (ECONNREFUSED …), else a fixed word. */
export function engineCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length > 0) return code;
  if (error instanceof Error && /timeout/i.test(error.message)) return 'connection_timeout';
  // pg's own words when the server went away under an open connection (it gives no code for it)
  if (error instanceof Error && /connection terminated|not queryable|connection (is )?closed/i.test(error.message)) return 'connection_terminated';
  return 'postgres_error';
}

/**
 * Turns anything `pg` throws (a refused statement, a lost connection, a pool that cannot connect) into the one
 * typed StorageError: people see its polite message; the SQLSTATE stays in `engineCode` for the log.
 */
export function storageErrorOf(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const engineCode = engineCodeOf(error);
  const fault = FAULTS[engineCode] ?? 'not_writable';
  return fault === 'storage_busy' ? new StorageError('storage_busy', STORAGE_BUSY_MESSAGE, fault, engineCode) : new StorageError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, fault, engineCode);
}

/** True when a transaction failed only because a concurrent one won a race (it may simply be run again). */
export function isRetryable(error: unknown): boolean {
  return error instanceof StorageError && error.engineCode !== undefined && RETRYABLE_CODES.has(error.engineCode);
}
