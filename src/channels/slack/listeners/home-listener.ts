import type { App } from '@slack/bolt';
import type { SlackContext } from '../slack-context';

/** App Home: the person's open cases and requests, and what the bot can do. */
export function registerHomeListener(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: event.user });
    const cases = ctx.bot.complaints.listFor(me.personId).filter((c) => !['closed', 'withdrawn', 'delivered', 'declined'].includes(c.state));
    const council = ctx.bot.kb.council(ctx.council).profile;
    await client.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'Member/officer etiquette adviser' } },
          { type: 'section', text: { type: 'mrkdwn', text: `I answer questions on how councillors and officers work together under the ${council.protocolTitle} of ${council.name}, quoting the paragraph I rely on. Message me, mention me, or use \`/etiquette\`. \`/complaint\` opens a private complaint; \`/briefing\` asks for an officer briefing for your party group.` } },
          { type: 'header', text: { type: 'plain_text', text: 'Your open cases' } },
          cases.length
            ? { type: 'section', text: { type: 'mrkdwn', text: cases.map((c) => `• *${c.reference}*: ${c.kind}, ${c.state.replace(/-/g, ' ')}${c.acknowledgeBy ? `, acknowledge by ${c.acknowledgeBy}` : ''} (you are the ${c.role})`).join('\n') } }
            : { type: 'section', text: { type: 'mrkdwn', text: 'You have no open cases.' } },
          { type: 'actions', elements: [
            { type: 'button', text: { type: 'plain_text', text: 'Make a complaint' }, action_id: 'open_complaint', value: '{}' },
            { type: 'button', text: { type: 'plain_text', text: 'Request a briefing' }, action_id: 'open_briefing', value: '{}' },
          ] },
        ],
      },
    });
  });
}
