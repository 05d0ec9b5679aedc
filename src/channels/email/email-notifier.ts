import type { Logger } from 'pino';
import type { SendMailOptions } from 'nodemailer';
import type { Directory } from '../../directory/directory';
import type { DeliveryProgress, Notification, Notifier, Recipient } from '../../workflows/notifications';
import { caseLink, composeEmail } from './compose-email';
import { emailRecipient } from './email-recipient';
import { mailDeliveryError, MailRefusedError } from './mail-delivery-error';

/** What the notifier needs of a mail transport (nodemailer's transporter, or a test's stand-in). */
export interface MailSender {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

/** The sender and the links of every notification email. */
export interface EmailOptions {
  /** `MAIL_FROM`: `Name <address>` or an address. */
  from: string;
  /** `PUBLIC_URL`: the case links point into its web console. */
  publicUrl: string | undefined;
  /** The domain of the Message-IDs (the sender's). */
  messageIdDomain: string;
}

/**
 * The Message-ID of the email for one outbox row: the same on every try, so a resend after a try that timed out
 * (the server may have taken it) is recognisably the same message, and mail systems that drop repeats drop it.
 */
export function messageIdFor(deliveryId: number, reference: string, domain: string): string {
  return `<notification-${deliveryId}.${reference.replace(/[^A-Za-z0-9-]/g, '')}@${domain}>`;
}

/** Delivers notifications as plain-text emails to the directory's address of the person or HR contact. */
export function emailNotifier(sender: MailSender, directory: Directory, options: EmailOptions, logger: Logger): Notifier {
  return {
    async deliver(recipient: Recipient, notification: Notification, progress?: DeliveryProgress) {
      const to = emailRecipient(directory, recipient);
      if (!to) throw new Error('recipient has no email address');
      const mail = composeEmail(notification, to.name, caseLink(options.publicUrl, notification.reference));
      try {
        await sender.sendMail({
          from: options.from,
          to: { name: to.name, address: to.address },
          subject: mail.subject,
          text: mail.text,
          ...(progress ? { messageId: messageIdFor(progress.deliveryId, notification.reference, options.messageIdDomain) } : {}),
          // RFC 3834: out-of-office replies and the like are not sent back to an automatic message.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        const failure = mailDeliveryError(error);
        if (failure instanceof MailRefusedError) {
          // Someone will not hear of this case until the directory is put right: say so, without the address.
          logger.warn(
            { reference: notification.reference, notification: notification.kind, recipient, smtpCode: failure.responseCode },
            'the mail server refused a notification email for good; check this address in the directory',
          );
        }
        throw failure;
      }
    },
  };
}
