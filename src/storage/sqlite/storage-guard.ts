import { AppError } from '../../errors/app-error';

/** What people are told when the database refuses a write; the SQLite code goes to the log, not to them. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'We cannot take this just now: our case store is not accepting changes. Nothing was saved; please try again later. You can still ask questions.';

/** SQLite result codes that mean "cannot write now" (read-only file or mount, full disk, I/O trouble, locked). */
const UNAVAILABLE = /SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED)/;

/** True for an error SQLite raises when the database cannot be written just now. */
export function isUnavailable(error: unknown): boolean {
  return UNAVAILABLE.test((error as { code?: string } | null)?.code ?? '');
}

/** Runs `work`, turning "cannot write now" SQLite errors into one typed `storage_unavailable` error. */
export function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isUnavailable(error)) throw new AppError('storage_unavailable', STORAGE_UNAVAILABLE_MESSAGE, [(error as { code: string }).code]);
    throw error;
  }
}
