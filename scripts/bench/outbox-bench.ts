import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { BenchSlackApi } from './fake-slack-api';
import { startChild, stopChild } from './processes';
import { seedComplaints, shapesAt, type SeededCases } from './seed-cases';

/** Notifications waiting when the bot starts: 500 complaints, each the handler's and HR's notification. */
export const OUTBOX_BACKLOG = 1_000;
/** A Slack workspace belongs to one council; every recipient there has a Slack address in the example directory. */
const COUNCIL = 'london-councils';

/**
 * The pace the bench sets for each recipient (OUTBOX_SENDS_PER_SECOND / OUTBOX_BURST, at their highest): the
 * backlog goes to three recipients (two handlers and HR's channel), so at Slack's pace (the default, 1 a second a recipient, bursts of 10) the
 * drain would take as long as its busiest recipient's share and measure only the pace. Lifted, it measures the
 * outbox itself: reading due rows, the Slack call, recording each delivery.
 */
export const BENCH_PACE = { sendsPerSecond: 1000, burst: 1000 };

/** Figures of the outbox benchmark. */
export interface OutboxFigures {
  seeded: SeededCases;
  /** Messages the fake Slack API received, from the first to the last, and how long that took. */
  sent: number;
  drainMs: number;
  perSecond: number;
  /** Messages that arrived after the backlog was drained (a notification sent twice would show here). */
  extra: number;
}

/**
 * Seeds OUTBOX_BACKLOG notifications (complaints at COUNCIL filed through the real service), then starts the bot with Slack pointed at a local fake Web API: its first
 * scheduler pass drains the backlog. Times the first message to the last.
 */
export async function benchOutbox(): Promise<OutboxFigures> {
  const key = randomBytes(32);
  const dataDir = freshDataDir();
  const seeded = await seedComplaints(dataDir, key, OUTBOX_BACKLOG / 2, shapesAt(COUNCIL));
  if (seeded.pendingNotifications !== OUTBOX_BACKLOG) throw new Error(`seeding queued ${seeded.pendingNotifications} notifications, not ${OUTBOX_BACKLOG}`);
  const api = new BenchSlackApi();
  const url = await api.start();
  try {
    const bot = await startChild(
      BOT_MAIN,
      botEnv(dataDir, {
        COMPLAINT_KEY: key.toString('hex'),
        COUNCIL,
        SLACK_SIGNING_SECRET: 'bench-signing-secret',
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_API_URL: url,
        OUTBOX_SENDS_PER_SECOND: String(BENCH_PACE.sendsPerSecond),
        OUTBOX_BURST: String(BENCH_PACE.burst),
      }),
      '/readyz',
    );
    try {
      await api.waitForPosts(OUTBOX_BACKLOG, 120_000);
      const sent = api.posted;
      const drainMs = api.lastPostAt - api.firstPostAt;
      // Anything more within a second would be a notification sent twice.
      await sleep(1_000);
      return { seeded, sent, drainMs, perSecond: sent / (drainMs / 1000), extra: api.posted - sent };
    } finally {
      await stopChild(bot.proc);
    }
  } finally {
    await api.stop();
  }
}
