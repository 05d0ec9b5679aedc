import type { Logger } from 'pino';
import type { CaseStore, OutboxRecord } from '../storage/case-store';
import type { DeliveryPace } from './delivery-pace';
import { DeliveryError, type DeliveryProgress, type Notification, type Notifier, type Recipient } from './notifications';

/** Delay before the next try: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempts));
}

/** The wait a channel asked for (Retry-After of an HTTP 429), if it gave one. */
function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * How long a claimed notification is left to the instance that claimed it (OUTBOX_LEASE_SECONDS): another
 * instance's claim skips it until then, so a notification is sent once; if the claiming instance dies mid-send, it
 * is tried again after the lease. A dispatch starts no send after a fifth of the lease (the rest go back, due at
 * once), so even slow chat or mail services leave every claimed row sent or given back inside its lease.
 */
export const DEFAULT_OUTBOX_LEASE_MS = 10 * 60 * 1000;

/** The progress of one outbox row, written back to the row after each channel that delivers. */
function progressOf(store: CaseStore, item: OutboxRecord, id: number): DeliveryProgress {
  const done = (item.deliveredVia ?? '').split(',').filter((name) => name !== '');
  return {
    deliveryId: id,
    attempts: item.attempts,
    done,
    async record(channel: string) {
      if (done.includes(channel)) return;
      done.push(channel);
      await store.markOutboxDeliveredVia(id, done.join(','));
    },
  };
}

/** What one dispatch did. */
export interface DispatchResult {
  sent: number;
  failed: number;
  /** Due notifications left for later because their recipient's pace allowed no more just now. */
  held: number;
  /**
   * Set when a chat service refused (429 or 5xx) and the dispatch stopped there: the wait it asked for
   * (Retry-After), or null when it named none.
   */
  refusedForMs?: number | null;
}

/**
 * Delivers due notifications from the outbox: at most `limit`, looking at the first `window` due ones (oldest
 * first), and, with a `pace`, only as many to each recipient as its pace allows (the rest are `held`, untouched,
 * for a later dispatch). A failure is recorded and retried later with backoff, or after the wait a rate-limited
 * channel asked for (whichever is longer); a success is marked sent, so nothing is lost and nothing is sent twice
 * by this process. A channel refusing (429, 5xx) ends the dispatch: the rest wait for the next one.
 */
export async function dispatchOutbox(
  store: CaseStore,
  notifier: Notifier,
  now: () => Date,
  logger: Logger,
  limit = 50,
  pace?: DeliveryPace,
  window = limit,
  leaseMs = DEFAULT_OUTBOX_LEASE_MS,
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, failed: 0, held: 0 };
  const claimedAt = now();
  const claimed = await store.claimOutbox(claimedAt.toISOString(), Math.max(limit, window), new Date(claimedAt.getTime() + leaseMs).toISOString());
  // Claimed rows this dispatch does not try (a recipient's pace, over the limit, a refusal) go back when it ends,
  // due as they were, in one write (even if the dispatch fails part-way).
  const untried: number[] = [];
  try {
    for (const [index, item] of claimed.entries()) {
      if (result.sent + result.failed >= limit || now().getTime() - claimedAt.getTime() > leaseMs / 5) {
        untried.push(...claimed.slice(index).map((rest) => rest.id as number));
        break;
      }
      if (pace && !pace.take(item.recipientJson)) {
        result.held += 1;
        untried.push(item.id as number);
        continue;
      }
      const id = item.id as number;
      try {
        await notifier.deliver(JSON.parse(item.recipientJson) as Recipient, JSON.parse(item.payloadJson) as Notification, progressOf(store, item, id));
        await store.markOutboxSent(id, now().toISOString());
        result.sent += 1;
      } catch (error) {
        result.failed += 1;
        const retryAfter = retryAfterOf(error);
        const delay = Math.max(retryDelayMs(item.attempts), retryAfter ?? 0);
        const next = new Date(now().getTime() + delay).toISOString();
        await store.markOutboxFailed(id, (error as Error).message.slice(0, 500), next);
        logger.warn(
          { outboxId: id, reference: item.reference, kind: item.kind, attempts: item.attempts + 1, retryAfterMs: retryAfter ?? null, nextAttemptAt: next },
          'notification delivery failed; will retry',
        );
        // The service itself refused (429 or 5xx): the rest of the pass would most likely fail too, and each try
        // may already have cost the SDK's own retries, so they wait for the next pass.
        if (error instanceof DeliveryError) {
          result.refusedForMs = retryAfter ?? null;
          untried.push(...claimed.slice(index + 1).map((rest) => rest.id as number));
          break;
        }
      }
    }
  } finally {
    await store.releaseOutboxClaims(untried, claimedAt.toISOString());
  }
  return result;
}
