import { SERVER_KEY } from './postgres-global-setup';
import type { PostgresServer } from './postgres-server';

/** Jest global teardown: stops the PostgreSQL the global setup started (a TEST_DATABASE_URL given from outside is left alone). */
export default async function postgresGlobalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>)[SERVER_KEY] as PostgresServer | undefined;
  server?.stop();
}
