import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { mailFromAddress } from '../../config/smtp-url-check';
import type { Settings } from '../../config/settings-schema';
import type { Directory } from '../../directory/directory';
import type { Notifier, Recipient } from '../../workflows/notifications';
import { emailRecipient } from './email-recipient';
import { emailNotifier } from './email-notifier';
import { smtpServerName, smtpTransportOptions } from './smtp-transport-options';

/** The sender in development when `MAIL_FROM` is not set (the settings require it everywhere else). */
const DEVELOPMENT_FROM = 'Council etiquette bot <etiquette-bot@localhost.localdomain>';

/** Email notifications over SMTP (`SMTP_URL`, `MAIL_FROM`). */
export interface EmailChannel {
  /** For the start-up log: `email (host:port)`, never the URL (it holds the password). */
  name: string;
  /** True when the directory lists an email address for the recipient. */
  canReach(recipient: Recipient): boolean;
  notifier: Notifier;
  stop(): Promise<void>;
}

/** Builds the email channel from `SMTP_URL`; call only when it is set. */
export function buildEmailChannel(settings: Settings, directory: Directory, logger: Logger): EmailChannel {
  const smtpUrl = settings.SMTP_URL ?? '';
  const from = settings.MAIL_FROM ?? DEVELOPMENT_FROM;
  const transporter = nodemailer.createTransport(smtpTransportOptions(smtpUrl));
  const domain = mailFromAddress(from)?.split('@')[1] ?? 'localhost.localdomain';
  return {
    name: `email (${smtpServerName(smtpUrl)})`,
    canReach: (recipient) => emailRecipient(directory, recipient) !== undefined,
    notifier: emailNotifier(transporter, directory, { from, publicUrl: settings.PUBLIC_URL, messageIdDomain: domain }, logger.child({ channel: 'email' })),
    stop: async () => transporter.close(),
  };
}
