import net from 'node:net';
import pg from 'pg';
import { isStorageError, StorageError } from '../../src/errors/storage-error';
import { PG_MIGRATIONS } from '../../src/storage/postgres/pg-migrations';
import { openPostgres } from '../../src/storage/postgres/open-postgres';
import { createTestDatabase, dropTestDatabase, testServerUrl } from '../support/postgres-server';
import { caseRecord } from '../support/store-records';

// A fresh PostgreSQL database takes a second or more to create and migrate on a busy machine.
jest.setTimeout(30_000);

/** What only the PostgreSQL engine has to show: migrations under a lock, honest readiness, errors people can read. */
const describePostgres = testServerUrl() ? describe : describe.skip;

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describePostgres('the PostgreSQL engine', () => {
  const databases: string[] = [];
  const freshDatabase = async () => {
    const url = await createTestDatabase();
    databases.push(url);
    return url;
  };
  afterAll(async () => {
    for (const url of databases) await dropTestDatabase(url);
  });

  it('migrates once when two instances start on a new database at the same moment', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
    const versions = await onServer(url, async (client) => (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version));
    expect(versions).toEqual(PG_MIGRATIONS.map((_, index) => index + 1));
    await a.caseStore.insertCase(caseRecord());
    expect(await b.caseStore.listCases()).toHaveLength(1);
    await Promise.all([a.close(), b.close()]);
  });

  it('fails to open an unreachable database with a StorageError that names no engine internals', async () => {
    const error = await rejection(openPostgres(`postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`, { connectionTimeoutMs: 2000 }));
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toEqual(expect.objectContaining({ code: 'storage_unavailable', fault: 'unreachable', engineCode: 'ECONNREFUSED' }));
    expect((error as Error).message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
  });

  it('reports read_only from its writable check on a read-only database, and still opens it', async () => {
    const url = await freshDatabase();
    await (await openPostgres(url)).close();
    const name = new URL(url).pathname.slice(1);
    await onServer(testServerUrl()!, (client) => client.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`));
    const stores = await openPostgres(url);
    try {
      expect(await rejection(stores.caseStore.checkWritable())).toEqual(expect.objectContaining({ code: 'storage_unavailable', fault: 'read_only', engineCode: '25006' }));
      expect(await stores.caseStore.listCases()).toEqual([]);
    } finally {
      await stores.close();
    }
  });

  it('fails its writable check once the database stops taking connections', async () => {
    const url = await freshDatabase();
    const stores = await openPostgres(url, { connectionTimeoutMs: 2000 });
    await stores.caseStore.checkWritable();
    const name = new URL(url).pathname.slice(1);
    await onServer(testServerUrl()!, async (client) => {
      await client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    });
    try {
      const error = await rejection(stores.caseStore.checkWritable());
      expect(isStorageError(error)).toBe(true);
      expect(error).toEqual(expect.objectContaining({ code: 'storage_unavailable', fault: 'not_writable' }));
    } finally {
      await stores.close();
      await onServer(testServerUrl()!, (client) => client.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    }
  });

  it('fails its writable check within its timeout while the probe write waits on a lock', async () => {
    const url = await freshDatabase();
    const stores = await openPostgres(url, { probeTimeoutMs: 300 });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await stores.caseStore.checkWritable();
      await holder.query('BEGIN');
      await holder.query("SELECT * FROM meta WHERE key = 'readiness-probe' FOR UPDATE");
      const started = Date.now();
      expect(await rejection(stores.caseStore.checkWritable())).toEqual(expect.objectContaining({ code: 'storage_unavailable', fault: 'not_writable', engineCode: 'probe_timeout' }));
      expect(Date.now() - started).toBeLessThan(3000);
      await holder.query('ROLLBACK');
      await expect(stores.caseStore.checkWritable()).resolves.toBeUndefined();
    } finally {
      await holder.end();
      await stores.close();
    }
  });

  it('turns a refused statement into a StorageError with the SQLSTATE for the log and a polite message for people', async () => {
    const stores = await openPostgres(await freshDatabase());
    try {
      const record = caseRecord();
      await stores.caseStore.insertCase(record);
      const error = await rejection(stores.caseStore.insertCase(record));
      expect(error).toEqual(expect.objectContaining({ code: 'storage_unavailable', engineCode: '23505' }));
      expect((error as Error).message).not.toMatch(/duplicate|constraint|cases_pkey/i);
    } finally {
      await stores.close();
    }
  });

  it('fails a transaction whose connection is lost with a StorageError, keeping none of it, and carries on', async () => {
    const url = await freshDatabase();
    const name = new URL(url).pathname.slice(1);
    const stores = await openPostgres(url);
    try {
      const record = caseRecord();
      const error = await rejection(
        stores.caseStore.transaction(async (tx) => {
          await tx.insertCase(record);
          await onServer(testServerUrl()!, (client) => client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'", [name]));
          await new Promise((resolve) => setTimeout(resolve, 100));
          await tx.appendAudit({ reference: record.reference, actor: record.openedBy, action: 'opened', detail: '', at: record.createdAt });
        }),
      );
      expect(isStorageError(error)).toBe(true);
      expect(await stores.caseStore.getCase(record.reference)).toBeUndefined();
      await expect(stores.caseStore.checkWritable()).resolves.toBeUndefined();
    } finally {
      await stores.close();
    }
  });

  it('refuses, instead of waiting for ever, a call on the outer store from inside a transaction’s work', async () => {
    const stores = await openPostgres(await freshDatabase());
    try {
      const record = caseRecord();
      const misuse = stores.caseStore.transaction(async (tx) => {
        await tx.insertCase(record);
        return stores.caseStore.updateCase(record.reference, 'submitted', { state: 'acknowledged' });
      });
      await expect(misuse).rejects.toThrow(/use the `tx` store/);
      expect(await stores.caseStore.getCase(record.reference)).toBeUndefined();
    } finally {
      await stores.close();
    }
  });
});
