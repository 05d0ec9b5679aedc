import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createLogger } from '../../src/app/create-logger';
import { loadDirectory } from '../../src/directory/load-directory';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { aesGcmCipher } from '../../src/security/content-cipher';
import { openPostgres, type PostgresStores } from '../../src/storage/postgres/open-postgres';
import { runComplaintDeadlines } from '../../src/workflows/complaints/complaint-deadlines';
import { randomReference } from '../../src/workflows/case-reference';
import { addDays } from '../../src/workflows/deadlines/calendar-date';
import { englandAndWalesBankHolidays } from '../../src/workflows/deadlines/bank-holidays';
import { previousWorkingDay } from '../../src/workflows/deadlines/working-days';
import type { WorkflowDeps } from '../../src/workflows/workflow-deps';
import { fileWebComplaint, type WebComplaint } from '../support/file-web-complaint';
import { PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';
import { createTestDatabase, dropTestDatabase } from '../support/postgres-server';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { SmtpSink } from '../support/smtp-sink';
import { DIRECTORY_FIXTURE } from '../support/workflow-harness';

// Two bot servers on one PostgreSQL database, as a council runs them behind a load balancer. Complaints are filed
// through both while one is SIGKILLed and started again; a browser whose request was cut off sends the form
// again, with the same idempotency key, to the instance still up. Then every complaint is one case, every notice
// is mailed once though both instances drain the one outbox, and each deadline is handled once though two
// instances' deadline passes run at the same moment.
const ROUNDS = 24;
const KEY = randomBytes(32);

const complaint = (n: number): WebComplaint => ({
  council: 'lydney',
  complainant: 'ly-member',
  about: 'ly-officer',
  idempotencyKey: `two-instances-${n}`,
  description: `Complaint number ${n}: raised voices in the Bream Road car park.`,
});

/** The workflows of one more instance on the database, with its clock at `at` (its own pool: another process's). */
function instanceAt(stores: PostgresStores, at: string): WorkflowDeps {
  return {
    store: stores.caseStore,
    kb: loadKnowledgeBase(PROTOCOL_DATA_DIR),
    directory: loadDirectory(DIRECTORY_FIXTURE),
    cipher: aesGcmCipher(KEY),
    clock: { now: () => new Date(at) },
    newReference: randomReference,
    holidays: englandAndWalesBankHolidays(),
    serviceStandardWorkingDays: 5,
    logger: createLogger('silent'),
  };
}

describe('two instances on one PostgreSQL database', () => {
  const sink = new SmtpSink();
  let databaseUrl: string;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const smtpPort = await sink.start();
    env = {
      DATABASE_URL: databaseUrl,
      COMPLAINT_KEY: KEY.toString('hex'),
      COUNCIL: 'lydney',
      WEB_DEV_SIGN_IN: 'true',
      RATE_LIMIT_CASES_PER_HOUR: '1000',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
      MAIL_FROM: 'Lydney etiquette bot <etiquette@lydney.example>',
      PUBLIC_URL: 'https://etiquette.lydney.example/',
      OUTBOX_SENDS_PER_SECOND: '100',
      OUTBOX_BURST: '100',
      // Notices the killed instance had claimed are sent by the other once their lease ends: short here.
      OUTBOX_LEASE_SECONDS: '5',
    };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await sink.stop();
    await dropTestDatabase(databaseUrl);
  });

  it('keeps each complaint once, mails each notice once and handles each deadline once while one instance is killed and restarted', async () => {
    const references = new Map<number, string>();
    for (let n = 0; n < ROUNDS; n += 1) {
      if (n === (2 * ROUNDS) / 3) servers[1] = await startServerProcess(env);
      const [first, second] = n % 2 === 1 ? [servers[1], servers[0]] : [servers[0], servers[1]];
      // SIGKILL the second instance while this complaint is on its way to it (stored or not, it is never answered).
      const killing = n === ROUNDS / 3 + 1 ? servers[1]!.kill() : undefined;
      let reference: string;
      try {
        reference = await fileWebComplaint(first!.base, complaint(n));
      } catch {
        reference = await fileWebComplaint(second!.base, complaint(n)).catch(() => fileWebComplaint(second!.base, complaint(n), true));
      }
      await killing;
      references.set(n, reference);
    }
    // The same form sent again through the other instance is the same case.
    expect(await fileWebComplaint(servers[1]!.base, complaint(0), true)).toBe(references.get(0));
    expect(new Set(references.values()).size).toBe(ROUNDS);

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const cases = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases WHERE idempotency_key LIKE 'two-instances-%'");
      expect(cases.rows[0]?.n).toBe(ROUNDS);

      // Both instances drain the one outbox: once it is empty, every notice was mailed, and none twice.
      const until = Date.now() + 60_000;
      for (;;) {
        const pending = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
        if (pending.rows[0]?.n === 0) break;
        if (Date.now() > until) throw new Error(`${pending.rows[0]?.n} notices still unsent after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const queued = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
      const mails = [...references.values()].flatMap((reference) => sink.about(reference));
      const ids = mails.map((mail) => mail.headers.get('message-id'));
      expect(mails.length).toBe(queued.rows[0]?.n);
      expect(new Set(ids).size).toBe(ids.length);
      for (const reference of references.values()) expect(sink.about(reference).length).toBeGreaterThan(0);

      // Two instances' deadline passes at the same moment: on the reminder day, then after the deadline.
      const deadlines = await db.query<{ d: string }>("SELECT DISTINCT ack_deadline AS d FROM cases WHERE idempotency_key LIKE 'two-instances-%'");
      expect(deadlines.rows).toHaveLength(1);
      const deadline = deadlines.rows[0]!.d;
      const holidays = englandAndWalesBankHolidays();
      const instances = await Promise.all([openPostgres(databaseUrl), openPostgres(databaseUrl)]);
      try {
        for (const day of [previousWorkingDay(deadline, holidays), addDays(deadline, 1)]) {
          const passes = await Promise.all(instances.map((stores) => runComplaintDeadlines(instanceAt(stores, `${day}T10:00:00Z`))));
          const handled = passes.flatMap((pass) => [...pass.reminders, ...pass.escalations, ...pass.overdue]);
          expect(handled.sort()).toEqual([...references.values()].sort());
        }
      } finally {
        await Promise.all(instances.map((stores) => stores.close()));
      }
      const audit = await db.query<{ action: string; n: number }>(
        "SELECT a.action, count(*)::int AS n FROM audit_log a JOIN cases c ON c.reference = a.reference WHERE c.idempotency_key LIKE 'two-instances-%' AND a.action IN ('reminder', 'escalate', 'overdue') GROUP BY a.action, a.reference",
      );
      expect(audit.rows.every((row) => row.n === 1)).toBe(true);
      expect(audit.rows.filter((row) => row.action === 'reminder')).toHaveLength(ROUNDS);
    } finally {
      await db.end();
    }
  }, 240_000);
});
