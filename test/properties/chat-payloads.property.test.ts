import fc from 'fast-check';
import type { RunningServer } from '../../src/app/start-server';
import { parseSlackBody } from '../../src/channels/slack/slack-receiver';
import { isAppError } from '../../src/errors/app-error';
import { FakeBotConnector, teamsMessage } from '../support/fake-bot-connector';
import { FakeSlackApi } from '../support/fake-slack-api';
import { hostileJson, hostileText, mixedScriptText, propertyRuns } from '../support/hostile-input';
import { eventCallback, FORM, interaction, JSON_TYPE, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';

const MEMBER_SLACK = 'ULCMEM';
const MEMBER_TEAMS = { id: '29:member', aadObjectId: 'aad-lc-member' };

/** Text a person could type, hostile or not, up to a few thousand characters (Slack's own limit is 40,000). */
const typedText = fc.oneof(
  hostileText,
  mixedScriptText,
  fc.tuple(mixedScriptText, fc.integer({ min: 1, max: 300 })).map(([t, n]) => `${t} `.repeat(n).slice(0, 6_000)),
);

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${(sequence += 1)}`;

describe('Slack and Teams payloads on hostile input (property)', () => {
  const slack = new FakeSlackApi();
  const connector = new FakeBotConnector();
  let bot: RunningServer & { base: string };
  let serviceUrl = '';

  beforeAll(async () => {
    const api = await slack.start();
    serviceUrl = await connector.start();
    bot = await startTestServer({
      COUNCIL: 'london-councils',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api,
      TEAMS_LOCAL: 'true',
      RATE_LIMIT_QUESTIONS_PER_MINUTE: '100000',
      RATE_LIMIT_CASES_PER_HOUR: '10000',
    });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await connector.stop();
  });

  it('parseSlackBody returns an object or a typed error for any body and content type', async () => {
    const contentType = fc.constantFrom(JSON_TYPE, FORM, '', 'text/plain', 'application/json; charset=utf-8');
    const body = fc.oneof(
      hostileText,
      hostileJson.map((v) => JSON.stringify(v)),
      hostileJson.map((v) => `payload=${encodeURIComponent(JSON.stringify(v))}`),
    );
    fc.assert(
      fc.property(body, contentType, (raw, type) => {
        try {
          const parsed = parseSlackBody(raw, type);
          expect(typeof parsed).toBe('object');
          expect(parsed).not.toBeNull();
          expect(Array.isArray(parsed)).toBe(false);
        } catch (error) {
          expect(isAppError(error, 'malformed_json') || isAppError(error, 'bad_request')).toBe(true);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('answers every correctly signed Slack request with 200 or a 4xx JSON error, whatever its body', async () => {
    const request = fc.oneof(
      fc.tuple(
        hostileJson.map((v) => JSON.stringify(v)),
        fc.constant(JSON_TYPE),
      ),
      fc.tuple(hostileText, fc.constantFrom(JSON_TYPE, FORM)),
      fc.tuple(
        hostileJson.map((v) => `payload=${encodeURIComponent(JSON.stringify(v))}`),
        fc.constant(FORM),
      ),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([body, type]) => {
        const response = await postSlack(bot.base, body, type);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(((await response.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
      }),
      { numRuns: propertyRuns(60) },
    );
  }, 60_000);

  it('replies to every non-blank Slack direct message with an answer, an abstention or a clear refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        typedText.filter((t) => t.trim() !== ''),
        async (text) => {
          const channel = nextId('D-PROP');
          const body = eventCallback(nextId('Ev-prop'), { type: 'message', channel_type: 'im', channel, user: MEMBER_SLACK, text, ts: '1700000000.000100' });
          expect((await postSlack(bot.base, body, JSON_TYPE)).status).toBe(200);
          const reply = await slack.waitFor('chat.postMessage', (c) => c.args.channel === channel);
          expect(String(reply.args.text).trim().length).toBeGreaterThan(10);
          expect(String(reply.args.text)).not.toMatch(/something went wrong/);
        },
      ),
      { numRuns: propertyRuns(25) },
    );
  }, 120_000);

  it('refuses case buttons with forged or garbage references in a private message, never a crash or silence', async () => {
    const press = fc.tuple(
      fc.constantFrom('case_view', 'case_acknowledge', 'case_close', 'case_withdraw', 'case_agree', 'case_mark-delivered', 'case_no-such-action'),
      fc.oneof(hostileText, fc.constantFrom('C-AAAAAAAA', 'B-AAAAAAAA', "C-' OR 1=1 --")),
    );
    await fc.assert(
      fc.asyncProperty(press, async ([actionId, reference]) => {
        const user = nextId('UPROP');
        const response = await postSlack(
          bot.base,
          interaction({ type: 'block_actions', user: { id: user }, trigger_id: 't', actions: [{ action_id: actionId, value: reference, type: 'button', block_id: 'b', action_ts: '1' }] }),
          FORM,
        );
        expect(response.status).toBe(200);
        const dm = await slack.waitFor('chat.postMessage', (c) => c.args.channel === user);
        expect(String(dm.args.text)).toMatch(/^Not done: /);
      }),
      { numRuns: propertyRuns(25) },
    );
  }, 120_000);

  it('answers every Slack answer button and form submission with garbage values with 200 or a field error', async () => {
    const actionIds = ['show_clause_1', 'did_you_mean', 'compare_councils', 'feedback_helpful', 'feedback_not-helpful', 'role_member', 'role_officer', 'open_complaint'];
    const callbacks = ['complaint_modal', 'briefing_modal', 'case_message_modal', 'case_outcome_modal', 'briefing_decline_modal', 'briefing_approve_modal'];
    const garbageValues = fc.dictionary(
      fc.constantFrom('about', 'name', 'description', 'group', 'subject', 'format', 'meeting_date', 'text', 'officer', 'outsiders'),
      fc.record({
        value: fc.record(
          { type: fc.constant('plain_text_input'), value: fc.oneof(hostileText, hostileJson), selected_option: fc.oneof(hostileJson, fc.record({ value: hostileText })) },
          { requiredKeys: [] },
        ),
      }),
    );
    const payload = fc.oneof(
      fc
        .record({
          actionId: fc.constantFrom(...actionIds),
          value: fc.oneof(
            hostileText,
            hostileJson.map((v) => JSON.stringify(v)),
          ),
        })
        .map(({ actionId, value }) => ({
          type: 'block_actions',
          user: { id: MEMBER_SLACK },
          trigger_id: 't',
          response_url: 'http://127.0.0.1:9/never',
          actions: [{ action_id: actionId, value, type: 'button', block_id: 'b', action_ts: '1' }],
        })),
      fc
        .record({
          callback: fc.constantFrom(...callbacks),
          values: garbageValues,
          metadata: fc.oneof(
            hostileText,
            hostileJson.map((v) => JSON.stringify(v)),
          ),
        })
        .map(({ callback, values, metadata }) => ({
          type: 'view_submission',
          user: { id: MEMBER_SLACK },
          view: { id: nextId('V-prop'), callback_id: callback, private_metadata: metadata, state: { values } },
        })),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const response = await postSlack(bot.base, interaction(p), FORM);
        expect(response.status).toBe(200);
        const text = await response.text();
        if (text) expect(JSON.parse(text)).toMatchObject({ response_action: 'errors' });
      }),
      { numRuns: propertyRuns(60) },
    );
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
  }, 120_000);

  const postTeams = (activity: unknown) => fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  it('answers any JSON posted to the Teams endpoint with 2xx or a 4xx error, never a 5xx', async () => {
    const activity = fc.oneof(
      hostileJson,
      fc.record(
        {
          type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'invoke'), hostileText),
          text: fc.oneof(hostileText, hostileJson),
          serviceUrl: fc.constant(serviceUrl),
          conversation: fc.oneof(fc.record({ id: hostileText }), hostileJson),
          from: fc.oneof(fc.record({ id: hostileText }), hostileJson),
          value: hostileJson,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(activity, async (a) => {
        const response = await postTeams(a);
        // 501 is the Bot Framework's own answer to an invoke the bot does not implement: the protocol, not a failure.
        const isInvoke = typeof a === 'object' && a !== null && (a as { type?: unknown }).type === 'invoke';
        if (!(isInvoke && response.status === 501)) expect(response.status).toBeLessThan(500);
        if (response.status >= 400 && response.status < 500) expect(((await response.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
      }),
      { numRuns: propertyRuns(60) },
    );
  }, 120_000);

  it('replies in Teams to every non-blank message and every case button with an answer, an abstention or "Not done"', async () => {
    const turn = fc.oneof(
      typedText.filter((t) => t.trim() !== '').map((text) => ({ text, value: undefined as Record<string, unknown> | undefined })),
      fc
        .record({
          caseAction: fc.oneof(fc.constantFrom('view', 'reply', 'acknowledge', 'close', 'approve'), hostileText),
          reference: fc.oneof(hostileText, fc.constantFrom('C-AAAAAAAA', 'B-AAAAAAAA')),
          text: fc.oneof(hostileText, hostileJson),
        })
        .map((v) => ({ text: '', value: { action: 'case', ...v } as Record<string, unknown> | undefined })),
    );
    await fc.assert(
      fc.asyncProperty(turn, async ({ text, value }) => {
        const conversation = nextId('conv-prop');
        const activity = teamsMessage(serviceUrl, MEMBER_TEAMS, conversation, text, value);
        expect((await postTeams(activity)).status).toBe(200);
        const reply = await connector.waitFor((a) => a.conversationId === conversation);
        const said = `${reply.activity.text ?? ''}${JSON.stringify(reply.activity.attachments ?? [])}`;
        expect(said.trim().length).toBeGreaterThan(10);
        if (value) expect(reply.activity.text).toMatch(/^Not done: /);
        expect(said).not.toMatch(/something went wrong/);
      }),
      { numRuns: propertyRuns(30) },
    );
  }, 120_000);
});
