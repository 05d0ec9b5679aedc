import { inTurn } from '../support/in-turn';
import { sqliteOf } from '../support/sqlite-of';
import { queuedIn } from '../support/queued-notifications';
import { createLogger } from '../../src/app/create-logger';
import type { RunningServer } from '../../src/app/start-server';
import { DeliveryPace } from '../../src/workflows/delivery-pace';
import { drainOutbox } from '../../src/workflows/outbox-drain';
import { FakeSlackApi } from '../support/fake-slack-api';
import { eventCallback, JSON_TYPE, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';
import { ManualClock } from '../support/workflow-harness';

const silent = createLogger('silent');
const SLACK_ENV = { COUNCIL: 'london-councils', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test' };

type Server = RunningServer & { base: string };
let opened = 0;

/**
 * Opens `count` complaints by the member about a Services officer; each queues two Slack notifications, one to the
 * Services director (ULCDS) and one to HR's channel (C0HRLC). Returns their references.
 */
async function openComplaints(bot: Server, count: number): Promise<string[]> {
  return inTurn(Array.from({ length: count }), async () => {
    opened += 1;
    return (
      await bot.built.bot.complaints.open({
        idempotencyKey: `drain-${opened}-${Date.now()}`,
        council: 'london-councils',
        complainant: { personId: 'lc-member', role: 'member' },
        subject: { personId: 'lc-officer-2' },
        description: `Complaint ${opened}: the officer has not answered my emails about the grants round.`,
      })
    ).reference;
  });
}

const pending = async (bot: Server) => queuedIn(sqliteOf(bot.built.workflows));
const postsAbout = (slack: FakeSlackApi, references: string[]) => slack.of('chat.postMessage').filter((c) => references.some((r) => String(c.args.text).includes(r)));

describe('the outbox keeps up with a backlog', () => {
  const slack = new FakeSlackApi();
  let bot: Server;

  beforeAll(async () => {
    const api = await slack.start();
    // A fast pace, so the backlog's size and not the test's patience is what is measured.
    bot = await startTestServer({ ...SLACK_ENV, SLACK_API_URL: api, OUTBOX_SENDS_PER_SECOND: '1000', OUTBOX_BURST: '1000' });
    bot.jobs.stop();
    await bot.jobs.runOnce();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  it('drains a backlog of 300 notifications in one scheduler pass, each sent once', async () => {
    const references = await openComplaints(bot, 150);
    expect(await pending(bot)).toHaveLength(300);
    await bot.jobs.runOnce();
    expect(await pending(bot)).toEqual([]);
    const posts = postsAbout(slack, references);
    expect(posts).toHaveLength(300);
    expect(new Set(posts.map((c) => `${String(c.args.channel)} ${String(c.args.text)}`)).size).toBe(300);
  }, 60_000);

  it('pauses for a 429’s Retry-After and then goes on with the rest in the same pass', async () => {
    const references = await openComplaints(bot, 5);
    slack.failNext('chat.postMessage', 1, 429, 1);
    const started = Date.now();
    await bot.jobs.runOnce();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    // The refused one waits for its own retry (backoff); the nine others went out after the pause.
    expect(postsAbout(slack, references)).toHaveLength(9);
    expect((await pending(bot)).filter((row) => references.includes(row.reference))).toHaveLength(1);
  }, 30_000);
});

describe('the outbox paces each recipient as Slack asks (about one message a second a channel, short bursts)', () => {
  const slack = new FakeSlackApi();
  let bot: Server;

  beforeAll(async () => {
    const api = await slack.start();
    bot = await startTestServer({ ...SLACK_ENV, SLACK_API_URL: api });
    bot.jobs.stop();
    await bot.jobs.runOnce();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  it('sends a burst, then one a second to each conversation, until the backlog is gone', async () => {
    const references = await openComplaints(bot, 12);
    // Elapsed time is simulated: each wait of the drain moves it on, so the pace is checked to the millisecond.
    let elapsedMs = 0;
    const clock = new ManualClock(new Date(Date.now() + 1_000));
    const waits: number[] = [];
    const perChannelAtEachWait: Array<{ elapsedMs: number; most: number }> = [];
    const mostToOneChannel = () => {
      const counts = new Map<string, number>();
      for (const post of postsAbout(slack, references)) counts.set(String(post.args.channel), (counts.get(String(post.args.channel)) ?? 0) + 1);
      return Math.max(0, ...counts.values());
    };
    const result = await drainOutbox({
      store: bot.built.workflows.deps.store,
      notifier: bot.channels.notifier,
      now: () => clock.now(),
      logger: silent,
      pace: new DeliveryPace({ perSecond: 1, burst: 3 }, () => elapsedMs),
      sleep: async (ms) => {
        perChannelAtEachWait.push({ elapsedMs, most: mostToOneChannel() });
        waits.push(ms);
        elapsedMs += ms;
        return true;
      },
    });
    expect(result).toMatchObject({ sent: 24, failed: 0, pauses: 0 });
    expect(await pending(bot)).toEqual([]);
    // Never more to one conversation than the burst plus one a second since.
    for (const { elapsedMs: at, most } of perChannelAtEachWait) expect(most).toBeLessThanOrEqual(3 + Math.floor(at / 1000));
    expect(perChannelAtEachWait[0]?.most).toBe(3);
    // 12 to each of the two conversations: 3 at once, then 9 more a second apart.
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(9_000);
  });
});

describe('seen chat events', () => {
  const slack = new FakeSlackApi();
  let bot: Server;

  beforeAll(async () => {
    const api = await slack.start();
    bot = await startTestServer({ ...SLACK_ENV, SLACK_API_URL: api });
    bot.jobs.stop();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  /** Records an event as handled at `at`, as the Slack receiver does when it answers one. */
  const handledAt = async (eventId: string, at: Date) => {
    const store = bot.built.bot.channelStore;
    await store.claimEvent(`slack:${eventId}`, 'an-earlier-process', at.toISOString(), at.toISOString());
    await store.finishEvent(`slack:${eventId}`);
  };
  const question = (eventId: string, channel: string) =>
    eventCallback(eventId, { type: 'message', channel_type: 'im', channel, user: 'ULCMEM', text: 'can I copy a councillor email to another group?', ts: '1700000000.000300' });

  it('are forgotten after a day by the scheduler, while recent ones still stop a retry being answered twice', async () => {
    await handledAt('Ev-two-days-old', new Date(Date.now() - 2 * 24 * 60 * 60 * 1000));
    await handledAt('Ev-an-hour-old', new Date(Date.now() - 60 * 60 * 1000));
    await bot.jobs.runOnce();

    // The old id was forgotten: the same id is a new event now, and is answered.
    expect((await postSlack(bot.base, question('Ev-two-days-old', 'D-OLD'), JSON_TYPE)).status).toBe(200);
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-OLD');
    // The recent id is still known: its retry is acknowledged and dropped.
    expect((await postSlack(bot.base, question('Ev-an-hour-old', 'D-RECENT'), JSON_TYPE)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.of('chat.postMessage').filter((c) => c.args.channel === 'D-RECENT')).toEqual([]);
  });
});
