import { CSRF_COOKIE, CSRF_HEADER } from '../../src/channels/web/csrf-guard';

/** A CSRF token as the web chat page holds one before sign-in (its cookie and its header carry the same value). */
export const TEST_CSRF_TOKEN = 'test-csrf-token-0123456789abcdefghijklmnop';

/** Headers for a state-changing web API request as the page sends it: the CSRF cookie and header, with any other cookie. */
export function withCsrf(cookie = ''): Record<string, string> {
  return { cookie: [cookie, `${CSRF_COOKIE}=${TEST_CSRF_TOKEN}`].filter(Boolean).join('; '), [CSRF_HEADER]: TEST_CSRF_TOKEN };
}
