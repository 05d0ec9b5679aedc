import { DeliveryError } from '../../workflows/notifications';

/**
 * The mail server refused this one message for good (a 5xx to the recipient or the message, e.g. an unknown
 * mailbox). It is not a `DeliveryError`: the outbox keeps it and retries with backoff, but the rest of the pass goes
 * on, so one wrong address in the directory never holds up anyone else's notifications.
 */
export class MailRefusedError extends Error {
  readonly code = 'mail_refused';

  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
    this.name = 'MailRefusedError';
  }
}

/** The SMTP commands whose 5xx concerns this message alone, not the server or our account. */
const PER_MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);

/**
 * A nodemailer failure as the outbox understands it. Only the SMTP code, nodemailer's error code and the command
 * are kept, never the server's own words or the connection settings (SMTP_URL holds a password). A permanent
 * refusal of this message is a `MailRefusedError`; anything else (server unreachable, timed out, 4xx "try later",
 * authentication refused) is a `DeliveryError`, which ends the pass: the next message would most likely fail too.
 */
export function mailDeliveryError(error: unknown): Error {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; command?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'unknown';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command : undefined;
  const at = command ? ` at ${command}` : '';
  if (responseCode !== undefined && responseCode >= 500 && command !== undefined && PER_MESSAGE_COMMANDS.has(command)) {
    return new MailRefusedError(`the mail server refused the message for good (${responseCode}${at}): check the address in the directory`, responseCode);
  }
  const answer = responseCode !== undefined ? `answered ${responseCode}${at}` : `could not be used (${code}${at})`;
  return new DeliveryError(`the mail server ${answer}`, undefined, undefined);
}
