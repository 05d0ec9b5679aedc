import { randomBytes } from 'node:crypto';
import type { RunningServer } from '../../src/app/start-server';
import { devSessionCookie } from '../../src/channels/web/dev-session';
import { loadSettings } from '../../src/config/load-settings';
import { settingsSchema } from '../../src/config/settings-schema';
import { SlidingWindowLimiter } from '../../src/security/rate-limiter';
import { FakeSlackApi } from '../support/fake-slack-api';
import { fileWebComplaint } from '../support/file-web-complaint';
import { createTestDatabase, dropTestDatabase, testServerUrl } from '../support/postgres-server';
import { eventCallback, JSON_TYPE, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';
import { ManualClock } from '../support/workflow-harness';
import { withCsrf } from '../support/web-csrf';

describe('the sliding-window limiter', () => {
  it('allows the limit in any window, refuses the next with the wait until the oldest leaves, then allows again', () => {
    const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 60_000 }, clock);
    expect([limiter.take('a'), limiter.take('a')]).toEqual([0, 0]);
    clock.set('2026-03-02T10:00:20Z');
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(40_000);
    expect(limiter.take('b')).toBe(0);
    clock.set('2026-03-02T10:00:59.999Z');
    expect(limiter.take('a')).toBe(1);
    clock.set('2026-03-02T10:01:00Z');
    // The two at 10:00:00 have left the window; the one at 10:00:20 has not.
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 20_000]);
  });

  it('does not count refused attempts', () => {
    const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1_000 }, clock);
    limiter.take('a');
    for (let i = 0; i < 50; i += 1) limiter.take('a');
    clock.set('2026-03-02T10:00:01Z');
    expect(limiter.take('a')).toBe(0);
  });
});

describe('rate-limit settings', () => {
  it('default to 30 questions a minute and 5 new cases an hour', () => {
    const settings = loadSettings({ NODE_ENV: 'test' });
    expect(settings.RATE_LIMIT_QUESTIONS_PER_MINUTE).toBe(30);
    expect(settings.RATE_LIMIT_CASES_PER_HOUR).toBe(5);
  });

  it('refuse nonsense, naming the setting', () => {
    expect(() => loadSettings({ RATE_LIMIT_QUESTIONS_PER_MINUTE: '0', RATE_LIMIT_CASES_PER_HOUR: 'lots' })).toThrow(/RATE_LIMIT_QUESTIONS_PER_MINUTE[\s\S]*RATE_LIMIT_CASES_PER_HOUR/);
    expect(settingsSchema.safeParse({ RATE_LIMIT_CASES_PER_HOUR: '-1' }).success).toBe(false);
  });
});

describe('per-person limits on every channel', () => {
  const slack = new FakeSlackApi();
  let bot: RunningServer & { base: string };
  const cookieOf = (personId: string) => devSessionCookie({ council: 'london-councils', personId }).split(';')[0] ?? '';
  const complain = (personId: string, key: string) =>
    fetch(`${bot.base}/api/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withCsrf(cookieOf(personId)) },
      body: JSON.stringify({ idempotencyKey: key, about: 'lc-officer-2', description: 'An officer has not answered my emails for a month.' }),
    });

  beforeAll(async () => {
    const api = await slack.start();
    bot = await startTestServer({
      COUNCIL: 'london-councils',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api,
      WEB_DEV_SIGN_IN: 'true',
      RATE_LIMIT_QUESTIONS_PER_MINUTE: '3',
      RATE_LIMIT_CASES_PER_HOUR: '2',
    });
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  it('answers 429 with Retry-After and a polite message on the web API once a caller passes the question limit', async () => {
    const ask = () =>
      fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'can I copy a councillor email to another group?' }) });
    for (let i = 0; i < 3; i += 1) expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/asked 3 questions in the last minute.*try again in \d+ seconds/) } });
  });

  it('tells a Slack user politely in the thread, without holding back anyone else', async () => {
    const dm = (user: string, n: number) =>
      postSlack(
        bot.base,
        eventCallback(`Ev-limit-${user}-${n}`, { type: 'message', channel_type: 'im', channel: `D-${user}-${n}`, user, text: 'can I copy a councillor email to another group?', ts: '1.1' }),
        JSON_TYPE,
      );
    for (let n = 1; n <= 4; n += 1) await dm('ULCMEM', n);
    const fourth = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-ULCMEM-4');
    expect(String(fourth.args.text)).toMatch(/^You have asked 3 questions in the last minute.*Please try again in \d+ seconds\.$/);
    const third = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-ULCMEM-3');
    expect(String(third.args.text)).not.toMatch(/try again/);
    await dm('ULCGL', 1);
    const other = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-ULCGL-1');
    expect(String(other.args.text)).not.toMatch(/try again/);
  });

  it('refuses a third new case in the hour with 429 and files nothing, but still returns the receipt for a repeated submission', async () => {
    expect((await complain('lc-member', 'limit-case-0001')).status).toBe(201);
    expect((await complain('lc-member', 'limit-case-0002')).status).toBe(201);
    const third = await complain('lc-member', 'limit-case-0003');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/opened 2 cases in the last hour.*Nothing was filed.*about \d+ minutes/);
    expect(await bot.built.workflows.deps.store.listCases({ kind: 'complaint' })).toHaveLength(2);

    const repeat = await complain('lc-member', 'limit-case-0002');
    expect(repeat.status).toBe(200);
    expect((await complain('lc-group-leader', 'limit-case-0004')).status).toBe(201);
  });

  it('counts briefing requests against the same limit', async () => {
    const briefing = await fetch(`${bot.base}/api/briefings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withCsrf(cookieOf('lc-member')) },
      body: JSON.stringify({ idempotencyKey: 'limit-briefing-1', group: 'Labour', subject: 'The budget', format: 'attendance', meetingDate: '2031-05-04' }),
    });
    expect(briefing.status).toBe(429);
  });
});

// Instances share a database only on PostgreSQL (the embedded SQLite file serves one instance, which counts exactly
// in memory); the jest global setup starts one for the run.
const withPostgres = testServerUrl() ? describe : describe.skip;

withPostgres('question limits shared by two instances on one PostgreSQL database', () => {
  it('counts questions to both instances together, so a second instance behind the load balancer does not double the limit', async () => {
    const databaseUrl = await createTestDatabase();
    const env = { COUNCIL: 'london-councils', DATABASE_URL: databaseUrl, COMPLAINT_KEY: randomBytes(32).toString('hex'), RATE_LIMIT_QUESTIONS_PER_MINUTE: '3' };
    const first = await startTestServer(env);
    const second = await startTestServer(env);
    try {
      const ask = (server: { base: string }) =>
        fetch(`${server.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'can I copy a councillor email to another group?' }) });
      // The shared count is per clock minute: start clear of a minute's end, so all four land in one window.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
      expect((await ask(first)).status).toBe(200);
      expect((await ask(first)).status).toBe(200);
      expect((await ask(second)).status).toBe(200);
      // The second instance has seen one question from this address, the database three.
      const limited = await ask(second);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    } finally {
      await second.stop();
      await first.stop();
      await dropTestDatabase(databaseUrl);
    }
  }, 60_000);

  it('counts the cases a person opens through either instance, so the limit an hour holds behind a load balancer', async () => {
    const databaseUrl = await createTestDatabase();
    const env = { COUNCIL: 'lydney', DATABASE_URL: databaseUrl, COMPLAINT_KEY: randomBytes(32).toString('hex'), WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_CASES_PER_HOUR: '2' };
    const first = await startTestServer(env);
    const second = await startTestServer(env);
    try {
      const complaint = (n: number) => ({
        council: 'lydney',
        complainant: 'ly-member',
        about: 'ly-officer',
        idempotencyKey: `shared-case-limit-${n}`,
        description: `Complaint ${n} about the car park.`,
      });
      await fileWebComplaint(first.base, complaint(1));
      await fileWebComplaint(second.base, complaint(2));
      // The same form again is no new case, through either instance; a third new one is refused.
      await fileWebComplaint(first.base, complaint(2), true);
      const refused = await fileWebComplaint(first.base, complaint(3)).then(
        () => 'filed',
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/answered 429: .*opened 2 cases in the last hour/);
    } finally {
      await second.stop();
      await first.stop();
      await dropTestDatabase(databaseUrl);
    }
  }, 60_000);
});
