import type { Notification, NotificationKind } from '../../workflows/notifications';

/** A notification as an email: subject and plain-text body. */
export interface ComposedEmail {
  subject: string;
  text: string;
}

/** What happened, for the subject line after the reference; one for every kind, so a new kind cannot be forgotten. */
const SUBJECTS: Record<NotificationKind, string> = {
  'case-received': 'Received',
  'case-assigned': 'For you to handle',
  'case-state-changed': 'Status changed',
  'case-message': 'New message in the case',
  'deadline-reminder': 'Reminder: acknowledgement due',
  'deadline-breached': 'Acknowledgement deadline missed',
  'deadline-overdue': 'Overdue',
  'case-copied': 'A copy for you',
  'case-informed': 'For information',
  'case-reassigned': 'Passed on',
  'hr-case-opened': 'New case',
  'hr-case-changed': 'Case changed',
  'hr-case-overdue': 'Case overdue',
  'briefing-requested': 'Briefing requested',
  'briefing-decided': 'Briefing decided',
  'briefing-assigned': 'Briefing assigned to you',
  'briefing-other-groups-told': 'A briefing for another group',
  'briefing-offer-to-other-groups': 'A briefing offered to your group',
  'briefing-delivered': 'Briefing delivered',
  'briefing-copy-requested': 'A copy of a report asked for',
};

/** The notification's buttons as things a person can do in the case ("view" is the link itself). */
const ACTIONS: Record<string, string> = {
  acknowledge: 'acknowledge it',
  'start-investigation': 'start investigating',
  'record-outcome': 'record the outcome',
  close: 'close it',
  reply: 'reply',
  approve: 'approve it',
  decline: 'decline it',
  agree: 'agree',
  'mark-delivered': 'mark it as delivered',
  'request-briefing': 'request a briefing',
  assign: 'say who it is about',
  escalate: 'ask for the next level',
  'pass-on': 'pass it to the next level',
  withdraw: 'withdraw it',
  'request-copy': 'ask for a copy of the report',
  export: 'download it',
};

/** `a`, `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The web console's page of a case, when the bot's public address is known. */
export function caseLink(publicUrl: string | undefined, reference: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(reference)}` : undefined;
}

/**
 * Writes the email for one notification from its text, fields and reference only. A notification never carries
 * what a complaint or briefing says, so neither can the email: it says what happened and where to read the case.
 */
export function composeEmail(notification: Notification, recipientName: string, link: string | undefined): ComposedEmail {
  const can = notification.actions.map((action) => ACTIONS[action]).filter((words): words is string => words !== undefined);
  const where = link ? `Open the case: ${link}` : `Read the case in the council etiquette bot (reference ${notification.reference}); this installation has no public web address to link to.`;
  const lines = [
    `Dear ${recipientName},`,
    '',
    notification.text,
    '',
    ...Object.entries(notification.fields).map(([label, value]) => `${label}: ${value}`),
    '',
    ...(can.length ? [`In the case you can ${orList(can)}.`] : []),
    where,
    '',
    '-- ',
    'Sent by the council etiquette bot. For confidentiality this email never contains what a complaint or briefing says: read it in the case.',
  ];
  return { subject: `[${notification.reference}] ${SUBJECTS[notification.kind] ?? 'Notification'}`, text: `${lines.join('\n')}\n` };
}
