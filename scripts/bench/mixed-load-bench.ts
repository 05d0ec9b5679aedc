import type autocannon from 'autocannon';
import { askRequests, LOAD_WINDOWS } from './answering-bench';
import { BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { devSignIn, webPostHeaders } from './bench-sign-in';
import { combineLoads, runLoad, type LoadResult } from './load';
import { startChild, stopChild } from './processes';

/** Connections filing complaints beside the questions: the four with which issue 23 saw p99 rise to 73 ms. */
export const COMPLAINT_CONNECTIONS = 4;

/** London Councils members who file the complaints, in turn, each about the same officer. */
const COMPLAINANTS = ['lc-member', 'lc-group-leader', 'lc-labour-leader', 'lc-chair'];
const SUBJECT = 'lc-officer-2';

/** Figures of the mixed load: questions and complaints at the same time, and questions alone on the same bot. */
export interface MixedLoadFigures {
  ask: LoadResult;
  complaints: LoadResult;
  askAlone: LoadResult;
}

/** `POST /api/complaints` as the signed-in complainants in turn, each a new submission (a new idempotency key). */
function complaintRequest(cookies: readonly string[], run: string): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: '/api/complaints',
    setupRequest: (request) => {
      n += 1;
      const body = JSON.stringify({
        idempotencyKey: `bench-${run}-${n}`,
        about: SUBJECT,
        description: `Complaint ${n}: Han Officer has not answered five emails about the grants round since the spring.`,
      });
      return { ...request, body, headers: webPostHeaders(cookies[n % cookies.length]) };
    },
  };
}

/**
 * The bot as deployed but with the development sign-in (NODE_ENV=test, WEB_DEV_SIGN_IN=true, a loopback host),
 * the cases-per-hour limit at its highest so no complainant is refused. After a warm-up, questions at the usual
 * 32 connections and complaints at COMPLAINT_CONNECTIONS, through the web API (CSRF token, signed-in session), at
 * the same time for `seconds` in all; in LOAD_WINDOWS windows, each after one of questions alone, so that a busy
 * spell of a shared machine falls on both.
 */
export async function benchMixedLoad(seconds: number): Promise<MixedLoadFigures> {
  const bot = await startChild(BOT_MAIN, botEnv(freshDataDir(), { NODE_ENV: 'test', WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_CASES_PER_HOUR: '10000' }), '/readyz');
  try {
    const cookies = await Promise.all(COMPLAINANTS.map((personId) => devSignIn(bot.base, 'london-councils', personId)));
    const asks = askRequests();
    // as many as the answering row asks before its timed load: the first thousands run colder (a higher p99)
    const warmAsk = await runLoad({ url: bot.base, amount: 10_000, requests: asks });
    const warmComplaints = await runLoad({ url: bot.base, amount: 100, connections: 1, requests: [complaintRequest(cookies, 'warm')] });
    const refused = warmAsk.non2xx + warmAsk.errors + warmComplaints.non2xx + warmComplaints.errors;
    if (refused > 0) throw new Error(`the bot refused or failed ${refused} warm-up requests`);
    const complaints = complaintRequest(cookies, `${Date.now()}`);
    const window = seconds / LOAD_WINDOWS;
    const alone: LoadResult[] = [];
    const mixed: Array<[LoadResult, LoadResult]> = [];
    for (let i = 0; i < LOAD_WINDOWS; i += 1) {
      alone.push(await runLoad({ url: bot.base, duration: window, requests: asks }));
      const asking = runLoad({ url: bot.base, duration: window, requests: asks });
      const filing = runLoad({ url: bot.base, duration: window, connections: COMPLAINT_CONNECTIONS, requests: [complaints] });
      mixed.push(await Promise.all([asking, filing]));
    }
    return { ask: combineLoads(mixed.map(([ask]) => ask)), complaints: combineLoads(mixed.map(([, filed]) => filed)), askAlone: combineLoads(alone) };
  } finally {
    await stopChild(bot.proc);
  }
}
