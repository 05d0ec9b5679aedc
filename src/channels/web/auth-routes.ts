import type { Bot } from '../../app/bot';
import { AppError, isAppError } from '../../errors/app-error';
import { RateLimitedError } from '../../security/rate-limiter';
import type { SharedRateLimiter } from '../../security/shared-rate-limiter';
import type { SessionStore } from '../../storage/session-store';
import type { Clock } from '../../workflows/workflow-deps';
import { sendJson, sendText } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';
import { cookieValue, setCookie, type CookiePolicy } from './cookies';
import { devSessionCookie } from './dev-session';
import type { OidcSignIn } from './oidc-sign-in';
import { signInProblemPage } from './sign-in-page';
import type { WebAuth } from './web-auth';
import { newSecret, secretHash, type WebSessions } from './web-session';

/** The cookie that ties a sign-in under way to the browser that started it (so a callback cannot be replayed in another). */
const SIGN_IN_COOKIE = 'etiquette_sign_in';
/** Minutes a person has at the provider before the sign-in must be started again. */
const SIGN_IN_MINUTES = 10;

/** What the sign-in routes need: the provider (when configured), the stores and how cookies are sent. */
export interface AuthRouteDeps {
  auth: WebAuth;
  sessions: WebSessions;
  store: SessionStore;
  clock: Clock;
  cookies: CookiePolicy;
  /** Sign-in through the council's identity provider; absent, only the session route is offered. */
  oidc?: { signIn: OidcSignIn; redirectUri: string };
  /** Sign-ins one address may start in a minute: each keeps a row for ten minutes, so they cannot be started without end. */
  signInStarts: SharedRateLimiter;
}

/** Sends a page saying why a sign-in did not work. */
function problem(ctx: RequestContext, status: number, title: string, message: string, headers: Record<string, string> = {}): void {
  sendText(ctx.res, status, signInProblemPage(title, message), 'text/html; charset=utf-8', { 'cache-control': 'no-store', ...headers });
}

/**
 * Web sign-in: `GET /auth/sign-in?council=ID` sends the person to the council's identity provider,
 * `GET /auth/callback` checks what comes back and starts a session for the directory person it names,
 * `POST /auth/sign-out` ends it; `GET /api/session` tells the page who is signed in and its CSRF token.
 */
export function authRoutes(bot: Bot, deps: AuthRouteDeps): Route[] {
  const { auth, sessions, store, clock, cookies } = deps;
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/session',
      handle: async ({ req, res }) => {
        const visitor = await auth.visitor(req);
        const csrf = auth.csrf.tokenFor(req, visitor?.found);
        const who = visitor ? { council: visitor.identity.council, personId: visitor.identity.personId, name: visitor.identity.name, role: visitor.identity.role ?? null, via: visitor.via } : null;
        sendJson(
          res,
          200,
          { signedIn: who, csrfToken: csrf.token, signIn: { oidc: auth.oidc, development: auth.devSignIn } },
          { 'cache-control': 'no-store', ...(csrf.setCookie ? { 'set-cookie': csrf.setCookie } : {}) },
        );
      },
    },
    {
      method: 'POST',
      path: '/auth/sign-out',
      handle: async ({ req, res }) => {
        await auth.checkCsrf(req);
        res.setHeader('set-cookie', [await sessions.end(req), ...(auth.devSignIn ? [devSessionCookie(null)] : [])]);
        sendJson(res, 200, { signedIn: null }, { 'cache-control': 'no-store' });
      },
    },
  ];
  const { oidc } = deps;
  if (!oidc) return routes;

  routes.push(
    {
      method: 'GET',
      path: '/auth/sign-in',
      handle: async (ctx) => {
        const council = ctx.url.searchParams.get('council') || bot.defaultCouncil;
        if (!council || !bot.kb.hasCouncil(council)) {
          problem(ctx, 400, 'Choose your council first', 'Pick your council on the adviser page, then sign in.');
          return;
        }
        const wait = await deps.signInStarts.take(auth.addressKey(ctx.req));
        if (wait > 0) throw new RateLimitedError('Too many sign-ins were started from your address just now. Please wait a minute and try again.', Math.ceil(wait / 1000));
        const now = clock.now();
        await store.forgetExpired(now.toISOString());
        const key = newSecret();
        const checks = { state: newSecret(), nonce: newSecret(), codeVerifier: newSecret() };
        const url = await oidc.signIn.authorizationUrl(checks);
        await store.savePendingSignIn({ keyHash: secretHash(key), council, ...checks, expiresAt: new Date(now.getTime() + SIGN_IN_MINUTES * 60_000).toISOString() });
        ctx.res.writeHead(302, { location: url.href, 'cache-control': 'no-store', 'set-cookie': setCookie(cookies, SIGN_IN_COOKIE, key, SIGN_IN_MINUTES * 60) });
        ctx.res.end();
      },
    },
    {
      method: 'GET',
      path: '/auth/callback',
      handle: async (ctx) => {
        const clear = { 'set-cookie': setCookie(cookies, SIGN_IN_COOKIE, '', 0) };
        const key = cookieValue(ctx.req, SIGN_IN_COOKIE);
        const pending = key ? await store.takePendingSignIn(secretHash(key), clock.now().toISOString()) : undefined;
        if (!pending) {
          problem(ctx, 400, 'Sign-in expired', `This sign-in was started more than ${SIGN_IN_MINUTES} minutes ago or in another browser. Please sign in again.`, clear);
          return;
        }
        const refused = ctx.url.searchParams.get('error');
        if (refused) {
          problem(ctx, 401, 'Not signed in', "The sign-in was cancelled or refused at your council's sign-in page. Please try again, or ask your IT team.", clear);
          return;
        }
        // The callback as the provider addressed it (PUBLIC_URL's), whatever Host the proxy passed on.
        const callbackUrl = new URL(oidc.redirectUri);
        callbackUrl.search = ctx.url.search;
        let claims;
        try {
          claims = await oidc.signIn.complete(callbackUrl, pending);
        } catch (error) {
          if (!isAppError(error, 'unauthorised')) throw error;
          problem(ctx, 401, 'Not signed in', (error as AppError).message, clear);
          return;
        }
        const person = bot.directory.findBySignIn(pending.council, claims);
        if (!person) {
          ctx.log.warn({ council: pending.council }, 'web sign-in refused: the directory lists no such person');
          problem(
            ctx,
            403,
            'Not in the directory',
            `You signed in, but the directory of ${bot.kb.council(pending.council).profile.name} does not list you, so the adviser cannot show you cases. Ask the Monitoring Officer to add you (with your email or identity provider id).`,
            clear,
          );
          return;
        }
        ctx.res.writeHead(302, {
          location: '/',
          'cache-control': 'no-store',
          'set-cookie': [clear['set-cookie'], await sessions.start(pending.council, person.id), ...(auth.devSignIn ? [devSessionCookie(null)] : [])],
        });
        ctx.res.end();
      },
    },
  );
  return routes;
}
