import type { CaseStore } from '../storage/case-store';
import type { CaseAction } from './cases/case-action';

/** Who a notification is for: a person in the directory, or a council's HR contact. */
export type Recipient = { kind: 'person'; council: string; personId: string } | { kind: 'hr'; council: string };

/** What happened. */
export type NotificationKind =
  | 'case-received'
  | 'case-assigned'
  | 'case-state-changed'
  | 'case-message'
  | 'deadline-reminder'
  | 'deadline-breached'
  | 'deadline-overdue'
  | 'case-copied'
  | 'case-informed'
  | 'case-reassigned'
  | 'hr-case-opened'
  | 'hr-case-changed'
  | 'hr-case-overdue'
  | 'briefing-requested'
  | 'briefing-decided'
  | 'briefing-assigned'
  | 'briefing-other-groups-told'
  | 'briefing-offer-to-other-groups'
  | 'briefing-delivered'
  | 'briefing-copy-requested';

/**
 * A notification as channels render it. It never carries complaint or briefing content: it says what happened
 * and where to read more, so a notification in the wrong place leaks nothing confidential.
 */
export interface Notification {
  kind: NotificationKind;
  reference: string;
  council: string;
  text: string;
  /** Metadata a channel may show as fields (state, deadline, titles): never content. */
  fields: Record<string, string>;
  /** Buttons a channel may offer the recipient, by action id. */
  actions: string[];
  /**
   * The same actions described for rendering (labels, the one primary, confirmations, inputs), composed when the
   * notice was queued; notices queued before it existed have ids only (see notificationActions).
   */
  offered?: CaseAction[];
}

/**
 * Which channels already carry one notification, kept in its outbox row, so a retry after a partial failure
 * (Slack took it, Teams did not) sends only to the channels still missing it.
 */
export interface DeliveryProgress {
  /** The outbox row's id: a channel can mark what it sends with it, and look for it after a timed-out send. */
  readonly deliveryId: number;
  /** Tries made before this one; after a failed try the earlier send may still have arrived. */
  readonly attempts: number;
  readonly done: readonly string[];
  record(channel: string): Promise<void>;
}

/** The port channels implement to deliver notifications (Slack DM, Teams proactive message, e-mail …). */
export interface Notifier {
  deliver(recipient: Recipient, notification: Notification, progress?: DeliveryProgress): Promise<void>;
}

/**
 * A channel refused a delivery for now (HTTP 429 or 5xx). `retryAfterMs` is the wait the service asked for
 * (Retry-After); the outbox waits at least that long before the next try.
 */
export class DeliveryError extends Error {
  readonly code = 'delivery_failed';

  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Adds a notification to the outbox inside the caller's transaction; the dedupe key makes retries harmless. */
export async function enqueueNotification(store: CaseStore, now: Date, dedupeKey: string, recipient: Recipient, notification: Notification): Promise<void> {
  const at = now.toISOString();
  await store.enqueue({
    dedupeKey,
    reference: notification.reference,
    recipientJson: JSON.stringify(recipient),
    kind: notification.kind,
    payloadJson: JSON.stringify(notification),
    createdAt: at,
    nextAttemptAt: at,
  });
}
