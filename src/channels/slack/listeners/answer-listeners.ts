import type { App } from '@slack/bolt';
import { isAppError } from '../../../errors/app-error';
import { answerBlocks, button, type Block } from '../blocks/answer-blocks';
import type { SlackContext } from '../slack-context';

/** Blocks asking an unknown person their role once; their question waits on the server, whatever its length. */
export function askRoleBlocks(): Block[] {
  return [
    { type: 'section', text: { type: 'mrkdwn', text: 'Before I answer: are you a councillor or an officer? I will remember.' } },
    { type: 'actions', elements: [button("I'm a councillor", 'role_member', {}), button("I'm an officer", 'role_officer', {})] },
  ];
}

/**
 * Answers a question for a Slack user as blocks plus plain text (the lead: what notifications show), or asks their
 * role first.
 */
export async function replyFor(ctx: SlackContext, userId: string, question: string): Promise<{ text: string; blocks: Block[] }> {
  const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId });
  if (!me.role) {
    await ctx.bot.holdQuestion(me, question);
    return { text: 'Are you a councillor or an officer?', blocks: askRoleBlocks() };
  }
  try {
    const reply = await ctx.bot.ask({ council: ctx.council, role: me.role, question }, me.personId);
    return { text: reply.lead, blocks: answerBlocks(reply, question) };
  } catch (error) {
    const message = isAppError(error) ? error.message : 'Sorry, something went wrong on our side. Please try again.';
    return { text: message, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message } }] };
  }
}

/** Strips the bot mention from a channel message. */
function withoutMention(text: string): string {
  return text.replace(/<@[A-Z0-9]+>/g, '').trim();
}

/** Direct messages and mentions are answered in a thread; `/etiquette` answers privately. */
export function registerAnswerListeners(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event, client }) => {
    const question = withoutMention(event.text ?? '');
    if (!question || !event.user) return;
    const reply = await replyFor(ctx, event.user, question);
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: reply.text, blocks: reply.blocks });
  });

  app.message(async ({ message, client }) => {
    const m = message as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; text?: string; ts: string; thread_ts?: string; channel: string };
    if (m.channel_type !== 'im' || m.subtype !== undefined || m.bot_id || !m.user || !m.text?.trim()) return;
    const reply = await replyFor(ctx, m.user, m.text);
    await client.chat.postMessage({ channel: m.channel, thread_ts: m.thread_ts ?? m.ts, text: reply.text, blocks: reply.blocks });
  });

  app.command('/etiquette', async ({ command, ack, respond }) => {
    await ack();
    const question = command.text.trim();
    if (!question) {
      await respond({ response_type: 'ephemeral', text: "Ask me a question after the command, for example: /etiquette can I forward a councillor's email?" });
      return;
    }
    const reply = await replyFor(ctx, command.user_id, question);
    await respond({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  });
}
