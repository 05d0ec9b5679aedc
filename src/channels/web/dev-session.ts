import type { IncomingMessage } from 'node:http';

const COOKIE = 'etiquette_dev_user';

/** The development sign-in stub's cookie: `council:personId`. Development only; never trusted in production. */
export function devSessionFrom(req: IncomingMessage): { council: string; personId: string } | null {
  const cookie = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(cookie);
  if (!match?.[1]) return null;
  let value: string;
  try {
    value = decodeURIComponent(match[1]);
  } catch {
    // A mangled cookie (bad %-escape) is no session, not a server error.
    return null;
  }
  const [council, personId] = value.split(':');
  return council && personId ? { council, personId } : null;
}

/** The Set-Cookie header value that signs someone in (or out, with null). */
export function devSessionCookie(session: { council: string; personId: string } | null): string {
  if (!session) return `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  return `${COOKIE}=${encodeURIComponent(`${session.council}:${session.personId}`)}; Path=/; HttpOnly; SameSite=Strict`;
}
