import { AppError } from './app-error';

/**
 * Why the database cannot take a write, in words an operator's load balancer and log can use: `disk_full`,
 * `read_only` (a read-only file or mount, or a read-only PostgreSQL), `storage_busy` (another process holds the
 * write lock), `unreachable` (the PostgreSQL server cannot be reached) or `not_writable` (anything else: I/O
 * errors, a store that errors).
 */
export type StorageFault = 'disk_full' | 'read_only' | 'storage_busy' | 'unreachable' | 'not_writable';

/** What people are told when the database refuses a write; the engine's code goes to the log, not to them. */
export const STORAGE_UNAVAILABLE_MESSAGE = 'We cannot take this just now: our case store is not accepting changes. Nothing was saved; please try again later. You can still ask questions.';

/** What people are told while another process holds the database's write lock: it passes in a moment. */
export const STORAGE_BUSY_MESSAGE = 'Our case store is busy for a moment. Nothing was saved; please try again in a moment.';

/**
 * The database refused a write. People see the code and the polite message only; the fault and the engine's own
 * code (`SQLITE_IOERR_WRITE`) are for the log and `/readyz`, never for a reply.
 */
export class StorageError extends AppError {
  constructor(
    code: 'storage_unavailable' | 'storage_busy',
    message: string,
    readonly fault: StorageFault,
    readonly engineCode: string | undefined,
  ) {
    super(code, message);
    this.name = 'StorageError';
  }
}

/** True for any error the database raised because it cannot take a write just now (busy, full, read-only …). */
export function isStorageError(error: unknown): error is StorageError {
  return error instanceof StorageError;
}
