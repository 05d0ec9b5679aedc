import type { RunningServer } from '../../src/app/start-server';
import { startTestServer } from '../support/test-server';
import { withCsrf } from '../support/web-csrf';

describe('the development sign-in refuses names it does not know with a 400, whatever they look like', () => {
  let bot: RunningServer & { base: string };
  beforeAll(async () => {
    bot = await startTestServer({ WEB_DEV_SIGN_IN: 'true' });
  }, 30_000);
  afterAll(async () => bot.stop());

  const signIn = (body: unknown) => fetch(`${bot.base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', ...withCsrf() }, body: JSON.stringify(body) });

  it.each([
    ['a council named like an Object property', { council: '__proto__', personId: 'lc-member' }, 'unknown_council'],
    ['a council named "constructor"', { council: 'constructor', personId: 'lc-member' }, 'unknown_council'],
    ['a council named "toString"', { council: 'toString', personId: 'lc-member' }, 'unknown_council'],
    ['a council that is not text', { council: { name: 'london-councils' }, personId: 'lc-member' }, 'bad_request'],
    ['a person named "__proto__"', { council: 'london-councils', personId: '__proto__' }, 'bad_request'],
    ['a person named "constructor"', { council: 'london-councils', personId: 'constructor' }, 'bad_request'],
    ['a person id with a colon (the cookie’s separator)', { council: 'london-councils', personId: 'lc-member:x' }, 'bad_request'],
    ['a person id that is not text', { council: 'london-councils', personId: ['lc-member'] }, 'bad_request'],
    ['a person id of a thousand characters', { council: 'london-councils', personId: 'a'.repeat(1000) }, 'bad_request'],
  ])('%s', async (_what, body, code) => {
    const response = await signIn(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('still signs in a person of the directory, and out again', async () => {
    const inResponse = await signIn({ council: 'london-councils', personId: 'lc-member' });
    expect(inResponse.status).toBe(200);
    expect(((await inResponse.json()) as { name: string }).name).toBeTruthy();
    const out = await signIn({ personId: '' });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  });

  it('answers the people list of an Object-property council with a 400, not a 500', async () => {
    expect((await fetch(`${bot.base}/api/dev/people?council=constructor`)).status).toBe(400);
  });
});
