import type { Logger } from 'pino';
import type { Notifier } from '../workflows/notifications';

/**
 * The notifier used until a chat channel is configured: it records that a notification was due (kind,
 * reference, recipient) in the log. Notifications carry no complaint content, so nothing confidential is logged.
 */
export function logNotifier(logger: Logger): Notifier {
  return {
    async deliver(recipient, notification) {
      logger.info({ notification: notification.kind, reference: notification.reference, recipient }, 'notification (no chat channel configured)');
    },
  };
}
