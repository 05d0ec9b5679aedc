import type { RunningServer } from '../../../src/app/start-server';
import { FakeSlackApi } from '../../support/fake-slack-api';
import { eventCallback, FORM, interaction, JSON_TYPE, postSlack, SIGNING_SECRET, slackHeaders, slashCommand } from '../../support/slack-requests';
import { startTestServer } from '../../support/test-server';

// A member (Cllr Jo Member, ULCMEM) and a director (Fin Services, ULCDS) at London Councils, from the example directory.
const MEMBER = 'ULCMEM';
const DIRECTOR = 'ULCDS';

describe('Slack over HTTP', () => {
  const slack = new FakeSlackApi();
  let bot: RunningServer & { base: string };
  let api = '';

  beforeAll(async () => {
    api = await slack.start();
    bot = await startTestServer({ COUNCIL: 'london-councils', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  it('refuses a forged signature, a stale timestamp and missing headers', async () => {
    const body = eventCallback('Ev-forged', { type: 'app_mention', user: MEMBER, text: 'hi', channel: 'C1', ts: '1.1' });
    expect((await postSlack(bot.base, body, JSON_TYPE, slackHeaders(body, JSON_TYPE, undefined, 'wrong-secret'))).status).toBe(401);
    expect((await postSlack(bot.base, body, JSON_TYPE, slackHeaders(body, JSON_TYPE, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    expect((await postSlack(bot.base, body, JSON_TYPE, { 'content-type': JSON_TYPE })).status).toBe(401);
    expect(slack.of('chat.postMessage')).toEqual([]);
  });

  it('answers the URL verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123' });
    const response = await postSlack(bot.base, body, JSON_TYPE);
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a direct message in a thread with the lead first, "More" and votes, and ignores a replay', async () => {
    const body = eventCallback('Ev-dm-1', {
      type: 'message',
      channel_type: 'im',
      channel: 'D-MEM',
      user: MEMBER,
      text: 'the director never dealt with my complaint about one of their staff, where do I go now?',
      ts: '1700000000.000100',
    });
    expect((await postSlack(bot.base, body, JSON_TYPE)).status).toBe(200);
    const reply = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-MEM');
    expect(reply.args.thread_ts).toBe('1700000000.000100');
    const blocks = reply.args.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id: string }> }>;
    // the lead alone, short, with its clause: the route, the quotes and the rest are behind "More"
    expect(blocks[0]?.type).toBe('section');
    expect(blocks[0]?.text?.text).toMatch(/^The protocol gives no step for a missed reply\..*Chief Executive.*\(section 13\)\.$/);
    expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(400);
    expect(String(reply.args.text)).toBe(blocks[0]?.text?.text);
    expect(blocks.map((b) => b.type)).toEqual(['section', 'actions']);
    const actions = (blocks[1]?.elements ?? []).map((e) => e.action_id);
    expect(actions[0]).toBe('answer_more');
    expect(actions).toEqual(expect.arrayContaining(['open_complaint', 'feedback_helpful', 'feedback_not_helpful']));
    expect(JSON.stringify(blocks)).not.toMatch(/show_clause_|Formal complaint by a Member/);

    expect((await postSlack(bot.base, body, JSON_TYPE, { ...slackHeaders(body, JSON_TYPE), 'x-slack-retry-num': '1' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.of('chat.postMessage').filter((c) => c.args.channel === 'D-MEM')).toHaveLength(1);
  });

  it('posts the rest of an answer privately when "More" is pressed: the route, the first three paragraphs, "Show all" and related points', async () => {
    const response = await postSlack(bot.base, slashCommand('/etiquette', 'how long has the director got to answer my complaint about one of their officers?', MEMBER, `${api}response-url`), FORM);
    expect(response.status).toBe(200);
    const answer = await slack.waitFor('response-url', (c) => /Five working days/.test(String(c.args.text)));
    const elements = (answer.args.blocks as Array<{ elements?: Array<{ action_id: string; value: string }> }>).flatMap((b) => b.elements ?? []);
    const more = elements.find((e) => e.action_id === 'answer_more');
    expect(more).toBeDefined();

    await postSlack(
      bot.base,
      interaction({
        type: 'block_actions',
        user: { id: MEMBER },
        response_url: `${api}response-url`,
        actions: [{ action_id: 'answer_more', value: more?.value, type: 'button', block_id: 'b', action_ts: '1' }],
      }),
      FORM,
    );
    const rest = await slack.waitFor('response-url', (c) => /A complaint about the officer goes to the officer's director/.test(JSON.stringify(c.args.blocks ?? '')));
    expect(rest.args.response_type).toBe('ephemeral');
    const restBlocks = JSON.stringify(rest.args.blocks);
    expect(restBlocks).toMatch(/The protocol says/);
    expect(restBlocks).toMatch(/show_all_clauses/);
    expect(restBlocks).toMatch(/"action_id":"ask_point"/);
    // three paragraphs quoted, no more: the others are behind "Show all"
    const quoted = (rest.args.blocks as Array<{ text?: { text: string } }>).find((b) => b.text?.text.startsWith('*The protocol says*'));
    expect(quoted?.text?.text.split('\n>').length).toBe(4);
  });

  it('answers /etiquette privately through the response URL', async () => {
    const response = await postSlack(bot.base, slashCommand('/etiquette', 'can I copy a councillor email to another group?', MEMBER, `${api}response-url`), FORM);
    expect(response.status).toBe(200);
    const reply = await slack.waitFor('response-url');
    expect(reply.args.response_type).toBe('ephemeral');
    expect(String(reply.args.text).length).toBeGreaterThan(20);
  });

  it('opens the complaint modal, returns field errors, then files one case for a double submission and notifies the handler and HR', async () => {
    await postSlack(bot.base, slashCommand('/complaint', '', MEMBER, `${api}response-url`), FORM);
    const opened = await slack.waitFor('views.open');
    expect((opened.args.view as { callback_id: string }).callback_id).toBe('complaint_modal');
    // Who it is about is picked from the council's directory, grouped by its titles, never the complainant;
    // or "someone not listed".
    const about = (opened.args.view as { blocks: Array<{ block_id?: string; element?: { option_groups?: Array<{ label: { text: string }; options: Array<{ value: string }> }> } }> }).blocks.find(
      (b) => b.block_id === 'about',
    );
    const groups = about?.element?.option_groups ?? [];
    expect(groups.map((g) => g.label.text)).toEqual(expect.arrayContaining(['Chief Executive', 'Director', 'officer', 'Someone not listed']));
    const values = groups.flatMap((g) => g.options.map((o) => o.value));
    expect(values).toEqual(expect.arrayContaining(['lc-director-policy', 'lc-officer-2', 'not-listed:officer']));
    expect(values).not.toContain('lc-member');

    const submission = (description: string) =>
      interaction({
        type: 'view_submission',
        user: { id: MEMBER },
        view: {
          id: 'V-complaint-1',
          callback_id: 'complaint_modal',
          private_metadata: JSON.stringify({ council: 'london-councils' }),
          state: { values: { about: { value: { type: 'static_select', selected_option: { value: 'lc-officer-2' } } }, description: { value: { type: 'plain_text_input', value: description } } } },
        },
      });
    const bad = await postSlack(bot.base, submission('rude'), FORM);
    expect(await bad.json()).toEqual({ response_action: 'errors', errors: { description: expect.stringMatching(/at least 10/) } });

    const good = submission('The officer in Services ignored four emails about the grants scheme.');
    expect((await postSlack(bot.base, good, FORM)).status).toBe(200);
    expect((await postSlack(bot.base, good, FORM)).status).toBe(200);
    const cases = await bot.built.workflows.deps.store.listCases({ kind: 'complaint' });
    expect(cases).toHaveLength(1);
    const dm = await slack.waitFor('chat.postMessage', (c) => c.args.channel === MEMBER && /Received: your complaint/.test(String(c.args.text)));
    expect(String(dm.args.text)).toContain(cases[0]?.reference);

    await bot.jobs.runOnce();
    // One receipt per submission: the DM above, and no second "received" notice from the outbox.
    expect(slack.of('chat.postMessage').filter((c) => c.args.channel === MEMBER && String(c.args.text).includes(cases[0]?.reference ?? '-'))).toHaveLength(1);
    const toHandler = await slack.waitFor('chat.postMessage', (c) => c.args.channel === DIRECTOR);
    expect(JSON.stringify(toHandler.args.blocks)).toMatch(/case_acknowledge/);
    const toHr = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0HRLC');
    expect(JSON.stringify(toHr.args)).not.toMatch(/grants scheme|ULCMEM|lc-member/);
  });

  it('lets the handler acknowledge with a button, and refuses the same button from someone else', async () => {
    const reference = (await bot.built.workflows.deps.store.listCases({ kind: 'complaint' }))[0]?.reference ?? '';
    const press = (user: string) =>
      interaction({
        type: 'block_actions',
        user: { id: user },
        trigger_id: 't-2',
        container: { type: 'message', channel_id: `D-${user}`, message_ts: '1700000000.000100' },
        actions: [{ action_id: 'case_acknowledge', value: reference, type: 'button', block_id: 'b', action_ts: '1' }],
      });
    await postSlack(bot.base, press('ULCGL'), FORM);
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCGL' && /Not done/.test(String(c.args.text)));
    expect((await bot.built.workflows.deps.store.getCase(reference))?.state).toBe('submitted');
    await postSlack(bot.base, press(DIRECTOR), FORM);
    // The notice the button was in is updated in place: the case as it now stands, and only the buttons now valid.
    const updated = await slack.waitFor('chat.update', (c) => c.args.channel === `D-${DIRECTOR}` && /is acknowledged/.test(String(c.args.text)));
    expect(updated.args.ts).toBe('1700000000.000100');
    expect(JSON.stringify(updated.args.blocks)).toMatch(/case_record-outcome/);
    expect(JSON.stringify(updated.args.blocks)).not.toMatch(/case_acknowledge/);
    expect((await bot.built.workflows.deps.store.getCase(reference))?.state).toBe('acknowledged');
    expect((await bot.built.workflows.deps.store.listAudit(reference)).some((a) => a.action === 'refused:acknowledge' && a.actor === 'lc-group-leader')).toBe(true);
  });

  it('stores helpful / not helpful votes', async () => {
    await postSlack(
      bot.base,
      interaction({
        type: 'block_actions',
        user: { id: MEMBER },
        response_url: `${api}response-url`,
        actions: [{ action_id: 'feedback_helpful', value: JSON.stringify({ council: 'london-councils', intent: 'confidentiality' }), type: 'button', block_id: 'b', action_ts: '1' }],
      }),
      FORM,
    );
    await slack.waitFor('response-url', (c) => /vote is recorded/.test(String(c.args.text)));
    expect(await bot.built.metrics.render()).toMatch(/etiquette_feedback_total\{vote="helpful"\} 1/);
  });

  it("opens the briefing modal and shows App Home with the person's cases", async () => {
    await postSlack(bot.base, slashCommand('/briefing', '', MEMBER, `${api}response-url`), FORM);
    const briefingForm = await slack.waitFor('views.open', (c) => (c.args.view as { callback_id: string }).callback_id === 'briefing_modal');
    // who the request goes to, in London Councils' own titles, from the same form model as Teams and the web
    expect(JSON.stringify(briefingForm.args.view)).toMatch(/Your request goes to/);
    await postSlack(bot.base, eventCallback('Ev-home-1', { type: 'app_home_opened', user: MEMBER, channel: 'D-MEM', tab: 'home' }), JSON_TYPE);
    const home = await slack.waitFor('views.publish');
    expect(JSON.stringify(home.args.view)).toMatch(/C-[A-Z0-9]{8}/);
  });
});
