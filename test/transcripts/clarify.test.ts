import type { RunningServer } from '../../src/app/start-server';
import { FakeBotConnector, teamsMessage } from '../support/fake-bot-connector';
import { FakeSlackApi } from '../support/fake-slack-api';
import { eventCallback, JSON_TYPE, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';

// A question the bot is unsure of at Lydney, and no one point settles: it could be about breaches of the protocol or about roles.
const UNSURE = 'who keeps an eye on how councillors and staff get on here?';
// The classifier is as unsure of this one, but one point (1.1) matches it far better than any point of the other topics.
const SETTLED_BY_A_POINT = 'Who is responsible for the operation of the member officer protocol at the town council?';

describe('asking rather than guessing, on every channel', () => {
  const slack = new FakeSlackApi();
  const connector = new FakeBotConnector();
  let bot: RunningServer & { base: string };
  let serviceUrl = '';

  beforeAll(async () => {
    const api = await slack.start();
    serviceUrl = await connector.start();
    bot = await startTestServer({ COUNCIL: 'lydney', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api, TEAMS_LOCAL: 'true' });
    bot.jobs.stop();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await connector.stop();
  });

  it('the API asks "is this about A or B?" with the choices in clarify, and a choice answers at once', async () => {
    const ask = (body: object) =>
      fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ council: 'lydney', role: 'member', ...body }) }).then(
        (r) => r.json() as Promise<{ lead: string; clarify: Array<{ point: string; label: string }> | null; point: string | null; citations: unknown[] }>,
      );
    const asked = await ask({ question: UNSURE });
    expect(asked.clarify?.length).toBeGreaterThanOrEqual(2);
    expect(asked.lead).toMatch(/^I want to be sure I answer the right question: is this about .+ or .+\?$/);
    expect(asked.point).toBeNull();
    const chosen = await ask({ question: UNSURE, point: asked.clarify?.[0]?.point });
    expect(chosen.point).toBe(asked.clarify?.[0]?.point);
    expect(chosen.clarify).toBeNull();
    expect(chosen.citations.length).toBeGreaterThan(0);
  });

  it("answers at once, without asking, when one point matches the question far better than any other topic's", async () => {
    const response = await fetch(`${bot.base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ council: 'lydney', role: 'member', question: SETTLED_BY_A_POINT }),
    });
    const answer = (await response.json()) as { lead: string; clarify: unknown[] | null; point: string | null; citations: Array<{ section: string }> };
    expect(answer.clarify).toBeNull();
    expect(answer.lead).toMatch(/^The Town Clerk/);
    expect(answer.citations[0]?.section).toBe('1.1');
  });

  it('Slack shows the choices and "Something else" as buttons', async () => {
    await postSlack(bot.base, eventCallback('Ev-unsure-1', { type: 'message', channel_type: 'im', channel: 'D-LYM', user: 'ULYMEM', text: UNSURE, ts: '1700000000.000400' }), JSON_TYPE);
    const reply = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-LYM');
    const blocks = JSON.stringify(reply.args.blocks);
    expect(blocks).toMatch(/is this about/);
    expect((blocks.match(/"action_id":"ask_point"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(blocks).toMatch(/Something else/);
  });

  it('Teams shows the choices and "Something else" as card buttons, and "Something else" says what the bot can help with', async () => {
    const send = (text: string, value?: Record<string, unknown>) =>
      fetch(`${bot.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsMessage(serviceUrl, { id: '29:lym', aadObjectId: 'aad-ly-member' }, 'conv-lym', text, value)),
      });
    // Someone new to the bot says they are a councillor first; their question is then answered.
    await send(UNSURE);
    await connector.waitFor((a) => a.conversationId === 'conv-lym' && /councillor or an officer/.test(a.activity.text ?? ''));
    await send('', { action: 'role', role: 'member' });
    const reply = await connector.waitFor((a) => a.conversationId === 'conv-lym' && /is this about/.test(JSON.stringify(a.activity)));
    const card = reply.activity.attachments?.[0]?.content as { actions: Array<{ title: string; data?: { action?: string; question?: string } }> };
    expect(card.actions.filter((a) => a.data?.action === 'ask-point').length).toBeGreaterThanOrEqual(2);
    const other = card.actions.find((a) => a.title === 'Something else');
    expect(other).toBeDefined();
    const before = connector.sent.length;
    await send('', other?.data);
    const help = await connector.waitFor((a) => a.conversationId === 'conv-lym' && connector.sent.indexOf(a) >= before);
    expect(help.activity.text ?? '').toMatch(/\w/);
    expect(help.activity.text).not.toMatch(/is this about/);
  });
});
