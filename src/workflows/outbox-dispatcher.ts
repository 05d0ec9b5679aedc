import type { Logger } from 'pino';
import type { CaseStore } from '../storage/case-store';
import type { Notification, Notifier, Recipient } from './notifications';

/** Delay before the next try: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempts));
}

/**
 * Delivers due notifications from the outbox. A failure is recorded and retried later with backoff; a success
 * is marked sent, so nothing is lost and nothing is sent twice by this process.
 */
export async function dispatchOutbox(store: CaseStore, notifier: Notifier, now: () => Date, logger: Logger, limit = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const item of store.pendingOutbox(now().toISOString(), limit)) {
    const id = item.id as number;
    try {
      await notifier.deliver(JSON.parse(item.recipientJson) as Recipient, JSON.parse(item.payloadJson) as Notification);
      store.markOutboxSent(id, now().toISOString());
      sent += 1;
    } catch (error) {
      failed += 1;
      const next = new Date(now().getTime() + retryDelayMs(item.attempts)).toISOString();
      store.markOutboxFailed(id, (error as Error).message.slice(0, 500), next);
      logger.warn({ outboxId: id, reference: item.reference, kind: item.kind, attempts: item.attempts + 1 }, 'notification delivery failed; will retry');
    }
  }
  return { sent, failed };
}
