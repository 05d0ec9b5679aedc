/** Hosts that are this machine: a local relay there may speak plain SMTP, as nothing crosses a network. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}

/** URL options that would send mail, and the SMTP password, unprotected or to a server whose certificate is not checked. */
const WEAKENING = [
  ['ignoreTLS', 'true'],
  ['requireTLS', 'false'],
  ['tls.rejectUnauthorized', 'false'],
] as const;

/**
 * What is wrong with an `SMTP_URL`, in words that never repeat it (it carries the SMTP password). Outside
 * development, options that turn off TLS or its certificate check are refused unless the server is on this machine.
 */
export function smtpUrlProblems(value: string, development: boolean): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ['is not a URL: expected smtp://user:password@host:587 or smtps://user:password@host:465 (the value is not shown: it may hold a password)'];
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return ['must start with smtp:// (STARTTLS) or smtps:// (TLS from the start)'];
  if (!url.hostname) return ['names no mail server host'];
  if (development || isLoopbackHost(url.hostname)) return [];
  return WEAKENING.filter(([name, weak]) => url.searchParams.get(name) === weak).map(
    ([name, weak]) => `${name}=${weak} turns off TLS protection for a mail server on the network: refused outside development (allowed only for a relay on this machine)`,
  );
}

/** The address inside a `MAIL_FROM` of the form `Name <address>` or `address`, or undefined if it has none. */
export function mailFromAddress(value: string): string | undefined {
  const inBrackets = /<([^<>]*)>\s*$/.exec(value);
  const address = (inBrackets ? inBrackets[1] : value)?.trim() ?? '';
  return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/.test(address) ? address : undefined;
}
