import type { App } from '@slack/bolt';
import type { Directory } from '../../directory/directory';
import { slackBlocks } from './blocks/answer-blocks';
import { noticeBlocks } from './blocks/case-blocks';
import { notificationActions } from '../../workflows/cases/notification-actions';
import { DeliveryError, type DeliveryProgress, type Notification, type Notifier, type Recipient } from '../../workflows/notifications';

/** The message metadata type that marks a notification with its outbox row, so a resend can be recognised. */
const METADATA_EVENT = 'etiquette_notification';

/**
 * True when a message carrying this outbox id is already in the conversation: the try before timed out after
 * Slack had posted it. A person's DM is opened to find its channel; the newest messages are enough, as retries
 * come within the hour.
 */
async function alreadyPosted(client: App['client'], address: string, deliveryId: number): Promise<boolean> {
  try {
    const channel = /^[UW]/.test(address) ? (await client.conversations.open({ users: address })).channel?.id : address;
    if (!channel) return false;
    const history = await client.conversations.history({ channel, limit: 50, include_all_metadata: true });
    return (history.messages ?? []).some((m) => {
      const metadata = (m as { metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown } } }).metadata;
      return metadata?.event_type === METADATA_EVENT && String(metadata.event_payload?.outbox_id) === String(deliveryId);
    });
  } catch (error) {
    throw slackDeliveryError(error);
  }
}

/** The Slack address of a recipient: a person's DM, or HR's configured channel. */
export function slackAddress(directory: Directory, recipient: Recipient): string | undefined {
  if (recipient.kind === 'hr') return directory.councilIds().includes(recipient.council) ? directory.hr(recipient.council).slackChannel : undefined;
  return directory.person(recipient.council, recipient.personId)?.slackUserId;
}

/**
 * A Slack Web API failure as the outbox understands it: 429 with its Retry-After, other HTTP statuses as they
 * came; anything else (e.g. `channel_not_found`) unchanged.
 */
export function slackDeliveryError(error: unknown): unknown {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; headers?: Record<string, string>; message?: string };
  if (e?.code === 'slack_webapi_rate_limited_error') return new DeliveryError('Slack rate-limited the message (429)', 429, (e.retryAfter ?? 0) * 1000);
  if (e?.code === 'slack_webapi_http_error') {
    const seconds = Number(e.headers?.['retry-after']);
    return new DeliveryError(`Slack answered HTTP ${e.statusCode ?? '?'}`, e.statusCode, Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined);
  }
  return error;
}

/**
 * Delivers notifications as Slack messages with the recipient's action buttons. Give it a client without
 * its own retries (see slack-channel.ts): the outbox retries, so a slow Slack never stalls the other deliveries.
 */
export function slackNotifier(client: App['client'], directory: Directory): Notifier {
  return {
    async deliver(recipient: Recipient, notification: Notification, progress?: DeliveryProgress) {
      const channel = slackAddress(directory, recipient);
      if (!channel) throw new Error('recipient has no Slack address');
      // An earlier try may have reached Slack even though its answer never came back (a timeout): look first.
      if (progress && progress.attempts > 0 && (await alreadyPosted(client, channel, progress.deliveryId))) return;
      // Another group offered the same support gets a button that opens the briefing form; the rest are case actions.
      const offer = notification.actions.includes('request-briefing')
        ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Request a briefing' }, action_id: 'open_briefing', value: '{}', style: 'primary' }] }]
        : [];
      const message = {
        channel,
        text: notification.text,
        ...(progress ? { metadata: { event_type: METADATA_EVENT, event_payload: { outbox_id: String(progress.deliveryId) } } } : {}),
        blocks: slackBlocks(noticeBlocks(notification.reference, notification.text, notification.fields, notificationActions(notification), offer)),
      };
      try {
        await client.chat.postMessage(message);
      } catch (error) {
        throw slackDeliveryError(error);
      }
    },
  };
}
