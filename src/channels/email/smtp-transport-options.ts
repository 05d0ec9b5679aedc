import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type { SMTPTransportOptions } from 'nodemailer';
import { isLoopbackHost } from '../../config/smtp-url-check';

/**
 * nodemailer's transport options from `SMTP_URL`, with our defaults where the URL says nothing:
 * - timeouts of seconds, not nodemailer's minutes, so a dead server fails the try and the outbox retries later;
 * - STARTTLS required for a server on the network (nodemailer would send in clear if the server offers no TLS);
 *   a relay on this machine keeps nodemailer's opportunistic STARTTLS, and `?ignoreTLS=true` can turn it off
 *   (local test servers; the settings refuse it for a server on the network outside development);
 * - nodemailer's own logging always off: its debug log would carry the messages and the login.
 */
export function smtpTransportOptions(smtpUrl: string): SMTPTransportOptions {
  const fromUrl = parseConnectionUrl(smtpUrl);
  const onNetwork = !isLoopbackHost(fromUrl.host ?? 'localhost');
  return {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(onNetwork && !fromUrl.secure && fromUrl.ignoreTLS !== true ? { requireTLS: true } : {}),
    ...(fromUrl as SMTPTransportOptions),
    logger: false,
    debug: false,
  };
}

/** Where mail goes, for the start-up log line: the host and port only, never the login in the URL. */
export function smtpServerName(smtpUrl: string): string {
  const { host, port, secure } = parseConnectionUrl(smtpUrl);
  return `${host ?? 'localhost'}:${port ?? (secure ? 465 : 587)}`;
}
