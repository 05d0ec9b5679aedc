import type { Citation } from '../../../answer/citation';
import type { ReplyModel } from '../../../answer/reply-model';
import { moreContents } from '../../../answer/render-plain-text';

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

/** Citations quoted in "More" before "Show all": a few paragraphs, not the whole section. */
export const CITATIONS_SHOWN = 3;

/** Longest question carried in the "More" button, so the rest of the answer can be made again for it. */
const MAX_CARRIED_QUESTION = 1500;

/** What the "More" button carries: enough to compose the same reply again. */
export interface MoreValue {
  council: string;
  role: string;
  /** The question as asked (when it fits), else the point or topic the reply answered. */
  q?: string;
  point?: string | null;
  topic?: string | null;
}

/**
 * The answer as first shown: the lead in one short section, then "More" (the rest, posted privately when pressed),
 * "did you mean" if the point came a close second, "Make a complaint" or "Request a briefing" where the answer
 * offers one (a greeting's lead may say to choose it), and the votes. `question` is what was asked, so "More" can
 * compose the same reply again.
 */
export function answerBlocks(reply: ReplyModel, question?: string): Block[] {
  const blocks: Block[] = [{ type: 'section', text: text(reply.lead) }];
  const actions: Block[] = [];
  // a declined question's examples are buttons here already: there is no more to it
  if (!reply.outOfScope && moreContents(reply).length > 0) {
    const value: MoreValue = { council: reply.council, role: reply.role, point: reply.point, topic: reply.intent };
    if (question !== undefined && question.length <= MAX_CARRIED_QUESTION) value.q = question;
    actions.push(button('More', 'answer_more', value));
  }
  for (const followUp of reply.followUps) {
    if (followUp.kind === 'did-you-mean-point') actions.push(button(followUp.label, 'ask_point', { council: reply.council, role: reply.role, point: followUp.value }));
    if (followUp.kind === 'did-you-mean') actions.push(button(followUp.label, 'did_you_mean', { council: reply.council, role: reply.role, topic: followUp.value }));
    if (followUp.kind === 'ask-example') actions.push(button(followUp.label, 'ask_example', { council: reply.council, question: followUp.value }));
    if (followUp.kind === 'make-complaint') actions.push(button('Make a complaint', 'open_complaint', { council: reply.council }));
    if (followUp.kind === 'request-briefing') actions.push(button('Request a briefing', 'open_briefing', { council: reply.council }));
  }
  if (!reply.outOfScope) {
    actions.push(button('Helpful', 'feedback_helpful', { council: reply.council, intent: reply.intent }));
    actions.push(button('Not helpful', 'feedback_not_helpful', { council: reply.council, intent: reply.intent }));
  }
  if (actions.length) blocks.push({ type: 'actions', elements: actions.slice(0, 25) });
  return blocks;
}

/**
 * What "More" shows: the topic in general or the complaint route, what to do, who to contact, other councils,
 * the first paragraphs quoted (the rest behind "Show all"), and buttons for related points, the clauses and
 * other councils.
 */
export function moreBlocks(reply: ReplyModel): Block[] {
  const blocks: Block[] = [];
  if (reply.summary !== '' && reply.summary !== reply.lead) blocks.push({ type: 'section', text: text(reply.summary) });
  if (reply.doList.length) blocks.push({ type: 'section', text: text(`*Do*\n${reply.doList.map((l) => `• ${l}`).join('\n')}`) });
  if (reply.dontList.length) blocks.push({ type: 'section', text: text(`*Don't*\n${reply.dontList.map((l) => `• ${l}`).join('\n')}`) });
  if (reply.contacts.length) blocks.push({ type: 'context', elements: [text(`Who to contact: ${[...new Set(reply.contacts.map((c) => c.title))].join('; ')}`)] });
  if (reply.elsewhere.length) {
    blocks.push({ type: 'section', text: text(`*Other councils' protocols (theirs, not yours)*\n${reply.elsewhere.map((e) => `• ${e.councilName}: ${e.summary}`).join('\n')}`) });
  }
  if (reply.citations.length) blocks.push({ type: 'section', text: text(quotedCitations(reply, reply.citations.slice(0, CITATIONS_SHOWN))) });
  const actions: Block[] = [];
  if (reply.citations.length > CITATIONS_SHOWN) {
    actions.push(button(`Show all ${reply.citations.length} paragraphs`, 'show_all_clauses', { council: reply.council, clauses: reply.citations.map((c) => c.clause) }));
  }
  for (const followUp of reply.followUps) {
    if (followUp.kind === 'related-point') actions.push(button(followUp.label, 'ask_point', { council: reply.council, role: reply.role, point: followUp.value }));
  }
  for (const followUp of reply.followUps) {
    if (followUp.kind === 'show-clause') actions.push(button(followUp.label, `show_clause_${followUp.value}`, { council: reply.council, clause: followUp.value }));
    if (followUp.kind === 'compare-councils') actions.push(button('Other councils', 'compare_councils', { topic: followUp.value }));
  }
  if (actions.length) blocks.push({ type: 'actions', elements: actions.slice(0, 25) });
  return blocks;
}

/** Cited paragraphs with their words, as a quote each: "*13 Complaints and criticism*" then the passage. */
export function quotedCitations(reply: Pick<ReplyModel, 'councilName'>, citations: readonly Citation[]): string {
  const quotes = citations.map((c) => `*${c.section} ${c.title}*\n>${c.quote}`);
  return `*The protocol says* (${reply.councilName})\n${quotes.join('\n')}`;
}

export { button, text };

/**
 * Our blocks as the Web API's block type. Slack's block union is large and strict; we build a few kinds by
 * hand and tests check what reaches the (fake) Web API, so this is the one place the types are bridged.
 */
export function slackBlocks(blocks: Block[]): never[] {
  return blocks as never[];
}
