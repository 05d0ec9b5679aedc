import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SessionStore, WebSession } from '../../storage/session-store';
import type { Clock } from '../../workflows/workflow-deps';
import { cookieValue, setCookie, type CookiePolicy } from './cookies';

/** The cookie that carries a signed-in person's session id (32 random bytes; the database keeps only its hash). */
export const SESSION_COOKIE = 'etiquette_session';

/** SHA-256 of a secret, hex: what the database keeps instead of a session id or sign-in key. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new random secret: 32 bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A session found from a request's cookie, with the raw id (the CSRF token is derived from it). */
export interface FoundSession {
  session: WebSession;
  rawId: string;
}

/** Web sessions: minted at sign-in, found from the cookie, ended at sign-out. */
export class WebSessions {
  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
    private readonly cookies: CookiePolicy,
    private readonly hours: number,
  ) {}

  /** Starts a session for a directory person; returns the Set-Cookie value. Expired sessions are swept here. */
  async start(council: string, personId: string): Promise<string> {
    const now = this.clock.now();
    await this.store.forgetExpired(now.toISOString());
    const rawId = newSecret();
    const expiresAt = new Date(now.getTime() + this.hours * 3_600_000);
    await this.store.saveSession({ idHash: secretHash(rawId), council, personId, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    return setCookie(this.cookies, SESSION_COOKIE, rawId, this.hours * 3600);
  }

  /** The request's live session, if its cookie names one. */
  async find(req: IncomingMessage): Promise<FoundSession | undefined> {
    const rawId = cookieValue(req, SESSION_COOKIE);
    // a well-formed id only: 32 bytes in base64url are 43 characters
    if (rawId === undefined || !/^[A-Za-z0-9_-]{43}$/.test(rawId)) return undefined;
    const session = await this.store.findSession(secretHash(rawId), this.clock.now().toISOString());
    return session ? { session, rawId } : undefined;
  }

  /** Ends the request's session, if any; returns the Set-Cookie value that removes the cookie. */
  async end(req: IncomingMessage): Promise<string> {
    const rawId = cookieValue(req, SESSION_COOKIE);
    if (rawId !== undefined) await this.store.deleteSession(secretHash(rawId));
    return setCookie(this.cookies, SESSION_COOKIE, '', 0);
  }
}
