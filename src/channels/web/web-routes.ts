import type { Bot } from '../../app/bot';
import type { Route } from '../http/http-types';
import { askRoutes } from './ask-routes';
import { caseConsoleRoutes } from './case-console-routes';
import { caseFormRoutes } from './case-form-routes';
import { devSignInRoutes } from './dev-sign-in-routes';
import { feedbackRoute, type FeedbackOptions } from './feedback-route';
import { staticPages } from './static-pages';
import type { WebAuth } from './web-auth';

/** Options of the web channel. */
export interface WebOptions {
  /** Who is signed in, CSRF checks, and the keys visitors are counted under. */
  auth: WebAuth;
  /** Helpful / not helpful votes: a per-person limit, and whether anonymous visitors may vote (never in production). */
  feedback: FeedbackOptions;
}

/** The web chat and HTTP API routes (CONTRACTS.md "HTTP"), each group in its own file. */
export function webRoutes(bot: Bot, options: WebOptions): Route[] {
  const { auth } = options;
  return [
    ...staticPages(),
    ...askRoutes(bot, auth),
    feedbackRoute(bot, auth, options.feedback),
    ...caseFormRoutes(bot, auth),
    ...caseConsoleRoutes(bot, auth),
    ...(auth.devSignIn ? devSignInRoutes(bot, auth) : []),
  ];
}
