/**
 * Headers on every response: the pages load scripts and styles from this server only and may not be framed
 * anywhere (the Teams app links to the privacy notice and terms but shows no tab of ours); no URL is passed on as
 * a Referer, since a sign-in callback's carries a one-time code.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
