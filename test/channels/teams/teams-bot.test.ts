import type { RunningServer } from '../../../src/app/start-server';
import { FakeBotConnector, teamsMessage } from '../../support/fake-bot-connector';
import { startTestServer } from '../../support/test-server';

const MEMBER = { id: '29:member', aadObjectId: 'aad-lc-member' };
const DIRECTOR = { id: '29:director', aadObjectId: 'aad-lc-ds' };

const post = (base: string, activity: Record<string, unknown>, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });

describe('Teams (local, no app id)', () => {
  const connector = new FakeBotConnector();
  let bot: RunningServer & { base: string };
  let serviceUrl = '';

  beforeAll(async () => {
    serviceUrl = await connector.start();
    bot = await startTestServer({ COUNCIL: 'london-councils', TEAMS_LOCAL: 'true' });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('answers a personal chat message with an Adaptive Card, as a reply to that activity: the lead first, the rest in "More"', async () => {
    const activity = teamsMessage(serviceUrl, MEMBER, 'conv-member', 'the director never dealt with my complaint about one of their staff, where do I go now?');
    expect((await post(bot.base, activity)).status).toBe(200);
    const reply = await connector.waitFor((a) => a.conversationId === 'conv-member');
    expect(reply.replyToId).toBe(activity.id);
    const attachment = reply.activity.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment?.content as { body: Array<{ type: string; text: string }>; actions: Array<{ type: string; title: string; card?: unknown }> };
    // the card's body is the lead alone, with its clause
    expect(card.body).toHaveLength(1);
    expect(card.body[0]?.type).toBe('TextBlock');
    expect(card.body[0]?.text).toMatch(/^The protocol gives no step for a missed reply\..*Chief Executive.*\(section 13\)\.$/);
    expect(reply.activity.text).toBe(card.body[0]?.text);
    // everything else is in the "More" card, the first action
    expect(card.actions[0]).toMatchObject({ type: 'Action.ShowCard', title: 'More' });
    expect(card.actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Make a complaint', 'Helpful', 'Not helpful']));
    const more = JSON.stringify(card.actions[0]?.card);
    expect(more).toMatch(/A complaint about the officer starts with the officer's director/);
    expect(more).toMatch(/The protocol says/);
    expect(more).toMatch(/Show all \d+ paragraphs/);
    expect(more).toMatch(/"action":"ask-point"/);
    expect(JSON.stringify(card.body)).not.toMatch(/Formal complaint by a Member/);
  });

  it('answers with the point its button names', async () => {
    const activity = teamsMessage(serviceUrl, MEMBER, 'conv-member-point', '', { action: 'ask-point', point: 'lc-complaint-officer-response-days' });
    expect((await post(bot.base, activity)).status).toBe(200);
    const reply = await connector.waitFor((a) => a.conversationId === 'conv-member-point');
    const card = reply.activity.attachments?.[0]?.content as { body: Array<{ text: string }> };
    expect(card.body[0]?.text).toMatch(/^Five working days\..*\(section 13\)\.$/);
  });

  it('takes a complaint from the form card, once for a resent activity, and notifies the handler proactively', async () => {
    // The director has talked to the bot before, so the bot holds a conversation reference for them.
    await post(bot.base, teamsMessage(serviceUrl, DIRECTOR, 'conv-director', 'hello'));
    await connector.waitFor((a) => a.conversationId === 'conv-director');

    const value = { action: 'submit-complaint', formId: 'form-77', about: 'lc-officer-2', description: 'An officer in Services has not replied to five emails about the grants round.' };
    const submit = teamsMessage(serviceUrl, MEMBER, 'conv-member', '', value);
    await post(bot.base, submit);
    await post(bot.base, { ...submit, id: 'activity-resent' });
    const receipt = await connector.waitFor((a) => /Received: your complaint/.test(a.activity.text ?? ''));
    expect(await bot.built.workflows.deps.store.listCases({ kind: 'complaint' })).toHaveLength(1);
    const reference = /C-[A-Z0-9]{8}/.exec(receipt.activity.text ?? '')?.[0];

    await bot.jobs.runOnce();
    const notice = await connector.waitFor((a) => a.conversationId === 'conv-director' && (a.activity.text ?? '').includes(reference ?? '-'));
    expect(notice.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(notice.activity)).not.toMatch(/grants round/);
  });

  it('offers a complaint form whose subject is chosen from the directory, never the complainant', async () => {
    await post(bot.base, teamsMessage(serviceUrl, MEMBER, 'conv-member', '', { action: 'open-complaint' }));
    const form = await connector.waitFor((a) => (a.activity.text ?? '') === 'Private complaint form');
    const body = (form.activity.attachments?.[0]?.content as { body: Array<{ id?: string; choices?: Array<{ value: string; title: string }> }> }).body;
    const choices = body.find((b) => b.id === 'about')?.choices ?? [];
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(['lc-director-services', 'lc-officer-2', 'not-listed:chief-officer']));
    expect(choices.map((c) => c.value)).not.toContain('lc-member');
    expect(choices.find((c) => c.value === 'lc-director-services')?.title).toBe('Fin Services (Services): Director');
  });

  it('refuses malformed JSON with a clear error', async () => {
    const response = await fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'malformed_json' } });
  });
});

describe('Teams with an app id configured', () => {
  let bot: RunningServer & { base: string };
  beforeAll(async () => {
    bot = await startTestServer({
      COUNCIL: 'london-councils',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
    });
  }, 30_000);
  afterAll(async () => bot.stop());

  it('refuses a request without a valid token', async () => {
    const activity = teamsMessage('http://127.0.0.1:9/', MEMBER, 'conv-x', 'hello');
    expect((await post(bot.base, activity)).status).toBe(401);
    expect((await post(bot.base, activity, { authorization: 'Bearer not.a.token' })).status).toBe(401);
  });
});
