import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium } from '../support/headless-chromium';
import { startTestServer } from '../support/test-server';

// The web chat driven the way a person uses it, in headless Chromium: keyboard and clicks on the labelled controls.
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('web chat in a browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ WEB_DEV_SIGN_IN: 'true' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 844 } }); // a phone-sized screen
    await page.goto(server.base);
    await page.getByLabel('Council', { exact: true }).selectOption('london-councils');
  });

  afterEach(async () => page?.close());

  it('answers a typed question with the lead first and the rest, with its cited paragraphs, behind "More"', async () => {
    await page.getByRole('radio', { name: /a councillor/ }).check();
    await page.getByLabel('Your question', { exact: true }).fill('the director never dealt with my complaint about one of their staff, where do I go now?');
    await page.getByLabel('Your question', { exact: true }).press('Enter');

    const answer = page.locator('#conversation li.bot').last();
    await answer.waitFor();
    const lead = answer.locator('p').first();
    await expectText(lead, /^The protocol gives no step for a missed reply\..*Chief Executive.*\(section 13\)\.$/);
    expect(await lead.getAttribute('class')).toBe('lead');

    // the rest is closed until "More" is opened: the route's sentences and the protocol's words are not shown yet
    const more = answer.locator('details.more');
    const route = more.locator('p').filter({ hasText: /starts with the officer's director/ });
    expect(await more.count()).toBe(1);
    expect(await route.isVisible()).toBe(false);
    await more.locator('summary').first().click();
    expect(await route.isVisible()).toBe(true);

    // three paragraphs shown, the others behind "Show all"; each opens to show the protocol's words
    const shown = more.locator(':scope > details.clause');
    expect(await shown.count()).toBe(3);
    expect(await more.locator('details.all-clauses > summary').textContent()).toMatch(/^Show all \d+ paragraphs$/);
    const citation = shown.filter({ hasText: /Paragraph 13\b/ }).first();
    const quote = citation.locator('blockquote');
    expect(await quote.isVisible()).toBe(false);
    await citation.locator('summary').click();
    expect(await quote.isVisible()).toBe(true);
    expect((await quote.textContent())?.length ?? 0).toBeGreaterThan(20);
  }, 30_000);

  it('answers with a related point when its button in "More" is pressed', async () => {
    await page.getByLabel('Your question', { exact: true }).fill('how long has the director got to answer my complaint about one of their officers?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('#conversation li.bot').last();
    await answer.waitFor();
    await expectText(answer.locator('p.lead'), /^Five working days\./);
    await answer.locator('details.more > summary').click();
    const related = answer.locator('details.more > .follow-ups button').first();
    const label = (await related.textContent()) ?? '';
    await related.click();
    const next = page.locator('#conversation li.bot').nth(1);
    await next.waitFor();
    expect(await page.locator('#conversation li.you').last().textContent()).toContain(label);
    const nextLead = (await next.locator('p.lead').textContent()) ?? '';
    expect(nextLead.length).toBeGreaterThan(10);
    expect(nextLead).not.toMatch(/^Five working days\./);
  }, 30_000);

  it('links to the privacy notice and terms from the chat page', async () => {
    await page.getByRole('link', { name: 'How your information is used' }).click();
    await page.getByRole('heading', { name: 'How the etiquette adviser uses your information' }).waitFor();
    await page.getByRole('link', { name: 'Back to the adviser' }).click();
    await page.getByRole('link', { name: 'Terms of use' }).click();
    await page.getByRole('heading', { name: 'Terms of use' }).waitFor();
  }, 30_000);

  it('declines a question outside the protocol and says what it can help with', async () => {
    await page.getByLabel('Your question', { exact: true }).fill('when are my bins collected?');
    await page.getByRole('button', { name: 'Ask' }).click();
    const answer = page.locator('#conversation li.bot.declined').last();
    await answer.waitFor();
    expect(await answer.locator('details').count()).toBe(0);
    await expectText(answer.locator('p').first(), /outside what I can advise on/);
    const example = answer.getByRole('button', { name: /complain to about an officer/ });
    await example.click(); // an example question offered as a button is asked at once
    const second = page.locator('#conversation li.bot').nth(1);
    await second.waitFor();
    expect(await second.getAttribute('class')).not.toContain('declined');
    expect(await second.locator('details').count()).toBeGreaterThan(0);
  }, 30_000);

  it('asks "is this about A or B?" with a button for each, and a choice answers at once', async () => {
    await page.getByLabel('Council', { exact: true }).selectOption('lydney');
    await page.getByRole('radio', { name: /a councillor/ }).check();
    await page.getByLabel('Your question', { exact: true }).fill('who keeps an eye on how councillors and staff get on here?');
    await page.getByLabel('Your question', { exact: true }).press('Enter');
    const asked = page.locator('#conversation li.bot').last();
    await asked.waitFor();
    await expectText(asked.locator('p').first(), /is this about .+ or .+\?$/);
    const choice = asked.getByRole('button', { name: 'Roles of members and officers' });
    expect(await choice.count()).toBe(1);
    expect(await asked.getByRole('button', { name: 'Something else' }).count()).toBe(1);
    await choice.click();
    const answered = page.locator('#conversation li.bot').nth(1);
    await answered.waitFor();
    expect(await answered.locator('p').first().textContent()).toMatch(/\(\d+(\.\d+)?\)\.$/);
  }, 30_000);

  it('files a private complaint through the form after the development sign-in and shows its reference', async () => {
    // lc-member is a councillor in the example directory (config/directory.example.yaml)
    await page.getByLabel('Sign in as', { exact: true }).selectOption('lc-member');
    await expectText(page.locator('#signed-in'), /Signed in as/);

    await page.getByRole('button', { name: 'Make a complaint' }).click();
    // The subject is picked from the council's directory, grouped by its titles; never typed.
    const about = page.getByLabel('Who is it about?', { exact: true });
    await about.locator('optgroup[label="officer"] option[value="lc-officer"]').waitFor({ state: 'attached' });
    expect(await about.locator('option[value="lc-member"]').count()).toBe(0);
    await about.selectOption('lc-officer');
    await page.getByLabel('What happened?', { exact: true }).fill('An officer shared my casework email with a member of another party without asking me.');
    await page.getByRole('button', { name: 'Send complaint' }).click();

    await expectText(page.locator('#complaint-form .result'), /Received: your complaint is reference C-/);
    expect(await page.locator('#complaint-form .result').textContent()).toContain('Eve Policy');

    await page.getByRole('button', { name: 'My cases' }).click();
    await expectText(page.locator('#cases'), /Complaint C-\S+ is submitted/);
  }, 30_000);

  it('shows each form only when asked for, one at a time, and says which is open', async () => {
    const complaintForm = page.locator('#complaint-form');
    const briefingForm = page.locator('#briefing-form');
    expect([await complaintForm.isVisible(), await briefingForm.isVisible()]).toEqual([false, false]);
    const complaintButton = page.getByRole('button', { name: 'Make a complaint' });
    await complaintButton.click();
    await complaintForm.waitFor({ state: 'visible' });
    expect(await complaintButton.getAttribute('aria-expanded')).toBe('true');
    expect(await briefingForm.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Request a briefing' }).click();
    await briefingForm.waitFor({ state: 'visible' });
    expect(await complaintForm.isVisible()).toBe(false);
    expect(await complaintButton.getAttribute('aria-expanded')).toBe('false');
  }, 30_000);

  it('lays out within a 390 px screen, with the sign-in and each form open', async () => {
    await page.getByLabel('Sign in as', { exact: true }).selectOption('lc-director-services');
    await expectText(page.locator('#signed-in'), /Signed in as/);
    const width = () => page.evaluate<number>('document.documentElement.scrollWidth');
    expect(await width()).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Make a complaint' }).click();
    await page.locator('#c-about optgroup').first().waitFor({ state: 'attached' });
    expect(await width()).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Request a briefing' }).click();
    expect(await width()).toBeLessThanOrEqual(390);
  }, 30_000);

  it("clears the complaint form when someone else signs in, so the last person's words are not shown", async () => {
    await page.getByLabel('Sign in as', { exact: true }).selectOption('lc-member');
    await expectText(page.locator('#signed-in'), /Signed in as Cllr Jo Member/);
    await page.getByRole('button', { name: 'Make a complaint' }).click();
    const description = page.getByLabel('What happened?', { exact: true });
    await description.fill('Words only Jo Member should ever see in this form.');
    await page.getByLabel('Sign in as', { exact: true }).selectOption('lc-group-leader');
    await expectText(page.locator('#signed-in'), /Signed in as Cllr Kay Leader/);
    expect(await page.locator('#complaint-form').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Make a complaint' }).click();
    expect(await description.inputValue()).toBe('');
  }, 30_000);

  it('loads with nothing refused by its Content-Security-Policy', async () => {
    const refused: string[] = [];
    const fresh = await browser.newPage();
    fresh.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await fresh.goto(server.base);
    await fresh.getByLabel('Council', { exact: true }).selectOption('london-councils');
    await fresh.getByLabel('Your question', { exact: true }).fill('can I copy a councillor email to another group?');
    await fresh.getByRole('button', { name: 'Ask' }).click();
    await fresh.locator('#conversation li.bot').first().waitFor();
    await fresh.close();
    expect(refused).toEqual([]);
  }, 30_000);
});

/** Waits until an element's text matches (the page updates after fetches), then asserts it. */
async function expectText(locator: import('playwright-core').Locator, pattern: RegExp): Promise<void> {
  await locator
    .filter({ hasText: pattern })
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  expect(await locator.first().textContent()).toMatch(pattern);
}
