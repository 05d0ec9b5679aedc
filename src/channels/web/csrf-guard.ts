import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../errors/app-error';
import { cookieValue, setCookie, type CookiePolicy } from './cookies';
import type { FoundSession } from './web-session';
import { newSecret } from './web-session';

/** The header the web chat sends its CSRF token in (a page on another site cannot set it without CORS, which we never allow). */
export const CSRF_HEADER = 'x-csrf-token';
/** Before sign-in, the token is a random cookie the page reads back through `GET /api/session` (signed-in: derived from the session). */
export const CSRF_COOKIE = 'etiquette_csrf';

const REFUSED = 'this request did not come from the web chat page: reload the page and try again';

/**
 * Guards every state-changing route of the web API against cross-site request forgery: the request must come from
 * our own origin (Origin, or Sec-Fetch-Site where a browser sends no Origin) and carry the token of its session.
 */
export class CsrfGuard {
  constructor(
    private readonly cookies: CookiePolicy,
    /** `PUBLIC_URL`'s origin; unset, the request's own Host is the origin. */
    private readonly publicOrigin: string | undefined,
  ) {}

  /** The token a page must send, and the Set-Cookie value to send with it when a new one was made. */
  tokenFor(req: IncomingMessage, found: FoundSession | undefined): { token: string; setCookie?: string } {
    if (found) return { token: sessionToken(found.rawId) };
    const existing = cookieValue(req, CSRF_COOKIE);
    if (existing !== undefined && existing.length >= 32) return { token: existing };
    const token = newSecret();
    return { token, setCookie: setCookie(this.cookies, CSRF_COOKIE, token) };
  }

  /** Throws `csrf_refused` unless the request is same-origin and carries the right token. */
  check(req: IncomingMessage, found: FoundSession | undefined): void {
    if (!this.sameOrigin(req)) throw new AppError('csrf_refused', `${REFUSED} (it was sent from another site)`);
    const sent = req.headers[CSRF_HEADER];
    const expected = found ? sessionToken(found.rawId) : cookieValue(req, CSRF_COOKIE);
    if (typeof sent !== 'string' || expected === undefined || expected.length < 32 || !equal(sent, expected)) {
      throw new AppError('csrf_refused', `${REFUSED} (its ${CSRF_HEADER} header is missing or out of date)`);
    }
  }

  private sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) {
      // Browsers send Origin on every cross-site POST; Sec-Fetch-Site covers the rest. Neither: not a browser.
      const site = req.headers['sec-fetch-site'];
      return site === undefined || site === 'same-origin' || site === 'none';
    }
    if (this.publicOrigin !== undefined) return origin === this.publicOrigin;
    const host = req.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  }
}

/** A signed-in session's CSRF token: a hash of its id, so nothing more is stored and no instance needs a shared key. */
function sessionToken(rawId: string): string {
  return createHash('sha256').update(`csrf:${rawId}`).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
