import type { AllMiddlewareArgs, App } from '@slack/bolt';
import type { Block } from '../blocks/answer-blocks';
import { slackBlocks } from '../blocks/answer-blocks';
import { caseButtons } from '../blocks/case-blocks';
import type { SlackContext } from '../slack-context';

/** Open cases listed in App Home, with their buttons; Slack allows 100 blocks in a view. */
const CASES_SHOWN = 20;

/** The suggested prompts of the Messages tab (Slack's agent view): questions people ask most, in their words. */
export const SUGGESTED_PROMPTS = [
  { title: 'Asking an officer for information', message: 'Can I ask an officer for information about my ward?' },
  { title: 'A complaint about a councillor', message: 'Who do I complain to about a councillor?' },
  { title: 'A briefing for my group', message: 'How do I get an officer to brief my party group?' },
  { title: 'Criticising an officer', message: 'Can I criticise an officer in a public meeting?' },
];

/** Publishes App Home for a person: what the bot does, their open cases with the buttons each allows them now. */
export async function publishHome(client: AllMiddlewareArgs['client'], ctx: SlackContext, userId: string): Promise<void> {
  const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId });
  const cards = (await ctx.bot.cases.cardsFor(me.personId)).filter((c) => !['closed', 'withdrawn', 'delivered', 'declined'].includes(c.state));
  const council = ctx.bot.kb.council(ctx.council).profile;
  const caseBlocks: Block[] = cards.length
    ? cards.slice(0, CASES_SHOWN).flatMap((card) => [
        { type: 'section', text: { type: 'mrkdwn', text: `*${card.reference}*: ${card.headline}${card.overdue ? ' :warning:' : ''}` } },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: Object.entries(card.fields)
                .filter(([label]) => label !== 'Reference')
                .map(([label, value]) => `${label}: ${value}`)
                .join(' · '),
            },
          ],
        },
        ...caseButtons(card.reference, card.actions),
      ])
    : [{ type: 'section', text: { type: 'mrkdwn', text: 'You have no open cases.' } }];
  if (cards.length > CASES_SHOWN) caseBlocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${cards.length - CASES_SHOWN} more are in the web chat's case console.` }] });
  await client.views.publish({
    user_id: userId,
    view: {
      type: 'home',
      blocks: slackBlocks([
        { type: 'header', text: { type: 'plain_text', text: 'Member/officer etiquette adviser' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `I answer questions on how councillors and officers work together under the ${council.protocolTitle} of ${council.name}, quoting the paragraph I rely on. Message me, mention me, or use \`/etiquette\`. \`/complaint\` opens a private complaint; \`/briefing\` asks for an officer briefing for your party group.`,
          },
        },
        { type: 'header', text: { type: 'plain_text', text: 'Your open cases' } },
        ...caseBlocks,
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'Make a complaint' }, action_id: 'open_complaint', value: '{}' },
            { type: 'button', text: { type: 'plain_text', text: 'Request a briefing' }, action_id: 'open_briefing', value: '{}' },
          ],
        },
      ]),
    },
  });
}

/** App Home (the person's open cases and their buttons), and the Messages tab's suggested prompts. */
export function registerHomeListener(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab && event.tab !== 'home') return;
    await publishHome(client, ctx, event.user);
  });
  app.event('assistant_thread_started', async ({ event, client }) => {
    const thread = event.assistant_thread;
    await client.assistant.threads.setSuggestedPrompts({
      channel_id: thread.channel_id,
      thread_ts: thread.thread_ts,
      title: 'Ask about working with councillors and officers',
      prompts: SUGGESTED_PROMPTS,
    });
  });
}
