import { Writable } from 'node:stream';
import { createLogger } from '../../../src/app/create-logger';
import { startServer, type RunningServer } from '../../../src/app/start-server';
import { loadSettings } from '../../../src/config/load-settings';
import { FakeBotConnector, teamsMessage } from '../../support/fake-bot-connector';
import { FakeBotFrameworkIssuer } from '../../support/fake-bot-framework-issuer';
import { tempDataDir } from '../../support/temp-data-dir';

/** A server whose log lines are kept, as an operator's log collector would receive them. */
async function serverWithLog(env: Record<string, string>): Promise<{ bot: RunningServer; base: string; lines: string[] }> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  const settings = loadSettings({ NODE_ENV: 'test', PORT: '0', DATA_DIR: tempDataDir(), LOG_LEVEL: 'info', COUNCIL: 'london-councils', ...env });
  const bot = await startServer(settings, createLogger(settings.LOG_LEVEL, sink));
  return { bot, base: `http://127.0.0.1:${bot.port}`, lines };
}

const post = (base: string, activity: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });

const MEMBER = { id: '29:member', aadObjectId: 'aad-lc-member' };

describe('Teams refusals: a clear 4xx for people, one structured line for operators', () => {
  const APP_ID = '00000000-0000-0000-0000-000000000001';
  const SERVICE_URL = 'http://127.0.0.1:9/';
  const issuer = new FakeBotFrameworkIssuer();
  let server: Awaited<ReturnType<typeof serverWithLog>>;

  beforeAll(async () => {
    const metadataUrl = await issuer.start();
    server = await serverWithLog({
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
      TEAMS_OPENID_METADATA_URL: metadataUrl,
    });
  }, 30_000);
  afterAll(async () => {
    await server.bot.stop();
    await issuer.stop();
  });

  it.each([
    ['no token', () => ({})],
    ['a token that is not a JWT', () => ({ authorization: 'Bearer not.a.token' })],
    [
      'a token signed with a forger’s key under the published key id',
      () => ({ authorization: `Bearer ${issuer.token({ claims: FakeBotFrameworkIssuer.claimsFor(APP_ID, SERVICE_URL), signWith: FakeBotFrameworkIssuer.forgersKey() })}` }),
    ],
    [
      'an expired token',
      () => {
        const now = Math.floor(Date.now() / 1000);
        return { authorization: `Bearer ${issuer.token({ claims: { ...FakeBotFrameworkIssuer.claimsFor(APP_ID, SERVICE_URL, now), iat: now - 4200, nbf: now - 4200, exp: now - 600 } })}` };
      },
    ],
  ])('answers %s with 401 in our words, and logs exactly one short structured line', async (_what, headers) => {
    const before = server.lines.length;
    const response = await post(server.base, teamsMessage(SERVICE_URL, MEMBER, 'conv-refused', 'hello'), headers());
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorised');
    expect(body.error.message).not.toMatch(/jwt|signature|Unauthorized:|token has expired/i);
    const logged = server.lines.slice(before);
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'Teams request refused', code: 'unauthorised', status: 401, channel: 'teams' });
    expect(logged[0]).not.toMatch(/stack|BEGIN RSA|\\n/);
    expect((logged[0] ?? '').length).toBeLessThan(300);
  });
});

describe('Teams activities with odd ids', () => {
  const connector = new FakeBotConnector();
  let server: Awaited<ReturnType<typeof serverWithLog>>;
  let serviceUrl = '';

  beforeAll(async () => {
    serviceUrl = await connector.start();
    server = await serverWithLog({ TEAMS_LOCAL: 'true' });
  }, 30_000);
  afterAll(async () => {
    await server.bot.stop();
    await connector.stop();
  });

  it.each([
    ['a control character in the conversation id', { conversation: { id: 'conv\u0000one', conversationType: 'personal' } }, 'conversation.id'],
    ['a conversation id past any Teams id', { conversation: { id: 'c'.repeat(600), conversationType: 'personal' } }, 'conversation.id'],
    ['a line break in the sender id', { from: { id: '29:mem\nber', aadObjectId: 'aad-lc-member' } }, 'from.id'],
    ['a sender object id that is not text', { from: { id: '29:member', aadObjectId: 42 } }, 'from.aadObjectId'],
    ['a non-ASCII conversation id', { conversation: { id: 'conv-€', conversationType: 'personal' } }, 'conversation.id'],
  ])('refuses %s with a 400 naming the field, never the SDK’s words, and logs one line', async (_what, override, field) => {
    const before = server.lines.length;
    const response = await post(server.base, { ...teamsMessage(serviceUrl, MEMBER, 'conv-x', 'hello'), ...override });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining(field) });
    expect(body.error.message).not.toMatch(/header|Invalid character/i);
    const logged = server.lines.slice(before);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({ msg: 'Teams request refused', code: 'bad_request', status: 400 });
  });

  it('still answers a conversation id as Teams writes them (a thread with its message id)', async () => {
    const conversation = '19:a1b2c3d4e5@thread.tacv2;messageid=1700000000000';
    expect((await post(server.base, teamsMessage(serviceUrl, MEMBER, conversation, 'can I copy a councillor email to another group?'))).status).toBe(200);
    await connector.waitFor((a) => a.conversationId === conversation);
  });
});
