import { randomBytes } from 'node:crypto';
import { BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { runLoad, type LoadResult } from './load';
import { startChild, stopChild } from './processes';
import { COMPLAINT_SHAPES, seedComplaints, type SeededCases } from './seed-cases';

/** Cases in the database `/metrics` is scraped against (issue 23 measured 2.4–3.6 s a scrape at this size). */
export const METRICS_CASES = 10_000;
/** Scrapes at once: the eight with which issue 23 saw `/healthz` take 58 s. */
export const SCRAPERS = 8;

const METRICS_TOKEN = randomBytes(24).toString('hex');

/** Figures of the metrics benchmark: scrapes against the seeded database and against an empty one. */
export interface MetricsFigures {
  seeded: SeededCases;
  full: LoadResult;
  empty: LoadResult;
  /** Spawn to the first `/readyz` 200 of the bot on the seeded database, and on the empty one. */
  fullStartupMs: number;
  emptyStartupMs: number;
}

/** The cases `/metrics` reports, summed over its `etiquette_cases` gauge. */
function casesReported(text: string): number {
  return [...text.matchAll(/^etiquette_cases\{[^}]*\} (\d+)$/gm)].reduce((total, match) => total + Number(match[1]), 0);
}

/**
 * Scrapes `GET /metrics` (with METRICS_TOKEN) from SCRAPERS connections for `seconds` on a production-like bot,
 * after checking it reports `expectedCases`.
 */
async function scrape(dataDir: string, key: Buffer, expectedCases: number, seconds: number): Promise<{ load: LoadResult; startupMs: number }> {
  const bot = await startChild(BOT_MAIN, botEnv(dataDir, { COMPLAINT_KEY: key.toString('hex'), METRICS_TOKEN }), '/readyz');
  try {
    const headers = { authorization: `Bearer ${METRICS_TOKEN}` };
    const first = await fetch(`${bot.base}/metrics`, { headers });
    const reported = casesReported(await first.text());
    if (first.status !== 200 || reported !== expectedCases) throw new Error(`/metrics answered ${first.status} with ${reported} cases, not ${expectedCases}`);
    const load = await runLoad({ url: bot.base, duration: seconds, connections: SCRAPERS, requests: [{ method: 'GET', path: '/metrics', headers }] });
    return { load, startupMs: bot.readyMs };
  } finally {
    await stopChild(bot.proc);
  }
}

/**
 * Seeds METRICS_CASES complaints through the real service (see seedComplaints; their notifications marked sent, as
 * in a database in use, so no backlog is being drained meanwhile), then scrapes a bot on that database, and, as
 * the baseline of the same run, a bot on an empty one.
 */
export async function benchMetrics(seconds: number): Promise<MetricsFigures> {
  const key = randomBytes(32);
  const dataDir = freshDataDir();
  const seeded = await seedComplaints(dataDir, key, METRICS_CASES, COMPLAINT_SHAPES, { notificationsSent: true });
  const full = await scrape(dataDir, key, METRICS_CASES, seconds);
  const empty = await scrape(freshDataDir(), key, 0, seconds);
  return { seeded, full: full.load, empty: empty.load, fullStartupMs: full.startupMs, emptyStartupMs: empty.startupMs };
}
