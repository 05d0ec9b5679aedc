import fc from 'fast-check';
import type { RunningServer } from '../../src/app/start-server';
import { FakeSlackApi } from '../support/fake-slack-api';
import { propertyRuns } from '../support/hostile-input';
import { eventCallback, FORM, interaction, JSON_TYPE, postSlack, SIGNING_SECRET, slackHeaders } from '../support/slack-requests';
import { teamsMessage } from '../support/fake-bot-connector';
import { FakeBotFrameworkIssuer } from '../support/fake-bot-framework-issuer';
import { startTestServer } from '../support/test-server';

// test/channels/slack covers a wrong secret, a ten-minute-old timestamp and missing headers; these are the rest.
describe('Slack request signatures', () => {
  const slack = new FakeSlackApi();
  let bot: RunningServer & { base: string };
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    const api = await slack.start();
    bot = await startTestServer({ COUNCIL: 'london-councils', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  /** A button that would acknowledge a case, were it believed. */
  const body = () =>
    interaction({ type: 'block_actions', user: { id: 'ULCDS' }, trigger_id: 't', actions: [{ action_id: 'case_view', value: 'C-AAAAAAAA', type: 'button', block_id: 'b', action_ts: '1' }] });

  it('refuses a body changed after signing, a timestamp just over five minutes old or in the future, and a non-numeric one', async () => {
    const signed = body();
    const tampered = signed.replace('ULCDS', 'ULCCEO');
    const cases: Array<[string, Record<string, string>]> = [
      [tampered, slackHeaders(signed, FORM)],
      [signed, slackHeaders(signed, FORM, now() - 310)],
      [signed, slackHeaders(signed, FORM, now() + 600)],
      [signed, { ...slackHeaders(signed, FORM), 'x-slack-request-timestamp': 'yesterday' }],
      [signed, { ...slackHeaders(signed, FORM), 'x-slack-signature': slackHeaders(signed, FORM)['x-slack-signature']?.replace('v0=', 'v1=') ?? '' }],
    ];
    for (const [sent, headers] of cases) {
      const response = await postSlack(bot.base, sent, FORM, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'unauthorised', message: 'invalid Slack signature' } });
    }
    const fresh = await postSlack(bot.base, signed, FORM, slackHeaders(signed, FORM, now() - 240));
    expect(fresh.status).toBe(200);
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCDS');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });

  it('refuses any request signed with any other secret, and acts on none of them (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== SIGNING_SECRET),
        fc.string({ maxLength: 12 }),
        async (secret, text) => {
          const sent = eventCallback(`Ev-forged-${text.length}-${secret.length}`, {
            type: 'message',
            channel_type: 'im',
            channel: 'D-FORGED',
            user: 'ULCMEM',
            text: `can I forward an email ${text}`,
            ts: '1.1',
          });
          expect((await postSlack(bot.base, sent, JSON_TYPE, slackHeaders(sent, JSON_TYPE, undefined, secret))).status).toBe(401);
        },
      ),
      { numRuns: propertyRuns(20) },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.of('chat.postMessage').filter((c) => c.args.channel === 'D-FORGED')).toEqual([]);
  });
});

// test/channels/teams checks that a plain message without a token, or with a junk one, is refused; this checks that
// nothing behind the refusal happens.
describe('Teams with an app id: requests without a valid token', () => {
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

  it('files no complaint, remembers no conversation and no role for a form or button sent without a token, a Basic one, or an empty Bearer', async () => {
    const member = { id: '29:member', aadObjectId: 'aad-lc-member' };
    const value = { action: 'submit-complaint', formId: 'no-token-form', about: 'lc-officer-2', description: 'An officer has not replied to five emails about the grants round.' };
    for (const authorization of [undefined, 'Basic dXNlcjpwYXNz', 'Bearer ', 'Bearer a.b.c']) {
      const role = teamsMessage('http://127.0.0.1:9/', member, 'conv-no-token', '', { action: 'role', role: 'officer' });
      for (const activity of [teamsMessage('http://127.0.0.1:9/', member, 'conv-no-token', '', value), role]) {
        const response = await fetch(`${bot.base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(activity),
        });
        expect(response.status).toBe(401);
      }
    }
    expect(await bot.built.workflows.deps.store.listCases()).toEqual([]);
    expect(await bot.built.bot.channelStore.conversationReference('teams:aad-lc-member')).toBeUndefined();
    expect(await bot.built.bot.channelStore.rememberedRole('lc-member')).toBeUndefined();
  });
});

// Tokens that look right: well-formed RS256 tokens checked against the signing keys the Bot Framework publishes
// (a local issuer here, as TEAMS_OPENID_METADATA_URL allows).
describe('Teams with an app id: tokens checked against the Bot Framework signing keys', () => {
  const APP_ID = '00000000-0000-0000-0000-000000000001';
  const SERVICE_URL = 'http://127.0.0.1:9/';
  const issuer = new FakeBotFrameworkIssuer();
  let bot: RunningServer & { base: string };
  beforeAll(async () => {
    const metadataUrl = await issuer.start();
    bot = await startTestServer({
      COUNCIL: 'london-councils',
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
      TEAMS_OPENID_METADATA_URL: metadataUrl,
    });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await issuer.stop();
  });

  const member = { id: '29:member', aadObjectId: 'aad-lc-member' };
  const post = (activity: Record<string, unknown>, token: string) =>
    fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
  const genuine = (claims: Record<string, unknown> = FakeBotFrameworkIssuer.claimsFor(APP_ID, SERVICE_URL)) => issuer.token({ claims });

  it('accepts a request signed with the published key, for this app and this service URL', async () => {
    // A reaction needs no reply, so the check stops at the door: the bot has no credentials to reply with here.
    const reaction = { ...teamsMessage(SERVICE_URL, member, 'conv-genuine', ''), type: 'messageReaction', reactionsAdded: [{ type: 'like' }] };
    const response = await post(reaction, genuine());
    expect(response.status).toBe(200);
  });

  it('refuses forged, expired, misaddressed and unsigned tokens, and files nothing behind them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = FakeBotFrameworkIssuer.claimsFor(APP_ID, SERVICE_URL, now);
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: issuer.kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const tokens: Array<[string, string]> = [
      ['signed with a key of the forger’s own under the published key id', issuer.token({ claims, signWith: FakeBotFrameworkIssuer.forgersKey() })],
      ['signed with a key id nobody published', issuer.token({ claims, kid: 'someone-elses-key' })],
      ['expired ten minutes ago', genuine({ ...claims, iat: now - 4200, nbf: now - 4200, exp: now - 600 })],
      ['for another bot', genuine({ ...claims, aud: '00000000-0000-0000-0000-0000000000ff' })],
      ['for another service URL', genuine({ ...claims, serviceurl: 'https://attacker.example/' })],
      ['from another issuer', genuine({ ...claims, iss: 'https://attacker.example' })],
      ['with no signature ("alg": "none")', unsigned],
    ];
    const value = { action: 'submit-complaint', formId: 'forged-token-form', about: 'lc-officer-2', description: 'An officer has not replied to five emails about the grants round.' };
    const refused: string[] = [];
    for (const [what, token] of tokens) {
      const response = await post(teamsMessage(SERVICE_URL, member, 'conv-forged', '', value), token);
      if (response.status === 401) refused.push(what);
    }
    expect(refused).toEqual(tokens.map(([what]) => what));
    expect(await bot.built.workflows.deps.store.listCases()).toEqual([]);
    expect(await bot.built.bot.channelStore.conversationReference('teams:aad-lc-member')).toBeUndefined();
  });
});
