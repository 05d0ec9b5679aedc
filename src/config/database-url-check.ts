const ENCRYPTED_MODES: ReadonlySet<string> = new Set(['require', 'verify-ca', 'verify-full']);
const LOOPBACK: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * What is wrong with a DATABASE_URL, or undefined when it names a PostgreSQL database. Outside development a
 * database on another host must be reached over TLS (`sslmode=verify-full`, or `require`): the case rows say who
 * complained about whom. Messages never repeat the URL: it usually carries a password.
 */
export function databaseUrlProblem(value: string, deployed: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL: give postgres://user:password@host:5432/database (or unset it to use the embedded SQLite file in DATA_DIR)';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `must start with postgres:// or postgresql:// (this bot stores cases in PostgreSQL or, with DATABASE_URL unset, in its embedded SQLite file), not ${url.protocol}//`;
  }
  if (!url.hostname && !url.searchParams.get('host')) return 'names no host: give postgres://user:password@host:5432/database';
  if (url.pathname.length <= 1) return 'names no database: give postgres://user:password@host:5432/database';
  const host = url.hostname || url.searchParams.get('host') || '';
  if (deployed && !LOOPBACK.has(host) && !host.startsWith('/') && !ENCRYPTED_MODES.has(url.searchParams.get('sslmode') ?? '')) {
    return 'must use TLS to a database on another host outside development: add ?sslmode=verify-full (cases say who complained about whom)';
  }
  return undefined;
}
