import type { IncomingMessage } from 'node:http';

/** The value of one cookie of a request, or undefined (a mangled %-escape is no value, not an error). */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** How the web channel's cookies are sent: `Secure` when the public URL is https or in production. */
export interface CookiePolicy {
  secure: boolean;
}

/**
 * A Set-Cookie value: HttpOnly, Path=/, SameSite=Lax (Strict would drop the cookie on the provider's redirect back
 * to the callback, a cross-site navigation); `maxAgeSeconds` 0 removes it.
 */
export function setCookie(policy: CookiePolicy, name: string, value: string, maxAgeSeconds?: number): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(policy.secure ? ['Secure'] : []),
    ...(maxAgeSeconds === undefined ? [] : [`Max-Age=${maxAgeSeconds}`]),
  ].join('; ');
}
