import { findPostgresBinaries, startPostgresServer, testServerUrl, type PostgresServer } from '../support/postgres-server';
import { fileWebComplaint } from '../support/file-web-complaint';
import { startTestServer } from '../support/test-server';
import type { RunningServer } from '../../src/app/start-server';

// A bot on PostgreSQL whose database server goes away: readiness must say so (a load balancer stops sending people
// there), questions are still answered, and a complaint is refused with words a person can act on, nothing of the
// engine's own. Its own PostgreSQL, stopped half-way (the run's shared server stays up for the other tests).
const bin = findPostgresBinaries();
const withPostgres = testServerUrl() && bin ? describe : describe.skip;

withPostgres('readiness on PostgreSQL when the database server cannot be reached', () => {
  let database: PostgresServer;
  let bot: RunningServer & { base: string };

  beforeAll(async () => {
    database = await startPostgresServer(bin as string);
    bot = await startTestServer({ DATABASE_URL: database.url, COUNCIL: 'lydney', WEB_DEV_SIGN_IN: 'true', RATE_LIMIT_CASES_PER_HOUR: '100' });
    bot.jobs.stop();
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    database.stop();
  });

  it('is ready while PostgreSQL answers, then 503 with the reason once it is gone; questions are still answered', async () => {
    const ready = await fetch(`${bot.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'writable' });
    await fileWebComplaint(bot.base, { council: 'lydney', complainant: 'ly-member', about: 'ly-officer', idempotencyKey: 'unreachable-before', description: 'Kept before the database went away.' });

    database.stop();

    const notReady = await fetch(`${bot.base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'not ready', reason: 'unreachable', database: 'not writable: the PostgreSQL server (DATABASE_URL) cannot be reached' });

    const asked = await fetch(`${bot.base}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ council: 'lydney', role: 'member', question: 'who do I complain to about the town clerk?' }),
    });
    expect(asked.status).toBe(200);

    const refused = await fileWebComplaint(bot.base, {
      council: 'lydney',
      complainant: 'ly-member',
      about: 'ly-officer',
      idempotencyKey: 'unreachable-after',
      description: 'Filed while the database is gone.',
    }).then(
      () => 'stored',
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/answered 503/);
    expect(refused).not.toMatch(/ECONNREFUSED|postgres|pg_|SQLSTATE/i);
  }, 60_000);
});

describe('starting on a PostgreSQL that cannot be reached', () => {
  it('stops at once, telling the operator why in words and a code, never the URL or its password', async () => {
    const failure = await startTestServer({ DATABASE_URL: 'postgres://bot:s3cret-pw@127.0.0.1:1/etiquette', COUNCIL: 'lydney' }).then(
      async (bot) => {
        await bot.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(failure).toBe('cannot open the PostgreSQL database of DATABASE_URL: the server cannot be reached (ECONNREFUSED)');
  }, 30_000);
});
