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
    bot = await startServerProcess({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: 'etiquette-bot',
      OIDC_CLIENT_SECRET: 'test-client-secret',
      DIRECTORY_FILE: signInDirectoryFile(),
      COUNCIL: 'london-councils',
    });
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
    await page
      .locator('#complaint-form .result')
      .filter({ hasText: /Received: your complaint is reference C-/ })
      .waitFor();
    await page.getByRole('button', { name: 'My cases' }).click();
    await page
      .locator('#cases')
      .filter({ hasText: /Complaint C-\S+ is submitted/ })
      .waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#who').filter({ hasText: 'Not signed in' }).waitFor();
    expect(await page.locator('#cases').isVisible()).toBe(false);
    expect(await page.locator('#complaint-form .result').textContent()).toBe('');
    await page.getByRole('button', { name: 'My cases' }).click();
    await page
      .locator('#cases')
      .filter({ hasText: /sign in first/ })
      .waitFor();
  }, 60_000);

  it('lets the complainant and the handler work one case in the console, each in their own browser', async () => {
    const signIn = async (account: string, name: string): Promise<Page> => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const person = await context.newPage();
      await provider.signInAs(account);
      await person.goto(bot.base);
      await person.getByLabel('Council', { exact: true }).selectOption('london-councils');
      await person.getByRole('link', { name: 'Sign in' }).click();
      await person.waitForURL(`${bot.base}/`);
      await person
        .locator('#who')
        .filter({ hasText: `Signed in as ${name}` })
        .waitFor();
      return person;
    };
    // The link a notification email carries opens the case in the console, as it now stands.
    const openConsoleCase = async (person: Page, reference: string) => {
      await person.goto(`${bot.base}/cases/${reference}`);
      await person.locator('#case-view h3').filter({ hasText: reference }).waitFor();
    };
    const complainant = await signIn('jo-member', 'Cllr Jo Member');
    await complainant.getByRole('button', { name: 'Make a complaint' }).click();
    const about = complainant.getByLabel('Who is it about?', { exact: true });
    await about.locator('option[value="lc-officer-2"]').waitFor({ state: 'attached' });
    await about.selectOption('lc-officer-2');
    await complainant.getByLabel('What happened?', { exact: true }).fill('Han Officer has not answered five emails about the grants round.');
    await complainant.getByLabel('What outcome would you like? (optional)', { exact: true }).fill('A named contact in Services.');
    await complainant.getByRole('button', { name: 'Send complaint' }).click();
    const receipt = await complainant
      .locator('#complaint-form .result')
      .filter({ hasText: /reference C-/ })
      .textContent();
    const reference = /C-[A-Z0-9]{8}/.exec(receipt ?? '')?.[0] ?? '';
    await complainant.getByRole('button', { name: 'My cases' }).click();
    await complainant.getByRole('button', { name: reference, exact: true }).click();
    await complainant.locator('#case-view').filter({ hasText: 'A named contact in Services.' }).waitFor();

    const handler = await signIn('fin-services', 'Fin Services');
    await openConsoleCase(handler, reference);
    const view = handler.locator('#case-view');
    // The whole case: who complained, about whom, what happened, the outcome wanted.
    for (const text of ['Cllr Jo Member', 'Han Officer', 'five emails about the grants round', 'A named contact in Services.']) await view.filter({ hasText: text }).waitFor();
    await view.getByRole('button', { name: 'Acknowledge' }).click();
    await view.locator('.lead').filter({ hasText: 'is acknowledged' }).waitFor();
    await view.getByRole('button', { name: 'Reply or ask for more' }).click();
    await view.getByLabel('Your message to the complainant').fill('Please send the dates of the emails.');
    await view.getByRole('button', { name: 'Send' }).click();
    await view.filter({ hasText: 'Please send the dates of the emails.' }).waitFor();
    await view.getByRole('button', { name: 'Record outcome' }).click();
    await view.getByLabel('Outcome for the complainant').fill('Han will answer by Friday; I am your contact.');
    await view.getByLabel('Private notes (never shown to the complainant)').fill('Workload in the grants team.');
    await view.getByRole('button', { name: 'Send' }).click();
    await view.locator('.lead').filter({ hasText: 'is outcome recorded' }).waitFor();
    await view.getByRole('button', { name: 'Close' }).click();
    await view.getByText('Closing ends the case').waitFor();
    await view.getByRole('button', { name: 'Close it' }).click();
    await view.locator('.lead').filter({ hasText: 'is closed' }).waitFor();
    expect(await handler.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The complainant sees each step: the message, the outcome, the closing; never the private notes.
    await openConsoleCase(complainant, reference);
    const mine = complainant.locator('#case-view');
    for (const text of ['Please send the dates of the emails.', 'Han will answer by Friday', 'is closed', 'closed (Fin Services)']) await mine.filter({ hasText: text }).waitFor();
    expect(await mine.textContent()).not.toContain('Workload in the grants team');
    const download = await complainant.context().request.get(`${bot.base}/api/case/export?reference=${reference}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain(`${reference}.json`);
    expect(JSON.stringify(await download.json())).toContain('five emails about the grants round');
    expect(await complainant.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await complainant.context().close();
    await handler.context().close();
  }, 90_000);

  it('tells a person the directory does not list that they are not signed in', async () => {
    await provider.signInAs('stranger');
    await page.goto(bot.base);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Not in the directory' }).waitFor();
    await page.getByRole('link', { name: 'Back to the adviser' }).click();
    await page.locator('#who').filter({ hasText: 'Not signed in' }).waitFor();
  }, 60_000);
});
