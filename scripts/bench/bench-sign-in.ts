import { randomBytes } from 'node:crypto';
import { CSRF_COOKIE, CSRF_HEADER } from '../../src/channels/web/csrf-guard';

/** The CSRF token the bench holds, as the web chat page holds one before sign-in (cookie and header alike). */
const CSRF_TOKEN = randomBytes(24).toString('base64url');

/**
 * Headers of a state-changing web API request as the page sends them: JSON, the CSRF cookie (with the sign-in
 * cookie, if any) and the same token in the `X-CSRF-Token` header.
 */
export function webPostHeaders(signInCookie = ''): Record<string, string> {
  return { 'content-type': 'application/json', cookie: [signInCookie, `${CSRF_COOKIE}=${CSRF_TOKEN}`].filter(Boolean).join('; '), [CSRF_HEADER]: CSRF_TOKEN };
}

/**
 * Signs `personId` in through the development sign-in (a server with WEB_DEV_SIGN_IN on) and returns the cookie
 * to send as them.
 */
export async function devSignIn(base: string, council: string, personId: string): Promise<string> {
  const response = await fetch(`${base}/api/dev/sign-in`, { method: 'POST', headers: webPostHeaders(), body: JSON.stringify({ council, personId }) });
  if (response.status !== 200) throw new Error(`the development sign-in as ${personId} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (cookie === '') throw new Error(`the development sign-in as ${personId} set no cookie`);
  return cookie;
}
