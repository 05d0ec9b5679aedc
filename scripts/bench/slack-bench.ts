import { createHmac } from 'node:crypto';
import { benchQuestions, BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { BenchSlackApi } from './fake-slack-api';
import { runLoad, type LoadResult } from './load';
import { startChild, stopChild } from './processes';

const SIGNING_SECRET = 'bench-signing-secret';

/** Figures of the Slack benchmark. */
export interface SlackFigures {
  acknowledged: LoadResult;
  repliesPerSecond: number;
}

/** Headers of a request signed as Slack signs them, at the current time. */
function signed(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': 'application/json', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

/**
 * Signed `event_callback` direct messages (each with a new event id, so none is dropped as a replay) through
 * /slack/events for `seconds`, with a local fake Slack Web API taking the bot's replies.
 */
export async function benchSlack(seconds: number): Promise<SlackFigures> {
  const api = new BenchSlackApi();
  const url = await api.start();
  const bot = await startChild(BOT_MAIN, botEnv(freshDataDir(), { COUNCIL: 'london-councils', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: url }), '/readyz');
  const questions = benchQuestions().map((q) => q.question);
  let n = 0;
  try {
    const acknowledged = await runLoad({
      url: bot.base,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          path: '/slack/events',
          setupRequest: (request) => {
            n += 1;
            const event = { type: 'message', channel_type: 'im', channel: 'DBENCH', user: 'ULCMEM', text: questions[n % questions.length], ts: `1700000000.${String(n).padStart(6, '0')}` };
            const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `EvBench${n}`, event_time: Math.floor(Date.now() / 1000), event });
            return { ...request, body, headers: signed(body) };
          },
        },
      ],
    });
    const posted = api.posted;
    return { acknowledged, repliesPerSecond: posted / seconds };
  } finally {
    await stopChild(bot.proc);
    await api.stop();
  }
}
