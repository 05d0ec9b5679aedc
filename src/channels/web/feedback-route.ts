import type { Bot } from '../../app/bot';
import { AppError } from '../../errors/app-error';
import { RateLimitedError } from '../../security/rate-limiter';
import type { SharedRateLimiter } from '../../security/shared-rate-limiter';
import { readJson, sendJson } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';
import type { WebAuth } from './web-auth';
import { objectBody, optionalString } from './web-request-fields';

/** Helpful / not helpful votes: a per-person limit, and whether anonymous visitors may vote (never in production). */
export interface FeedbackOptions {
  limiter: SharedRateLimiter;
  anonymous: boolean;
}

/** A vote on an answer: from our page (CSRF), signed in where anonymous votes are not allowed, within the limit. */
export function feedbackRoute(bot: Bot, auth: WebAuth, options: FeedbackOptions): Route {
  const signedIn = (ctx: RequestContext) => auth.signedIn(ctx.req);
  return {
    method: 'POST',
    path: '/api/feedback',
    handle: async ({ req, res }) => {
      await auth.checkCsrf(req);
      // anonymous votes only outside production, where the development page has no real sign-in to offer
      if (!options.anonymous) await signedIn({ req } as RequestContext);
      const wait = await options.limiter.take(await auth.limitKey(req));
      if (wait > 0) throw new RateLimitedError('You have rated a lot of answers in the last hour; thank you. Please try again later.', Math.ceil(wait / 1000));
      const body = objectBody(await readJson(req, 4 * 1024));
      if (body.vote !== 'helpful' && body.vote !== 'not-helpful') throw new AppError('bad_request', '"vote" must be helpful or not-helpful');
      const council = optionalString(body.council) ?? bot.defaultCouncil ?? '';
      bot.kb.council(council);
      await bot.recordFeedback('web', council, optionalString(body.intent) ?? null, body.vote);
      sendJson(res, 200, { recorded: true });
    },
  };
}
