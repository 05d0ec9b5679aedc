import type { App } from '@slack/bolt';
import type { ReplyModel } from '../../../answer/reply-model';
import { renderComparison, renderMoreParts } from '../../../answer/render-plain-text';
import { answerBlocks, moreBlocks, quotedCitations, text, type MoreValue } from '../blocks/answer-blocks';
import { briefingModal, complaintModal } from '../blocks/case-modals';
import { citeClauses } from '../../../answer/citation';
import { buttonValue, type SlackContext } from '../slack-context';
import { replyFor } from './answer-listeners';

type Respond = (message: { response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean; text: string; blocks?: unknown[] }) => Promise<unknown>;

/** Buttons under answers: more, a point, show the clauses, did you mean, other councils, votes, role, complaint, briefing. */
export function registerAnswerActions(app: App, ctx: SlackContext): void {
  registerMoreActions(app, ctx);

  app.action(/^show_clause_/, async ({ action, ack, respond }) => {
    await ack();
    const value = buttonValue<{ council: string; clause: string }>((action as { value?: string }).value);
    const council = value && ctx.bot.kb.hasCouncil(value.council) ? ctx.bot.kb.council(value.council) : undefined;
    const clause = council?.clauseById.get(value?.clause ?? '');
    if (!council || !clause) return;
    await (respond as Respond)({
      response_type: 'ephemeral',
      replace_original: false,
      text: `*${council.profile.name}, paragraph ${clause.section} (${clause.title})*\n>${clause.text.replace(/\s+/g, ' ')}`,
    });
  });

  app.action('did_you_mean', async ({ action, ack, respond, body }) => {
    await ack();
    const value = buttonValue<{ council: string; role: string; topic: string }>((action as { value?: string }).value);
    if (!value) return;
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    const reply = ctx.bot.engine.askTopic({ council: ctx.council, role: me.role ?? value.role, topic: value.topic });
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: reply.lead, blocks: answerBlocks(reply) });
  });

  app.action('compare_councils', async ({ action, ack, respond }) => {
    await ack();
    const value = buttonValue<{ topic: string }>((action as { value?: string }).value);
    const topic = value ? ctx.bot.kb.topic(value.topic) : undefined;
    if (!topic) return;
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: renderComparison(topic.title, ctx.bot.engine.compare(topic.id)) });
  });

  app.action(/^feedback_/, async ({ action, ack, respond }) => {
    await ack();
    const value = buttonValue<{ council: string; intent: string | null }>((action as { value?: string }).value);
    if (!value || !ctx.bot.kb.hasCouncil(value.council)) return;
    const vote = (action as { action_id: string }).action_id === 'feedback_helpful' ? 'helpful' : 'not-helpful';
    await ctx.bot.recordFeedback('slack', value.council, value.intent, vote);
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: 'Thank you: your vote is recorded.' });
  });

  app.action(/^role_(member|officer)$/, async ({ action, ack, body, client }) => {
    await ack();
    const role = (action as { action_id: string }).action_id === 'role_member' ? 'member' : 'officer';
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    await ctx.bot.rememberRole(me, role);
    const question = await ctx.bot.takeHeldQuestion(me);
    if (!question) return;
    const reply = await replyFor(ctx, body.user.id, question);
    await client.chat.postMessage({ channel: body.user.id, text: reply.text, blocks: reply.blocks });
  });

  app.action('open_complaint', async ({ ack, body, client }) => {
    await ack();
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: complaintModal(ctx.bot.complaintForm(me)) as never });
  });

  app.action('open_briefing', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: briefingModal(ctx.bot.briefingForm(ctx.council)) as never });
  });
}

/**
 * "More" posts the rest of an answer privately, made again from what the button carries (the question, or the
 * point or topic it answered); a point's button answers with that point; "Show all" quotes every cited paragraph.
 */
function registerMoreActions(app: App, ctx: SlackContext): void {
  app.action('answer_more', async ({ action, ack, respond, body }) => {
    await ack();
    const value = buttonValue<MoreValue>((action as { value?: string }).value);
    if (!value) return;
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    const role = me.role ?? value.role;
    let reply: ReplyModel;
    if (typeof value.q === 'string') reply = ctx.bot.engine.ask({ council: ctx.council, role, question: value.q });
    else if (typeof value.point === 'string') reply = ctx.bot.engine.askPoint({ council: ctx.council, role, point: value.point });
    else if (typeof value.topic === 'string') reply = ctx.bot.engine.askTopic({ council: ctx.council, role, topic: value.topic });
    else return;
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: renderMoreParts(reply).join('\n\n').slice(0, 3000), blocks: moreBlocks(reply) });
  });

  app.action('ask_point', async ({ action, ack, respond, body }) => {
    await ack();
    const value = buttonValue<{ council: string; role: string; point: string }>((action as { value?: string }).value);
    if (!value || typeof value.point !== 'string') return;
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    const reply = ctx.bot.engine.askPoint({ council: ctx.council, role: me.role ?? value.role, point: value.point });
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: reply.lead, blocks: answerBlocks(reply) });
  });

  app.action('ask_example', async ({ action, ack, respond, body }) => {
    await ack();
    const question = buttonValue<{ question: string }>((action as { value?: string }).value)?.question;
    if (typeof question !== 'string') return;
    const reply = await replyFor(ctx, body.user.id, question);
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: reply.text, blocks: reply.blocks });
  });

  app.action('show_all_clauses', async ({ action, ack, respond }) => {
    await ack();
    const value = buttonValue<{ council: string; clauses: string[] }>((action as { value?: string }).value);
    if (!value || !Array.isArray(value.clauses) || !ctx.bot.kb.hasCouncil(value.council)) return;
    const council = ctx.bot.kb.council(value.council);
    const citations = citeClauses(
      council,
      value.clauses.filter((id): id is string => typeof id === 'string'),
    );
    // a section holds at most 3,000 characters: a few paragraphs each
    const blocks = [];
    for (let i = 0; i < citations.length && blocks.length < 45; i += 3) blocks.push({ type: 'section', text: text(quotedCitations({ councilName: council.profile.name }, citations.slice(i, i + 3))) });
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: `${citations.length} paragraphs of ${council.profile.name}`, blocks });
  });
}
