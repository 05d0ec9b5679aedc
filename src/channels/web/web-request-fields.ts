import { AppError } from '../../errors/app-error';

/** A record from a JSON body, or a `bad_request`. */
export function objectBody(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('bad_request', 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * A required text field: missing is empty; anything but a string is passed on as it is, so the schema refuses it by
 * name rather than String() filing a complaint that reads "[object Object]".
 */
export const textField = (value: unknown) => (value === undefined || value === null ? '' : value) as string;

export const optionalString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
