import type { App } from '@slack/bolt';
import type { Directory } from '../../directory/directory';
import { slackBlocks } from './blocks/answer-blocks';
import type { Notification, Notifier, Recipient } from '../../workflows/notifications';

const LABELS: Record<string, string> = {
  acknowledge: 'Acknowledge',
  'start-investigation': 'Start investigating',
  'record-outcome': 'Record outcome',
  close: 'Close',
  view: 'Open the case',
  reply: 'Reply',
  approve: 'Approve',
  decline: 'Decline',
  agree: 'Agree',
  'mark-delivered': 'Mark as delivered',
  'request-briefing': 'Request a briefing',
};

/** The Slack address of a recipient: a person's DM, or HR's configured channel. */
export function slackAddress(directory: Directory, recipient: Recipient): string | undefined {
  if (recipient.kind === 'hr') return directory.councilIds().includes(recipient.council) ? directory.hr(recipient.council).slackChannel : undefined;
  return directory.person(recipient.council, recipient.personId)?.slackUserId;
}

/** Delivers notifications as Slack messages with the recipient's action buttons. */
export function slackNotifier(client: App['client'], directory: Directory): Notifier {
  return {
    async deliver(recipient: Recipient, notification: Notification) {
      const channel = slackAddress(directory, recipient);
      if (!channel) throw new Error('recipient has no Slack address');
      const actions = notification.actions.map((action) => ({
        type: 'button',
        text: { type: 'plain_text', text: LABELS[action] ?? action },
        action_id: action === 'request-briefing' ? 'open_briefing' : `case_${action}`,
        value: action === 'request-briefing' ? '{}' : notification.reference,
      }));
      if (notification.actions.includes('acknowledge')) {
        actions.push({ type: 'button', text: { type: 'plain_text', text: 'Start investigating' }, action_id: 'case_start-investigation', value: notification.reference });
        actions.push({ type: 'button', text: { type: 'plain_text', text: 'Record outcome' }, action_id: 'case_record-outcome', value: notification.reference });
        actions.push({ type: 'button', text: { type: 'plain_text', text: 'Close' }, action_id: 'case_close', value: notification.reference });
      }
      await client.chat.postMessage({
        channel,
        text: notification.text,
        blocks: slackBlocks([
          { type: 'section', text: { type: 'mrkdwn', text: notification.text.slice(0, 2900) } },
          { type: 'context', elements: [{ type: 'mrkdwn', text: Object.entries(notification.fields).map(([k, v]) => `${k}: ${v}`).join(' · ') }] },
          ...(actions.length ? [{ type: 'actions', elements: actions }] : []),
        ]),
      });
    },
  };
}
