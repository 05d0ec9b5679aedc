import type Database from 'better-sqlite3';
import { sqliteOf } from '../support/sqlite-of';
import type { RunningServer } from '../../src/app/start-server';
import { STORAGE_UNAVAILABLE_MESSAGE } from '../../src/errors/storage-error';
import { BriefingService } from '../../src/workflows/briefings/briefing-service';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import { FakeBotConnector, teamsMessage } from '../support/fake-bot-connector';
import { FakeSlackApi } from '../support/fake-slack-api';
import { eventCallback, JSON_TYPE, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';
import { workflowHarness } from '../support/workflow-harness';
import { withCsrf } from '../support/web-csrf';

// Two ways the database stops taking writes, on the live connection: read-only (what a read-only file or
// mount gives at write time, and works even when tests run as root, where chmod does not stop writes) and
// a full disk (max_page_count pinned to the current size, so the next new page is SQLITE_FULL).
type Fault = { name: string; code: string; reason: string; apply(db: Database.Database): void; clear(db: Database.Database): void };
const FAULTS: Fault[] = [
  { name: 'read-only', code: 'SQLITE_READONLY', reason: 'read_only', apply: (db) => db.pragma('query_only = ON'), clear: (db) => db.pragma('query_only = OFF') },
  {
    name: 'disk full',
    code: 'SQLITE_FULL',
    reason: 'disk_full',
    apply: (db) => db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`),
    clear: (db) => db.pragma('max_page_count = 1073741823'),
  },
];

/** Row counts of every table a submission writes to. */
const counts = (db: Database.Database) =>
  Object.fromEntries(['cases', 'audit_log', 'outbox', 'case_messages'].map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n]));

// Long enough that the case row, its audit line and notifications need new pages, so a full disk shows.
const LONG = 'The officer did not reply to several emails about the grants round, over many weeks. '.repeat(100);

describe.each(FAULTS)('the database is $name', (fault) => {
  describe('in the workflows', () => {
    const h = workflowHarness();
    const db = h.db;
    const complaints = new ComplaintService(h.deps);
    const briefings = new BriefingService(h.deps);
    const complaint = (key: string) =>
      complaints.open({ idempotencyKey: key, council: 'london-councils', complainant: { personId: 'lc-member', role: 'member' }, subject: { personId: 'lc-officer-2' }, description: LONG });
    const briefing = (key: string) =>
      briefings.request({
        idempotencyKey: key,
        council: 'council-2016',
        requester: { personId: 'c16-member' },
        group: 'Labour',
        subject: `The housing allocations policy. ${LONG}`.slice(0, 1_900),
        format: 'attendance',
        meetingDate: '2027-01-26',
        nonCouncillorsPresent: false,
        department: 'Housing',
      });

    afterAll(() => h.store.close());

    it.each([
      ['complaint', () => complaint(`fault-complaint-${fault.name}`)],
      ['briefing request', () => briefing(`fault-briefing-${fault.name}`)],
    ])('refuses a %s with storage_unavailable, keeps nothing half-way, and takes it once when writes work again', async (_kind, submit) => {
      const before = counts(db);
      fault.apply(db);
      try {
        // The engine's code is for the operators' log, never in what a person is shown.
        await expect(submit()).rejects.toThrow(
          expect.objectContaining({ code: 'storage_unavailable', message: STORAGE_UNAVAILABLE_MESSAGE, details: [], fault: fault.reason, engineCode: fault.code }),
        );
        // And again, as a retry by an impatient person would.
        await expect(submit()).rejects.toThrow(expect.objectContaining({ code: 'storage_unavailable' }));
      } finally {
        fault.clear(db);
      }
      expect(counts(db)).toEqual(before);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      const receipt = await submit();
      expect(receipt.created).toBe(true);
      expect((await submit()).reference).toBe(receipt.reference);
      expect(counts(db).cases).toBe((before.cases ?? 0) + 1);
    });
  });

  describe('over HTTP, Slack and Teams', () => {
    const slack = new FakeSlackApi();
    const connector = new FakeBotConnector();
    let bot: RunningServer & { base: string };
    let serviceUrl = '';
    let cookie = '';
    const db = () => sqliteOf(bot.built.workflows);

    beforeAll(async () => {
      const api = await slack.start();
      serviceUrl = await connector.start();
      bot = await startTestServer({ COUNCIL: 'london-councils', WEB_DEV_SIGN_IN: 'true', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api, TEAMS_LOCAL: 'true' });
      bot.jobs.stop();
      const signIn = await fetch(`${bot.base}/api/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withCsrf() },
        body: JSON.stringify({ council: 'london-councils', personId: 'lc-member' }),
      });
      cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    }, 30_000);
    afterAll(async () => {
      await bot.stop();
      await slack.stop();
      await connector.stop();
    });

    const post = (path: string, body: unknown) => fetch(`${bot.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...withCsrf(cookie) }, body: JSON.stringify(body) });
    const complaintBody = (key: string) => ({ idempotencyKey: key, about: 'lc-officer-2', description: LONG });
    const briefingBody = (key: string) => ({
      idempotencyKey: key,
      group: 'Labour',
      subject: 'The grants round for community groups',
      format: 'attendance',
      meetingDate: '2027-01-26',
      nonCouncillorsPresent: false,
      department: 'Services',
    });

    it('answers 503 with a polite storage_unavailable, keeps nothing, still answers questions, and recovers', async () => {
      const before = counts(db());
      fault.apply(db());
      try {
        for (const [path, body] of [
          ['/api/complaints', complaintBody(`web-${fault.name}-c`)],
          ['/api/briefings', briefingBody(`web-${fault.name}-b`)],
        ] as const) {
          const refused = await post(path, body);
          expect(refused.status).toBe(503);
          const json = (await refused.json()) as { error: { code: string; message: string; details?: unknown } };
          expect(json.error.code).toBe('storage_unavailable');
          expect(json.error.details).toBeUndefined();
          expect(json.error.message).toMatch(/cannot take this just now.*try again later/i);
          expect(json.error.message).not.toMatch(/SQLITE/);
        }
        const answer = await post('/api/ask', { question: 'who do I complain to about the chief executive?' });
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { text: string }).text.length).toBeGreaterThan(20);
        // Readiness really writes, and sees a file that cannot grow as full: a load balancer stops sending cases here.
        const ready = await fetch(`${bot.base}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({ status: 'not ready', reason: fault.reason, database: expect.stringMatching(/^not writable/) });

        // Slack: the event id cannot be recorded, the question is answered all the same.
        const event = eventCallback(`Ev-${fault.name}`, {
          type: 'message',
          channel_type: 'im',
          channel: 'D-FAULT',
          user: 'ULCMEM',
          text: 'can I copy a councillor email to another group?',
          ts: '1700000000.000200',
        });
        expect((await postSlack(bot.base, event, JSON_TYPE)).status).toBe(200);
        await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-FAULT');

        // Teams: the conversation reference cannot be stored, the question is answered all the same.
        const conversation = `conv-fault-${fault.name}`;
        expect(
          (
            await fetch(`${bot.base}/api/messages`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(teamsMessage(serviceUrl, { id: '29:m', aadObjectId: 'aad-lc-member' }, conversation, 'can I copy a councillor email to another group?')),
            })
          ).status,
        ).toBe(200);
        const reply = await connector.waitFor((a) => a.conversationId === conversation);
        expect(reply.activity.text ?? JSON.stringify(reply.activity.attachments)).not.toMatch(/went wrong/);
      } finally {
        fault.clear(db());
      }
      expect(counts(db())).toEqual(before);
      expect(db().pragma('integrity_check', { simple: true })).toBe('ok');
      expect((await fetch(`${bot.base}/readyz`)).status).toBe(200);
      expect((await post('/api/complaints', complaintBody(`web-${fault.name}-c`))).status).toBe(201);
      expect((await post('/api/complaints', complaintBody(`web-${fault.name}-c`))).status).toBe(200);
    });
  });
});
