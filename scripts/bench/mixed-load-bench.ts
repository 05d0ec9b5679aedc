import type autocannon from 'autocannon';
import { askRequests } from './answering-bench';
import { BOT_MAIN, botEnv, freshDataDir } from './bench-env';
import { devSignIn, webPostHeaders } from './bench-sign-in';
import { runLoad, type LoadResult } from './load';
import { startChild, stopChild } from './processes';

/** Connections filing complaints beside the questions: the four with which issue 23 saw p99 rise to 73 ms. */
export const COMPLAINT_CONNECTIONS = 4;

/** London Councils members who file the complaints, in turn, each about the same officer. */
const COMPLAINANTS = ['lc-member', 'lc-group-leader', 'lc-labour-leader', 'lc-chair'];
const SUBJECT = 'lc-officer-2';

/** Figures of the mixed load: the questions' load and the complaints' load, run at the same time. */
export interface MixedLoadFigures {
  ask: LoadResult;
  complaints: LoadResult;
}

/** `POST /api/complaints` as the signed-in complainants in turn, each a new submission (a new idempotency key). */
function complaintRequest(cookies: readonly string[], run: string): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: '/api/complaints',
    setupRequest: (request) => {
      n += 1;
      const body = JSON.stringify({ idempotencyKey: `bench-${run}-${n}`, about: SUBJECT, description: `Complaint ${n}: Han Officer has not answered five emails about the grants round since the spring.` });
      return { ...request, body, headers: webPostHeaders(cookies[n % cookies.length]) };
    },
  };
}

/**
 * The bot as deployed but with the development sign-in (NODE_ENV=test, WEB_DEV_SIGN_IN=true, a loopback host),
 * the cases-per-hour limit at its highest so no complainant is refused. After a warm-up, questions at the usual
 * 32 connections and complaints at COMPLAINT_CONNECTIONS, through the web API (CSRF token, signed-in session), both
 * for `seconds` at the same time.
 */
export async function benchMixedLoad(seconds: number): Promise<MixedLoadFigures> {
  const bot = await startChild(BOT_MAIN, botEnv(freshDataDir(), { NODE_ENV: 'test', WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_CASES_PER_HOUR: '10000' }), '/readyz');
  try {
    const cookies = await Promise.all(COMPLAINANTS.map((personId) => devSignIn(bot.base, 'london-councils', personId)));
    const asks = askRequests();
    const warmAsk = await runLoad({ url: bot.base, amount: 2_000, requests: asks });
    const warmComplaints = await runLoad({ url: bot.base, amount: 100, connections: 1, requests: [complaintRequest(cookies, 'warm')] });
    const refused = warmAsk.non2xx + warmAsk.errors + warmComplaints.non2xx + warmComplaints.errors;
    if (refused > 0) throw new Error(`the bot refused or failed ${refused} warm-up requests`);
    const [ask, complaints] = await Promise.all([
      runLoad({ url: bot.base, duration: seconds, requests: asks }),
      runLoad({ url: bot.base, duration: seconds, connections: COMPLAINT_CONNECTIONS, requests: [complaintRequest(cookies, `${Date.now()}`)] }),
    ]);
    return { ask, complaints };
  } finally {
    await stopChild(bot.proc);
  }
}
