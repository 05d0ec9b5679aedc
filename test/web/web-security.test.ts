import { randomBytes } from 'node:crypto';
import { EXAMPLE_DIRECTORY } from '../../src/app/build-workflows';
import type { RunningServer } from '../../src/app/start-server';
import { devSessionCookie } from '../../src/channels/web/dev-session';
import { startTestServer } from '../support/test-server';
import { TEST_CSRF_TOKEN, withCsrf } from '../support/web-csrf';

type Bot = RunningServer & { base: string };
const devCookie = (personId: string) => devSessionCookie({ council: 'london-councils', personId }).split(';')[0] ?? '';
const json = { 'content-type': 'application/json' };
const complaint = (key: string) => JSON.stringify({ idempotencyKey: key, about: 'lc-officer-2', description: 'An officer has not answered my emails for a month.' });
const vote = JSON.stringify({ council: 'london-councils', intent: 'confidentiality', vote: 'helpful' });

describe('the web chat in production', () => {
  const PUBLIC_URL = 'https://bot.example.gov.uk';
  let bot: Bot;
  beforeAll(async () => {
    bot = await startTestServer({
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      COMPLAINT_KEY: randomBytes(32).toString('hex'),
      DIRECTORY_FILE: EXAMPLE_DIRECTORY,
      COUNCIL: 'london-councils',
      PUBLIC_URL,
      OIDC_ISSUER_URL: 'https://login.example.invalid/tenant/v2.0',
      OIDC_CLIENT_ID: 'app-id',
      OIDC_CLIENT_SECRET: 'app-secret',
    });
  }, 30_000);
  afterAll(() => bot.stop());

  it('sends a Content-Security-Policy with frame-ancestors, and frame and referrer protection, on the pages and the API', async () => {
    for (const path of ['/', '/privacy', '/terms', '/api/councils']) {
      const response = await fetch(`${bot.base}${path}`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
      expect(csp).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('serves pages with no inline script or style, so the policy blocks nothing of ours', async () => {
    for (const path of ['/', '/privacy', '/terms']) {
      const html = await (await fetch(`${bot.base}${path}`)).text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    }
  });

  it('refuses an anonymous vote with 401, even from the page with its CSRF token', async () => {
    const response = await fetch(`${bot.base}/api/feedback`, { method: 'POST', headers: { ...json, ...withCsrf(), origin: PUBLIC_URL }, body: vote });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorised', message: expect.stringMatching(/sign in/i) } });
  });

  it('offers sign-in through the provider only: no development sign-in, and its cookie signs no one in', async () => {
    const session = (await (await fetch(`${bot.base}/api/session`)).json()) as { signIn: { oidc: boolean; development: boolean }; signedIn: unknown };
    expect(session).toMatchObject({ signedIn: null, signIn: { oidc: true, development: false } });
    expect((await fetch(`${bot.base}/api/dev/sign-in`, { method: 'POST', headers: { ...json, ...withCsrf() }, body: '{"council":"london-councils","personId":"lc-member"}' })).status).toBe(404);
    expect((await fetch(`${bot.base}/api/cases`, { headers: { cookie: devCookie('lc-member') } })).status).toBe(401);
  });

  it('sends its cookies Secure, HttpOnly and SameSite=Lax', async () => {
    const response = await fetch(`${bot.base}/api/session`);
    expect(response.headers.get('set-cookie')).toMatch(/^etiquette_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('refuses a state-changing request from another origin, even with the token', async () => {
    const response = await fetch(`${bot.base}/auth/sign-out`, { method: 'POST', headers: { ...withCsrf(), origin: 'https://elsewhere.example' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'csrf_refused', message: expect.stringMatching(/another site/) } });
  });

  it('answers 503 and says to try later when the identity provider cannot be reached', async () => {
    const response = await fetch(`${bot.base}/auth/sign-in?council=london-councils`, { redirect: 'manual' });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'sign_in_unavailable' } });
  }, 30_000);
});

describe('CSRF protection and the vote limit on the web API', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startTestServer({ COUNCIL: 'london-councils', WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_FEEDBACK_PER_HOUR: '2', TEAMS_LOCAL: 'true' });
  }, 30_000);
  afterAll(() => bot.stop());

  const routes: Array<[string, string]> = [
    ['/api/complaints', complaint('csrf-less-0001')],
    ['/api/briefings', JSON.stringify({ idempotencyKey: 'csrf-less-0002', group: 'Labour', subject: 'The budget', format: 'attendance', meetingDate: '2031-05-04' })],
    ['/api/feedback', vote],
    ['/api/dev/sign-in', JSON.stringify({ council: 'london-councils', personId: 'lc-ceo' })],
    ['/auth/sign-out', '{}'],
  ];

  it.each(routes)('refuses POST %s without the CSRF token, or with one that does not match, with 403 csrf_refused', async (path, body) => {
    const cookie = devCookie('lc-member');
    const missing = await fetch(`${bot.base}${path}`, { method: 'POST', headers: { ...json, cookie }, body });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 'csrf_refused', message: expect.stringMatching(/reload the page/) } });
    const wrong = await fetch(`${bot.base}${path}`, { method: 'POST', headers: { ...json, ...withCsrf(cookie), 'x-csrf-token': `${TEST_CSRF_TOKEN}x` }, body });
    expect(wrong.status).toBe(403);
    const crossSite = await fetch(`${bot.base}${path}`, { method: 'POST', headers: { ...json, ...withCsrf(cookie), 'sec-fetch-site': 'cross-site' }, body });
    expect(crossSite.status).toBe(403);
    expect(await bot.built.workflows.deps.store.listCases()).toEqual([]);
  });

  it('gives the page its token through GET /api/session, and takes the request with it', async () => {
    const session = await fetch(`${bot.base}/api/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toBe(`etiquette_csrf=${csrfToken}`);
    const response = await fetch(`${bot.base}/api/feedback`, { method: 'POST', headers: { ...json, cookie, 'x-csrf-token': csrfToken, origin: bot.base }, body: vote });
    expect(response.status).toBe(200);
  });

  it('leaves the Teams endpoint to its own authentication', async () => {
    const response = await fetch(`${bot.base}/api/messages`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ type: 'conversationUpdate', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }),
    });
    expect(response.status).not.toBe(403);
  });

  it('limits votes per signed-in person, without holding back anyone else', async () => {
    const send = (personId: string) => fetch(`${bot.base}/api/feedback`, { method: 'POST', headers: { ...json, ...withCsrf(devCookie(personId)) }, body: vote });
    expect([(await send('lc-group-leader')).status, (await send('lc-group-leader')).status]).toEqual([200, 200]);
    const third = await send('lc-group-leader');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await send('lc-chair')).status).toBe(200);
  });
});

describe('the question limit behind a reverse proxy (TRUST_PROXY)', () => {
  const ask = (bot: Bot, headers: Record<string, string>) =>
    fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ question: 'can I copy a councillor email to another group?' }) });
  const statuses = async (bot: Bot, headers: Record<string, string>, n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i += 1) out.push((await ask(bot, headers)).status);
    return out;
  };

  describe('with the proxy trusted', () => {
    let bot: Bot;
    beforeAll(async () => {
      bot = await startTestServer({ COUNCIL: 'london-councils', WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_QUESTIONS_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    }, 30_000);
    afterAll(() => bot.stop());

    it('gives two clients with different X-Forwarded-For separate limits', async () => {
      expect(await statuses(bot, { 'x-forwarded-for': '203.0.113.1' }, 3)).toEqual([200, 200, 429]);
      expect(await statuses(bot, { 'x-forwarded-for': '203.0.113.2' }, 2)).toEqual([200, 200]);
    });

    it('limits a signed-in person as that person, from whatever address', async () => {
      const cookie = devCookie('lc-labour-leader');
      expect(await statuses(bot, { cookie, 'x-forwarded-for': '198.51.100.1' }, 2)).toEqual([200, 200]);
      expect(await statuses(bot, { cookie, 'x-forwarded-for': '198.51.100.2' }, 1)).toEqual([429]);
      // someone else behind the same address is not held back
      expect(await statuses(bot, { cookie: devCookie('lc-independent'), 'x-forwarded-for': '198.51.100.1' }, 1)).toEqual([200]);
    });
  });

  describe('with the peer not a trusted proxy', () => {
    let bot: Bot;
    beforeAll(async () => {
      bot = await startTestServer({ COUNCIL: 'london-councils', RATE_LIMIT_QUESTIONS_PER_MINUTE: '2', TRUST_PROXY: '10.0.0.0/8' });
    }, 30_000);
    afterAll(() => bot.stop());

    it('ignores X-Forwarded-For: a caller cannot pick a new address to dodge the limit', async () => {
      expect(await statuses(bot, { 'x-forwarded-for': '203.0.113.1' }, 2)).toEqual([200, 200]);
      expect(await statuses(bot, { 'x-forwarded-for': '203.0.113.2' }, 1)).toEqual([429]);
    });
  });
});

describe('starting sign-ins', () => {
  let bot: Bot;
  beforeAll(async () => {
    // a provider that is not there: each start is refused after the limit check, so none reaches it
    bot = await startTestServer({ COUNCIL: 'london-councils', PUBLIC_URL: 'http://127.0.0.1:3000', OIDC_ISSUER_URL: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'app-id', OIDC_CLIENT_SECRET: 'app-secret' });
  }, 30_000);
  afterAll(() => bot.stop());

  it('limits how many one address may start in a minute, since each is kept for ten minutes', async () => {
    const start = () => fetch(`${bot.base}/auth/sign-in?council=london-councils`, { redirect: 'manual' });
    for (let i = 0; i < 20; i += 1) expect((await start()).status).toBe(503);
    const limited = await start();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 30_000);
});
