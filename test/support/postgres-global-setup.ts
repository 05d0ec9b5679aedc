import { findPostgresBinaries, startPostgresServer, TEST_DATABASE_URL, type PostgresServer } from './postgres-server';

/** Where the global teardown finds the server this setup started (setup and teardown share jest's main process). */
export const SERVER_KEY = '__etiquettePostgresServer';

/**
 * Jest global setup: one PostgreSQL for the whole run, handed to the test files as TEST_DATABASE_URL (workers start
 * after this and inherit it). A URL already set is used as it is. With no PostgreSQL on the machine, CI fails here;
 * elsewhere the PostgreSQL cases are skipped and this says so.
 */
export default async function postgresGlobalSetup(): Promise<void> {
  if (process.env[TEST_DATABASE_URL]) return;
  const bin = findPostgresBinaries();
  if (!bin) {
    const why = 'no PostgreSQL found (initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin) and TEST_DATABASE_URL is unset';
    if (process.env.CI) throw new Error(`CI needs PostgreSQL for the storage tests: ${why}. Install the Debian package postgresql (.ci/run does).`);
    console.warn(`\n[storage tests] PostgreSQL cases skipped: ${why}. Install postgresql or set TEST_DATABASE_URL to run them.\n`);
    return;
  }
  const server: PostgresServer = await startPostgresServer(bin);
  process.env[TEST_DATABASE_URL] = server.url;
  (globalThis as Record<string, unknown>)[SERVER_KEY] = server;
  // A run cut short (Ctrl-C, a crash) still stops the server instead of leaving it running.
  process.once('exit', () => server.stop());
}
