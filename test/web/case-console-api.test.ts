import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { EXAMPLE_DIRECTORY } from '../../src/app/build-workflows';
import type { RunningServer } from '../../src/app/start-server';
import { tempDataDir } from '../support/temp-data-dir';
import { startTestServer } from '../support/test-server';
import { withCsrf } from '../support/web-csrf';

// London Councils, from the example directory, with one HR officer added (role `hr`): Cllr Jo Member complains about
// Han Officer; the director of Services handles it; Cllr Kay Leader is no party to it.
const WORDS = 'the grants round emails went unanswered for a month';

function directoryWithHr(): string {
  const data = parse(readFileSync(EXAMPLE_DIRECTORY, 'utf8')) as { councils: Record<string, { people: Array<Record<string, unknown>> }> };
  data.councils['london-councils']?.people.push({ id: 'lc-hr-officer', name: 'Pat Personnel', roles: ['hr', 'officer'], department: 'HR' });
  const file = path.join(tempDataDir(), 'directory.yaml');
  writeFileSync(file, stringify(data));
  return file;
}

describe('the web case console API', () => {
  let bot: RunningServer & { base: string };
  const signIn = async (personId: string): Promise<string> => {
    const response = await fetch(`${bot.base}/api/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withCsrf() },
      body: JSON.stringify({ council: 'london-councils', personId }),
    });
    expect(response.status).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const get = async (cookie: string, route: string) => fetch(`${bot.base}${route}`, { headers: { cookie } });
  const act = async (cookie: string, body: Record<string, unknown>) =>
    fetch(`${bot.base}/api/case/action`, { method: 'POST', headers: { 'content-type': 'application/json', ...withCsrf(cookie) }, body: JSON.stringify(body) });
  const file = async (key: string): Promise<string> => {
    const cookie = await signIn('lc-member');
    const filed = await fetch(`${bot.base}/api/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withCsrf(cookie) },
      body: JSON.stringify({ idempotencyKey: key, about: 'lc-officer-2', description: `Han Officer: ${WORDS}.` }),
    });
    expect(filed.status).toBe(201);
    return ((await filed.json()) as { reference: string }).reference;
  };

  beforeAll(async () => {
    bot = await startTestServer({ COUNCIL: 'london-councils', WEB_DEV_SIGN_IN: 'true', DIRECTORY_FILE: directoryWithHr() });
    bot.jobs.stop();
  }, 30_000);
  afterAll(async () => bot.stop());

  it('shows the handler the whole case and the actions now valid, and takes one with its words', async () => {
    const reference = await file('console-api-1');
    const handler = await signIn('lc-director-services');
    const { cards } = (await (await get(handler, '/api/cases')).json()) as { cards: Array<{ reference: string; actions: Array<{ id: string; emphasis: string }> }> };
    const card = cards.find((c) => c.reference === reference);
    expect(card?.actions.filter((a) => a.emphasis === 'primary').map((a) => a.id)).toEqual(['acknowledge']);
    expect(card?.actions.map((a) => a.id)).not.toContain('close');
    const details = (await (await get(handler, `/api/case?reference=${reference}`)).json()) as { parts: Array<{ label: string; text: string }> };
    expect(details.parts).toEqual(
      expect.arrayContaining([
        { label: 'From', text: 'Cllr Jo Member (a councillor)' },
        { label: 'What happened', text: `Han Officer: ${WORDS}.` },
      ]),
    );
    const acknowledged = await act(handler, { reference, action: 'acknowledge' });
    expect(acknowledged.status).toBe(200);
    expect(((await acknowledged.json()) as { card: { state: string } }).card.state).toBe('acknowledged');
    expect((await act(handler, { reference, action: 'reply', text: '' })).status).toBe(400);
    expect((await act(handler, { reference, action: 'reply', text: 'Which dates were the emails?' })).status).toBe(200);
  });

  it("refuses an unknown action, someone not on the case, a missing CSRF token and another person's download, changing nothing", async () => {
    const reference = await file('console-api-2');
    const handler = await signIn('lc-director-services');
    const stranger = await signIn('lc-group-leader');
    const unknown = await act(handler, { reference, action: 'explode' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'bad_request' } });
    expect((await act(stranger, { reference, action: 'acknowledge' })).status).toBe(403);
    const strangersView = await get(stranger, `/api/case?reference=${reference}`);
    expect(strangersView.status).toBe(403);
    expect(await strangersView.text()).not.toContain('grants round');
    const noToken = await fetch(`${bot.base}/api/case/action`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: handler },
      body: JSON.stringify({ reference, action: 'acknowledge' }),
    });
    expect(noToken.status).toBe(403);
    expect((await get(handler, `/api/case/export?reference=${reference}`)).status).toBe(403);
    expect((await bot.built.workflows.deps.store.getCase(reference))?.state).toBe('submitted');
    const mine = await get(await signIn('lc-member'), `/api/case/export?reference=${reference}`);
    expect(mine.headers.get('content-disposition')).toContain(`${reference}.json`);
  });

  it('lists every complaint for HR with who has it and the deadline, overdue ones marked, never who complained or what they said', async () => {
    const reference = await file('console-api-3');
    const hr = await signIn('lc-hr-officer');
    const response = await get(hr, '/api/hr/cases');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(reference);
    expect(text).toMatch(/Acknowledge by/);
    for (const hidden of ['Jo Member', 'lc-member', 'Han Officer', 'grants round']) expect(text).not.toContain(hidden);
    expect((await get(await signIn('lc-member'), '/api/hr/cases')).status).toBe(403);
  });

  it('opens the web chat at a case link, as notification emails send it', async () => {
    const page = await fetch(`${bot.base}/cases/C-ABCDEFGH`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/static/chat.js"');
  });
});
