import type { ReplyModel } from '../../../answer/reply-model';

/** A Block Kit block; kept loose because Slack's block union is large and we only build a few kinds. */
export type Block = { type: string; [key: string]: unknown };

const text = (t: string) => ({ type: 'mrkdwn', text: t.slice(0, 2900) });
const button = (label: string, actionId: string, value: unknown, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: { type: 'plain_text', text: label.slice(0, 75) },
  action_id: actionId,
  value: JSON.stringify(value).slice(0, 2000),
  ...(style ? { style } : {}),
});

/** Renders a reply: answer first, then what to do, who to contact, clause buttons, did-you-mean and votes. */
export function answerBlocks(reply: ReplyModel): Block[] {
  const blocks: Block[] = [{ type: 'section', text: text(reply.lead) }];
  if (reply.doList.length) blocks.push({ type: 'section', text: text(`*Do*\n${reply.doList.map((l) => `• ${l}`).join('\n')}`) });
  if (reply.dontList.length) blocks.push({ type: 'section', text: text(`*Don't*\n${reply.dontList.map((l) => `• ${l}`).join('\n')}`) });
  if (reply.contacts.length) blocks.push({ type: 'context', elements: [text(`Who to contact: ${[...new Set(reply.contacts.map((c) => c.title))].join('; ')}`)] });
  if (reply.elsewhere.length) {
    blocks.push({ type: 'section', text: text(`*Other councils' protocols (theirs, not yours)*\n${reply.elsewhere.map((e) => `• ${e.councilName}: ${e.summary}`).join('\n')}`) });
  }
  const actions: Block[] = [];
  for (const citation of reply.citations.slice(0, 3)) {
    actions.push(button(`Show ${citation.section}`, `show_clause_${citation.clause}`, { council: reply.council, clause: citation.clause }));
  }
  for (const followUp of reply.followUps) {
    if (followUp.kind === 'did-you-mean') actions.push(button(followUp.label, 'did_you_mean', { council: reply.council, role: reply.role, topic: followUp.value }));
    if (followUp.kind === 'compare-councils') actions.push(button('Other councils', 'compare_councils', { topic: followUp.value }));
    if (followUp.kind === 'make-complaint') actions.push(button('Make a complaint', 'open_complaint', { council: reply.council }));
    if (followUp.kind === 'request-briefing') actions.push(button('Request a briefing', 'open_briefing', { council: reply.council }));
  }
  if (!reply.outOfScope) {
    actions.push(button('Helpful', 'feedback_helpful', { council: reply.council, intent: reply.intent }));
    actions.push(button('Not helpful', 'feedback_not_helpful', { council: reply.council, intent: reply.intent }));
  }
  if (actions.length) blocks.push({ type: 'actions', elements: actions.slice(0, 25) });
  if (reply.citations.length) blocks.push({ type: 'context', elements: [text(`Source: ${reply.councilName}, paragraph${reply.citations.length > 1 ? 's' : ''} ${[...new Set(reply.citations.map((c) => c.section))].join(', ')}`)] });
  return blocks;
}

export { button, text };

/**
 * Our blocks as the Web API's block type. Slack's block union is large and strict; we build a few kinds by
 * hand and tests check what reaches the (fake) Web API, so this is the one place the types are bridged.
 */
export function slackBlocks(blocks: Block[]): never[] {
  return blocks as never[];
}
