/** Stable machine-readable codes for every error the bot raises on purpose. */
export type AppErrorCode =
  | 'kb_invalid'
  | 'unknown_council'
  | 'unknown_topic'
  | 'unknown_point'
  | 'bad_arguments'
  | 'bad_request'
  | 'question_empty'
  | 'question_too_long'
  | 'config_invalid'
  | 'directory_invalid'
  | 'invalid_transition'
  | 'not_permitted'
  | 'case_not_found'
  | 'storage_unavailable'
  | 'storage_busy'
  | 'no_handler'
  | 'idempotency_conflict'
  | 'case_unreadable'
  | 'malformed_json'
  | 'payload_too_large'
  | 'unauthorised'
  | 'rate_limited'
  | 'csrf_refused'
  | 'sign_in_unavailable'
  | 'chat_service_unavailable'
  | 'internal_error';

/** An error the bot raises on purpose: a code for programs, a message for people. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: readonly string[];

  constructor(code: AppErrorCode, message: string, details: readonly string[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an AppError with the given code (or any code when none is given). */
export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
