import { CookieBrowser } from '../support/cookie-browser';
import { startTestProvider, type TestProvider } from '../support/oidc-test-provider-process';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';
import { PROVIDER_ACCOUNTS, signInDirectoryFile } from '../support/sign-in-directory';

// Web sign-in against a real OpenID Connect provider on loopback (oidc-provider), through HTTP as a browser does it.
// The bot runs as its own process: openid-client is an ES module, which jest's CommonJS runtime cannot load.
describe("web sign-in through the council's OpenID Connect provider", () => {
  let provider: TestProvider;
  let bot: ServerProcess;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ client: { client_id: 'etiquette-bot', client_secret: 'test-client-secret', redirect_uris: [`${publicUrl}/auth/callback`] }, accounts: PROVIDER_ACCOUNTS });
    bot = await startServerProcess({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: 'etiquette-bot',
      OIDC_CLIENT_SECRET: 'test-client-secret',
      DIRECTORY_FILE: signInDirectoryFile(),
      COUNCIL: 'london-councils',
    });
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await provider?.stop();
  });

  /** Signs `account` in from a fresh browser: to the provider, through its (automatic) login and consent, back to the callback. */
  async function signIn(account: keyof typeof PROVIDER_ACCOUNTS): Promise<{ browser: CookieBrowser; callback: Response; callbackUrl: string; hops: string[] }> {
    await provider.signInAs(account);
    const browser = new CookieBrowser();
    const { url, hops } = await browser.follow(`${bot.base}/auth/sign-in?council=london-councils`, (next) => next.startsWith(`${bot.base}/auth/callback`));
    expect(url.startsWith(`${bot.base}/auth/callback?`)).toBe(true);
    const callback = await browser.fetch(url);
    return { browser, callback, callbackUrl: url, hops };
  }

  async function session(browser: CookieBrowser): Promise<{ signedIn: { personId: string; name: string; via: string } | null; csrfToken: string }> {
    return (await (await browser.fetch(`${bot.base}/api/session`)).json()) as { signedIn: { personId: string; name: string; via: string } | null; csrfToken: string };
  }

  it("sends GET /auth/sign-in to the provider's authorization endpoint with PKCE, state and nonce", async () => {
    const response = await new CookieBrowser().fetch(`${bot.base}/auth/sign-in?council=london-councils`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string };
    expect(`${location.origin}${location.pathname}`).toBe(discovery.authorization_endpoint);
    expect(Object.fromEntries(location.searchParams)).toEqual(
      expect.objectContaining({
        client_id: 'etiquette-bot',
        response_type: 'code',
        redirect_uri: `${bot.base}/auth/callback`,
        code_challenge_method: 'S256',
        scope: expect.stringContaining('openid'),
      }),
    );
    for (const name of ['state', 'nonce', 'code_challenge']) expect((location.searchParams.get(name) ?? '').length).toBeGreaterThanOrEqual(43);
    expect(response.headers.get('set-cookie')).toMatch(/^etiquette_sign_in=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });

  it('signs a person in by their object id, with an HttpOnly SameSite=Lax session cookie, and their cases can be read', async () => {
    const { browser, callback } = await signIn('jo-member');
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/');
    const cookie = callback.headers.getSetCookie().find((c) => c.startsWith('etiquette_session=')) ?? '';
    expect(cookie).toMatch(/^etiquette_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    expect((await session(browser)).signedIn).toEqual(expect.objectContaining({ personId: 'lc-member', name: 'Cllr Jo Member', via: 'oidc' }));
    const cases = await browser.fetch(`${bot.base}/api/cases`);
    expect(cases.status).toBe(200);
    expect(await cases.json()).toEqual({ cases: [], cards: [] });
  }, 30_000);

  it('matches a person by email when the directory has no object id for them, whatever the case of the address', async () => {
    const { browser, callback } = await signIn('fin-services');
    expect(callback.status).toBe(302);
    expect((await session(browser)).signedIn?.personId).toBe('lc-director-services');
  }, 30_000);

  it("files a complaint for the signed-in person only with the session's CSRF token, and signs out", async () => {
    const { browser } = await signIn('jo-member');
    const body = JSON.stringify({ idempotencyKey: 'oidc-complaint-0001', about: 'lc-officer-2', description: 'An officer has not answered my emails for a month.' });
    const post = (headers: Record<string, string>) => browser.fetch(`${bot.base}/api/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

    const withoutToken = await post({});
    expect(withoutToken.status).toBe(403);
    expect(await withoutToken.json()).toMatchObject({ error: { code: 'csrf_refused' } });
    const fromElsewhere = await post({ 'x-csrf-token': (await session(browser)).csrfToken, origin: 'https://attacker.example' });
    expect(fromElsewhere.status).toBe(403);

    const { csrfToken } = await session(browser);
    const filed = await post({ 'x-csrf-token': csrfToken, origin: bot.base });
    expect(filed.status).toBe(201);
    const listed = (await (await browser.fetch(`${bot.base}/api/cases`)).json()) as { cases: Array<{ reference: string }> };
    expect(listed.cases.map((c) => c.reference)).toEqual([((await filed.json()) as { reference: string }).reference]);

    const signedOut = await browser.fetch(`${bot.base}/auth/sign-out`, { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
    expect(signedOut.status).toBe(200);
    expect((await browser.fetch(`${bot.base}/api/cases`)).status).toBe(401);
  }, 30_000);

  it('refuses a person the directory does not list: no session, and a page saying whom to ask', async () => {
    const { browser, callback } = await signIn('stranger');
    expect(callback.status).toBe(403);
    expect(await callback.text()).toMatch(/does not list you/);
    expect(browser.cookie(bot.base, 'etiquette_session')).toBeUndefined();
    expect((await browser.fetch(`${bot.base}/api/cases`)).status).toBe(401);
  }, 30_000);

  it('uses a callback once, and only in the browser that started the sign-in', async () => {
    const { browser, callbackUrl } = await signIn('jo-member');
    expect((await browser.fetch(callbackUrl)).status).toBe(400);
    expect((await new CookieBrowser().fetch(callbackUrl)).status).toBe(400);
  }, 30_000);
});
