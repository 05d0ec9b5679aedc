import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../support/headless-chromium';
import { startTestProvider, type TestProvider } from '../support/oidc-test-provider-process';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';
import { PROVIDER_ACCOUNTS, signInDirectoryFile } from '../support/sign-in-directory';

// A person signs in to the web chat through the council's (local) OpenID provider in a browser, files a complaint
// and signs out; the next person at the same browser sees none of it.
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('web sign-in in a browser', () => {
  let provider: TestProvider;
  let bot: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ client: { client_id: 'etiquette-bot', client_secret: 'test-client-secret', redirect_uris: [`${publicUrl}/auth/callback`] }, accounts: PROVIDER_ACCOUNTS });
    bot = await startServerProcess({ PORT: String(port), PUBLIC_URL: publicUrl, OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: 'etiquette-bot', OIDC_CLIENT_SECRET: 'test-client-secret', DIRECTORY_FILE: signInDirectoryFile(), COUNCIL: 'london-councils' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await provider?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });
  afterEach(async () => page?.close());

  it('signs in through the provider, files a complaint, and signs out leaving nothing of it on the page', async () => {
    await provider.signInAs('jo-member');
    await page.goto(bot.base);
    await page.getByLabel('Council', { exact: true }).selectOption('london-councils');
    expect(await page.locator('#dev-sign-in').isVisible()).toBe(false);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL(`${bot.base}/`);
    await page.locator('#who').filter({ hasText: 'Signed in as Cllr Jo Member' }).waitFor();

    await page.getByRole('button', { name: 'Make a complaint' }).click();
    const about = page.getByLabel('Who is it about?', { exact: true });
    await about.locator('option[value="lc-officer-2"]').waitFor({ state: 'attached' });
    await about.selectOption('lc-officer-2');
    await page.getByLabel('What happened?', { exact: true }).fill('An officer has not answered my emails about the grant for a month.');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('#complaint-form .result').filter({ hasText: /Received: your complaint is reference C-/ }).waitFor();
    await page.getByRole('button', { name: 'My cases' }).click();
    await page.locator('#cases').filter({ hasText: /C-\S+: complaint, submitted/ }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#who').filter({ hasText: 'Not signed in' }).waitFor();
    expect(await page.locator('#cases').isVisible()).toBe(false);
    expect(await page.locator('#complaint-form .result').textContent()).toBe('');
    await page.getByRole('button', { name: 'My cases' }).click();
    await page.locator('#cases').filter({ hasText: /sign in first/ }).waitFor();
  }, 60_000);

  it('tells a person the directory does not list that they are not signed in', async () => {
    await provider.signInAs('stranger');
    await page.goto(bot.base);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Not in the directory' }).waitFor();
    await page.getByRole('link', { name: 'Back to the adviser' }).click();
    await page.locator('#who').filter({ hasText: 'Not signed in' }).waitFor();
  }, 60_000);
});
