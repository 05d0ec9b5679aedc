import { STORAGE_BUSY_MESSAGE, STORAGE_UNAVAILABLE_MESSAGE, StorageError, type StorageFault } from '../../errors/storage-error';

/** SQLite result codes (extended codes start with these) that mean "cannot write now", by what they mean. */
const FAULTS: ReadonlyArray<[RegExp, StorageFault]> = [
  [/^SQLITE_FULL/, 'disk_full'],
  [/^SQLITE_READONLY/, 'read_only'],
  [/^SQLITE_(BUSY|LOCKED)/, 'storage_busy'],
  [/^SQLITE_(IOERR|CANTOPEN)/, 'not_writable'],
];

/** What a SQLite error says about writing, or undefined for an error that is not about the database's state. */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return FAULTS.find(([pattern]) => pattern.test(code))?.[1];
}

/** True for an error SQLite raises when the database cannot be written just now. */
export function isUnavailable(error: unknown): boolean {
  return storageFaultOf(error) !== undefined;
}

/** The typed error for a SQLite "cannot write now" error: `storage_busy` for a held lock, else `storage_unavailable`. */
export function storageErrorFor(error: unknown, fault: StorageFault): StorageError {
  const engineCode = (error as { code?: string }).code;
  return fault === 'storage_busy' ? new StorageError('storage_busy', STORAGE_BUSY_MESSAGE, fault, engineCode) : new StorageError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, fault, engineCode);
}

/** Runs `work`, turning "cannot write now" SQLite errors into one typed StorageError (no engine code in its details). */
export function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const fault = storageFaultOf(error);
    if (fault) throw storageErrorFor(error, fault);
    throw error;
  }
}
