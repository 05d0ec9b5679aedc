import pino, { type Logger } from 'pino';

/**
 * Fields that may carry complaint or briefing content or personal data. Redaction is configured here once,
 * so no call site can forget it.
 */
export const REDACTED_PATHS = [
  'question',
  '*.question',
  'text',
  '*.text',
  'description',
  '*.description',
  'message',
  '*.message.text',
  'body',
  '*.body',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
];

/** Builds the one logger of the process; children carry request and case ids. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: undefined }, destination);
}
