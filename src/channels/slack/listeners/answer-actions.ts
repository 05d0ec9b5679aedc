import type { App } from '@slack/bolt';
import { renderComparison, renderPlainText } from '../../../answer/render-plain-text';
import { answerBlocks } from '../blocks/answer-blocks';
import { briefingModal, complaintModal } from '../blocks/case-modals';
import { buttonValue, type SlackContext } from '../slack-context';
import { replyFor } from './answer-listeners';

type Respond = (message: { response_type?: 'ephemeral' | 'in_channel'; replace_original?: boolean; text: string; blocks?: unknown[] }) => Promise<unknown>;

/** Buttons under answers: show the clause, did you mean, other councils, votes, role, complaint and briefing. */
export function registerAnswerActions(app: App, ctx: SlackContext): void {
  app.action(/^show_clause_/, async ({ action, ack, respond }) => {
    await ack();
    const value = buttonValue<{ council: string; clause: string }>((action as { value?: string }).value);
    const council = value && ctx.bot.kb.hasCouncil(value.council) ? ctx.bot.kb.council(value.council) : undefined;
    const clause = council?.clauseById.get(value?.clause ?? '');
    if (!council || !clause) return;
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: `*${council.profile.name}, paragraph ${clause.section} (${clause.title})*\n>${clause.text.replace(/\s+/g, ' ')}` });
  });

  app.action('did_you_mean', async ({ action, ack, respond, body }) => {
    await ack();
    const value = buttonValue<{ council: string; role: string; topic: string }>((action as { value?: string }).value);
    if (!value) return;
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    const reply = ctx.bot.engine.askTopic({ council: ctx.council, role: me.role ?? value.role, topic: value.topic });
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: renderPlainText(reply), blocks: answerBlocks(reply) });
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
    ctx.bot.recordFeedback('slack', value.council, value.intent, vote);
    await (respond as Respond)({ response_type: 'ephemeral', replace_original: false, text: 'Thank you: your vote is recorded.' });
  });

  app.action(/^role_(member|officer)$/, async ({ action, ack, body, client }) => {
    await ack();
    const role = (action as { action_id: string }).action_id === 'role_member' ? 'member' : 'officer';
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    ctx.bot.rememberRole(me, role);
    const question = ctx.bot.takeHeldQuestion(me);
    if (!question) return;
    const reply = replyFor(ctx, body.user.id, question);
    await client.chat.postMessage({ channel: body.user.id, text: reply.text, blocks: reply.blocks });
  });

  app.action('open_complaint', async ({ ack, body, client }) => {
    await ack();
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: complaintModal(ctx.bot.complaintForm(me)) as never });
  });

  app.action('open_briefing', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: briefingModal(ctx.council) as never });
  });
}
