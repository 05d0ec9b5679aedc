import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for the tests. `TEST_DATABASE_URL` names a server the tests may create databases on; when it is
 * unset, the jest global setup (test/support/postgres-global-setup.ts) starts a throwaway server from the local
 * PostgreSQL binaries and sets it for the run. Each test file then calls `createTestDatabase()` for a fresh database.
 */
export const TEST_DATABASE_URL = 'TEST_DATABASE_URL';

/** A PostgreSQL server started for one test run. */
export interface PostgresServer {
  url: string;
  stop(): void;
}

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin (newest first). */
export function findPostgresBinaries(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (onPath[0]) return onPath[0];
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  return readdirSync(debian)
    .filter((version) => existsSync(path.join(debian, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(debian, version, 'bin'))[0];
}

/** A port free on 127.0.0.1 just now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** initdb refuses to run as root: as root, the server's files belong to `postgres` and its tools run as that user. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

/** Runs a server tool from `cwd` (the server's folder: the project's folder may be closed to the `postgres` user). */
function run(binary: string, args: string[], cwd: string): void {
  const [command, argv] = asServerUser(binary, args);
  execFileSync(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/**
 * Creates a cluster in a temp folder (trust authentication, superuser `postgres`, no fsync: test data only) and
 * starts it on a free port on 127.0.0.1 with its socket in that folder, waiting until it takes connections.
 */
export async function startPostgresServer(bin: string): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'etiquette-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '-D', data], dir);
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const port = await freePort();
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'], dir);
    } catch (error) {
      lastError = error;
      continue;
    }
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: () => {
        if (stopped) return;
        stopped = true;
        const [command, argv] = asServerUser(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        spawnSync(command, argv, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start from ${bin}: ${(lastError as Error).message}`);
}

/** The URL of the server the tests may use, or undefined when there is none (the PostgreSQL cases are skipped). */
export function testServerUrl(): string | undefined {
  return process.env[TEST_DATABASE_URL] || undefined;
}

/** `url` with its database name replaced. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database on the test server (a unique name), so each test file is isolated; its URL. */
export async function createTestDatabase(): Promise<string> {
  const url = testServerUrl();
  if (!url) throw new Error(`${TEST_DATABASE_URL} is not set: no PostgreSQL for the tests`);
  const name = `etiquette_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

/** Drops a database `createTestDatabase` made (its connections first), so a shared TEST_DATABASE_URL server is left tidy. */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const url = testServerUrl();
  if (!url) return;
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^etiquette_test_\w+$/.test(name)) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
