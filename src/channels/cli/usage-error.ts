import { AppError } from '../../errors/app-error';

/** A bad command line: reported in one line with exit code 2. */
export function usageError(message: string): AppError {
  return new AppError('bad_arguments', message);
}
