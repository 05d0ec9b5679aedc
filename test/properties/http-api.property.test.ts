import fc from 'fast-check';
import type { RunningServer } from '../../src/app/start-server';
import { devSessionCookie } from '../../src/channels/web/dev-session';
import { SUBJECT_ROLES } from '../../src/knowledge/schemas/identifiers';
import { anySizeText, hostileJson, hostileText, propertyRuns } from '../support/hostile-input';
import { startTestServer } from '../support/test-server';
import { withCsrf } from '../support/web-csrf';

const SIGNED_IN = devSessionCookie({ council: 'london-councils', personId: 'lc-member' }).split(';')[0] ?? '';

/** Posts a body and returns the status and parsed JSON; fails the property on a body that is not JSON. */
async function post(base: string, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...withCsrf(headers.cookie) }, body });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text), headers: response.headers };
}

/** A refusal a person or program can act on: a 4xx with a code and a sentence. */
function expectClearRefusal(result: { status: number; json: any }): void {
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(result.json.error.code).toMatch(/^[a-z_]+$/);
  expect(String(result.json.error.message).length).toBeGreaterThan(5);
}

describe('the HTTP API on hostile input (property)', () => {
  let bot: RunningServer & { base: string };
  beforeAll(async () => {
    bot = await startTestServer({ COUNCIL: 'london-councils', WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_QUESTIONS_PER_MINUTE: '100000', RATE_LIMIT_CASES_PER_HOUR: '10000' });
  }, 30_000);
  afterAll(async () => bot.stop());

  const askBody = fc.oneof(
    anySizeText,
    hostileJson.map((v) => JSON.stringify(v)),
    fc
      .record(
        {
          council: fc.oneof(hostileText, hostileJson, fc.constantFrom('lydney', 'rushcliffe')),
          role: fc.oneof(hostileText, hostileJson, fc.constantFrom('member', 'officer')),
          question: fc.oneof(anySizeText, hostileJson),
          id: hostileJson,
        },
        { requiredKeys: [] },
      )
      .map((r) => JSON.stringify(r)),
  );

  it('POST /api/ask answers (200, an Answer) or refuses with a 4xx JSON error; never a 5xx, a hang or a dropped connection', async () => {
    await fc.assert(
      fc.asyncProperty(askBody, async (body) => {
        const result = await post(bot.base, '/api/ask', body);
        if (result.status === 200) {
          expect(typeof result.json.text).toBe('string');
          expect(typeof result.json.outOfScope).toBe('boolean');
          if (result.json.outOfScope) expect(result.json.citations).toEqual([]);
          return;
        }
        expectClearRefusal(result);
        if (Buffer.byteLength(body) > 16 * 1024) expect(result.status).toBe(413);
      }),
      { numRuns: propertyRuns(80) },
    );
  }, 120_000);

  const caseField = fc.oneof(hostileText, hostileJson, fc.constant(undefined));
  const complaintBody = fc.oneof(
    anySizeText,
    hostileJson.map((v) => JSON.stringify(v)),
    fc
      .record({
        idempotencyKey: fc.oneof(fc.uuid(), caseField),
        about: fc.oneof(fc.constantFrom(...SUBJECT_ROLES), caseField),
        name: caseField,
        department: caseField,
        description: fc.oneof(fc.constant('An officer shared my casework email with another group.'), caseField),
        triedInformally: caseField,
        desiredOutcome: caseField,
      })
      .map((r) => JSON.stringify(r)),
  );
  const briefingBody = fc.oneof(
    anySizeText,
    hostileJson.map((v) => JSON.stringify(v)),
    fc
      .record({
        idempotencyKey: fc.oneof(fc.uuid(), caseField),
        group: fc.oneof(fc.constant('Labour'), caseField),
        subject: fc.oneof(fc.constant('The budget consultation'), caseField),
        format: fc.oneof(fc.constantFrom('attendance', 'written-report'), caseField),
        meetingDate: fc.oneof(fc.constant('2031-05-04'), caseField),
        nonCouncillorsPresent: fc.oneof(fc.boolean(), caseField),
        department: caseField,
      })
      .map((r) => JSON.stringify(r)),
  );

  it('POST /api/complaints and /api/briefings file a case (201/200) or refuse with a 4xx JSON error, signed in or not', async () => {
    const request = fc
      .tuple(fc.constantFrom('/api/complaints', '/api/briefings'), fc.boolean(), fc.boolean())
      .chain(([path, signedIn, garbageCookie]) =>
        (path === '/api/complaints' ? complaintBody : briefingBody).map((body) => ({ path, body, cookie: signedIn ? SIGNED_IN : garbageCookie ? 'etiquette_dev_user=%E0%A4%A' : '' })),
      );
    await fc.assert(
      fc.asyncProperty(request, async ({ path, body, cookie }) => {
        const result = await post(bot.base, path, body, cookie ? { cookie } : {});
        if (result.status === 200 || result.status === 201) {
          expect(cookie).toBe(SIGNED_IN);
          expect(result.json.reference).toMatch(/^[CB]-[A-Z0-9]{8}$/);
          return;
        }
        expectClearRefusal(result);
        if (cookie !== SIGNED_IN) expect(result.status).toBe(401);
      }),
      { numRuns: propertyRuns(120) },
    );
    // Whatever was sent, every complaint that was filed reads as words a person wrote, never "[object Object]".
    for (const record of await bot.built.workflows.deps.store.listCases({ kind: 'complaint' })) {
      const view = await bot.built.bot.complaints.view(record.reference, 'lc-member');
      expect(view.description).not.toMatch(/\[object |^\d+$|^(true|false|null)$/);
    }
  }, 120_000);

  it('refuses a complaint whose description is not text, naming the field, and files nothing', async () => {
    const before = (await bot.built.workflows.deps.store.listCases()).length;
    for (const description of [{ text: 'An officer shared my email with another group.' }, ['An officer shared my email', 'with another group'], 1234567890123, true]) {
      const result = await post(bot.base, '/api/complaints', JSON.stringify({ idempotencyKey: `not-text-${JSON.stringify(description)}`, about: 'lc-officer-2', description }), { cookie: SIGNED_IN });
      expect(result.status).toBe(400);
      expect(result.json.error.message).toMatch(/description/);
    }
    expect(await bot.built.workflows.deps.store.listCases()).toHaveLength(before);
  });
});
