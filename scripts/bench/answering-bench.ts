import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type autocannon from 'autocannon';
import { benchQuestions, BARE_MAIN, BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { combineLoads, runLoad, type LoadResult } from './load';
import { rssMb, startChild, stopChild } from './processes';

/** Figures of the answering benchmark: the bot and the bare server under the same load, start-up and memory. */
export interface AnsweringFigures {
  bot: LoadResult;
  bare: LoadResult;
  startupMs: number[];
  botRssAfterQuestions: number;
  bareRssMb: number;
  questions: number;
  /** How many different questions the load cycles through. */
  questionCount: number;
  /** Bytes of the answer the bare server sends: the median of the bot's answers to the bench questions. */
  answerBytes: number;
  /** The smallest and largest of the bot's answers to the bench questions, in bytes. */
  botAnswerBytes: { min: number; max: number };
  /** The bot's requests per second over the bare server's, window by window. */
  windowRatios: number[];
}

/**
 * The timed load is split into this many windows per server, and the bot and the bare server take turns: a busy
 * spell of a shared machine then falls on both, not on whichever happened to be running.
 */
export const LOAD_WINDOWS = 5;

/** The bot's answer to each bench question, as the bytes it sent. */
async function recordAnswers(base: string): Promise<string[]> {
  const answers: string[] = [];
  for (const q of benchQuestions()) {
    const response = await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`the bot answered a bench question with ${response.status}: ${body.slice(0, 200)}`);
    answers.push(body);
  }
  return answers.sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b));
}

/** POST /api/ask requests cycling through the held-out questions, in and out of scope. */
export function askRequests(): autocannon.Request[] {
  return benchQuestions().map((q) => ({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) }));
}

/**
 * Starts the bot `startups` times from an empty DATA_DIR (timing spawn to /readyz 200), asks the last one
 * `questions` questions and reads its resident memory, then loads it and a bare server for `seconds` each, in
 * alternating windows.
 */
export async function benchAnswering(seconds: number, questions = 10_000, startups = 3): Promise<AnsweringFigures> {
  const startupMs: number[] = [];
  let bot = await startChild(BOT_MAIN, botEnv(freshDataDir()), '/readyz');
  startupMs.push(bot.readyMs);
  for (let i = 1; i < startups; i += 1) {
    await stopChild(bot.proc);
    bot = await startChild(BOT_MAIN, botEnv(freshDataDir()), '/readyz');
    startupMs.push(bot.readyMs);
  }
  const requests = askRequests();
  try {
    const warm = await runLoad({ url: bot.base, amount: questions, requests });
    if (warm.non2xx + warm.errors > 0) throw new Error(`the bot refused ${warm.non2xx} and failed ${warm.errors} of ${questions} questions`);
    const botRssAfterQuestions = rssMb(bot.proc.pid);
    const answers = await recordAnswers(bot.base);
    const median = answers[Math.floor(answers.length / 2)] ?? '{}';
    const answerFile = path.join(freshDataDir(), 'answer.json');
    writeFileSync(answerFile, median);
    const bare = await startChild(BARE_MAIN, { BARE_ANSWER_FILE: answerFile }, '/');
    try {
      await runLoad({ url: bare.base, amount: 2_000, requests });
      const botRuns: LoadResult[] = [];
      const bareRuns: LoadResult[] = [];
      for (let window = 0; window < LOAD_WINDOWS; window += 1) {
        botRuns.push(await runLoad({ url: bot.base, duration: seconds / LOAD_WINDOWS, requests }));
        bareRuns.push(await runLoad({ url: bare.base, duration: seconds / LOAD_WINDOWS, requests }));
      }
      const bytes = answers.map((answer) => Buffer.byteLength(answer));
      return {
        bot: combineLoads(botRuns),
        bare: combineLoads(bareRuns),
        windowRatios: botRuns.map((run, window) => run.perSecond / (bareRuns[window] as LoadResult).perSecond),
        startupMs,
        botRssAfterQuestions,
        bareRssMb: rssMb(bare.proc.pid),
        questions,
        questionCount: requests.length,
        answerBytes: Buffer.byteLength(median),
        botAnswerBytes: { min: bytes[0] ?? 0, max: bytes[bytes.length - 1] ?? 0 },
      };
    } finally {
      await stopChild(bare.proc);
    }
  } finally {
    await stopChild(bot.proc);
  }
}
