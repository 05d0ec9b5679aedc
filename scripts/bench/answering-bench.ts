import type autocannon from 'autocannon';
import { benchQuestions, BARE_MAIN, BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { runLoad, type LoadResult } from './load';
import { rssMb, startChild, stopChild } from './processes';

/** Figures of the answering benchmark: the bot and the bare server under the same load, start-up and memory. */
export interface AnsweringFigures {
  bot: LoadResult;
  bare: LoadResult;
  startupMs: number[];
  botRssAfterQuestions: number;
  bareRssMb: number;
  questions: number;
}

/** POST /api/ask requests cycling through held-out questions. */
function askRequests(): autocannon.Request[] {
  return benchQuestions().map((q) => ({ method: 'POST', path: '/api/ask', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) }));
}

/**
 * Starts the bot `startups` times from an empty DATA_DIR (timing spawn to /readyz 200), asks the last one
 * `questions` questions and reads its resident memory, then loads it and a bare server for `seconds` each.
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
    const botLoad = await runLoad({ url: bot.base, duration: seconds, requests });
    await stopChild(bot.proc);

    const bare = await startChild(BARE_MAIN, {}, '/');
    try {
      await runLoad({ url: bare.base, amount: 2_000, requests });
      const bareLoad = await runLoad({ url: bare.base, duration: seconds, requests });
      return { bot: botLoad, bare: bareLoad, startupMs, botRssAfterQuestions, bareRssMb: rssMb(bare.proc.pid), questions };
    } finally {
      await stopChild(bare.proc);
    }
  } finally {
    await stopChild(bot.proc);
  }
}
