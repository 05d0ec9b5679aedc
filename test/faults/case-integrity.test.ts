import { inTurn } from '../support/in-turn';
import { sqliteOf } from '../support/sqlite-of';
import { createLogger } from '../../src/app/create-logger';
import { startServer } from '../../src/app/start-server';
import { startBackgroundJobs } from '../../src/app/background-jobs';
import { loadSettings } from '../../src/config/load-settings';
import { SqliteChannelStore } from '../../src/storage/sqlite/sqlite-channel-store';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import type { Notification, Notifier, Recipient } from '../../src/workflows/notifications';
import { dispatchOutbox } from '../../src/workflows/outbox-dispatcher';
import { FakeBotConnector, teamsMessage } from '../support/fake-bot-connector';
import { FakeSlackApi } from '../support/fake-slack-api';
import { eventCallback, JSON_TYPE, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';
import { tempDataDir } from '../support/temp-data-dir';
import { queuedIn, queuedNotifications } from '../support/queued-notifications';
import { ManualClock, workflowHarness } from '../support/workflow-harness';

const KEY_A = 'a3f19c0b7e2d4a6f8c1b3e5d7f9a0c2e4b6d8f1a3c5e7b9d0f2a4c6e8b1d3f5a';
const KEY_B = '5e8b1d3f6a9c2e4b7d0f3a5c8e1b4d6f9a2c5e7b0d3f6a8c1e4b7d9f2a5c8e0b';
const quiet = createLogger('silent');

/** Opens `count` complaints at London Councils about the Services officer, each with its notices queued. */
async function openSome(service: ComplaintService, count: number, prefix: string): Promise<string[]> {
  return inTurn(
    Array.from({ length: count }, (_, i) => i),
    async (i) =>
      (
        await service.open({
          idempotencyKey: `${prefix}-${i}-key`,
          council: 'london-councils',
          complainant: { personId: 'lc-member', role: 'member' },
          subject: { personId: 'lc-officer-2' },
          description: `Complaint ${i}: the officer did not answer my emails.`,
        })
      ).reference,
  );
}

describe('one bad case never stops the others', () => {
  it('a case whose stored data cannot be read is reported by reference and skipped; every other notification goes out', async () => {
    const harness = workflowHarness('2026-08-27T10:00:00Z');
    const { deps, db, clock, logLines } = harness;
    const complaints = new ComplaintService(deps);
    const references = await openSome(complaints, 4, 'bad-row');
    const broken = references[1] as string;
    db.prepare('UPDATE cases SET route_json = ?, content_enc = ? WHERE reference = ?').run('{not json', 'v2.garbage', broken);
    const delivered: Array<{ to: Recipient; n: Notification }> = [];
    const notifier: Notifier = { deliver: async (to, n) => void delivered.push({ to, n }) };
    const jobs = startBackgroundJobs({ deps, channelStore: new SqliteChannelStore(db) }, notifier, deps.logger, { caseDays: 730, unansweredDays: 90 }, 3_600_000);
    clock.set('2026-09-08T09:00:00Z');
    await jobs.runOnce();
    jobs.stop();
    // 4 cases x (handler + HR) when opened, then an overdue notice to handler, complainant and HR for each of the 3 readable cases.
    expect(delivered.filter((d) => d.n.kind === 'case-assigned')).toHaveLength(4);
    expect(
      delivered
        .filter((d) => d.n.kind === 'deadline-overdue')
        .map((d) => d.n.reference)
        .sort(),
    ).toEqual(
      references
        .filter((r) => r !== broken)
        .flatMap((r) => [r, r])
        .sort(),
    );
    expect(await queuedNotifications(deps.store)).toEqual([]);
    const logs = logLines.join('');
    expect(logs).toContain(broken);
    expect(logs).toMatch(/carrying on with the others/);
    await expect(complaints.view(broken, 'lc-director-services')).rejects.toThrow(expect.objectContaining({ code: 'case_unreadable', message: expect.stringContaining(broken) }));
  });

  it("content moved from one case to another opens for neither: no handler is shown someone else's complaint", async () => {
    const { deps, db } = workflowHarness();
    const complaints = new ComplaintService(deps);
    const [first, second] = (await openSome(complaints, 2, 'swap')) as [string, string];
    const enc = (reference: string) => (db.prepare('SELECT content_enc AS c FROM cases WHERE reference = ?').get(reference) as { c: string }).c;
    const [a, b] = [enc(first), enc(second)];
    db.prepare('UPDATE cases SET content_enc = ? WHERE reference = ?').run(b, first);
    db.prepare('UPDATE cases SET content_enc = ? WHERE reference = ?').run(a, second);
    await expect(complaints.view(first, 'lc-director-services')).rejects.toThrow(expect.objectContaining({ code: 'case_unreadable' }));
    await expect(complaints.view(second, 'lc-director-services')).rejects.toThrow(expect.objectContaining({ code: 'case_unreadable' }));
  });
});

describe('the content key', () => {
  it('refuses a restart with a different COMPLAINT_KEY, naming the setting, and starts again with the right one', async () => {
    const dataDir = tempDataDir();
    const env = { NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' } as const;
    const first = await startServer(loadSettings({ ...env, COMPLAINT_KEY: KEY_A }), quiet);
    first.jobs.stop();
    await openSome(first.built.bot.complaints, 1, 'key');
    await first.stop();
    await expect(startServer(loadSettings({ ...env, COMPLAINT_KEY: KEY_B }), quiet)).rejects.toThrow(/COMPLAINT_KEY is not the key this database was created with/);
    const again = await startServer(loadSettings({ ...env, COMPLAINT_KEY: KEY_A }), quiet);
    expect(await again.built.workflows.deps.store.listCases()).toHaveLength(1);
    await again.stop();
  });

  it('refuses a weak key (64 zeros, a repeated pattern) before anything starts', async () => {
    expect(() => loadSettings({ NODE_ENV: 'test', COMPLAINT_KEY: '0'.repeat(64) })).toThrow(/COMPLAINT_KEY: is too regular to be a random key/);
    expect(() => loadSettings({ NODE_ENV: 'test', COMPLAINT_KEY: '0123456789abcdef'.repeat(4) })).toThrow(/COMPLAINT_KEY/);
  });
});

describe('Slack answering after the client has given up', () => {
  const slack = new FakeSlackApi();
  let bot: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    const api = await slack.start();
    bot = await startTestServer({ COUNCIL: 'london-councils', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api, SLACK_CALL_TIMEOUT_MS: '300' });
    bot.jobs.stop();
    await bot.jobs.runOnce();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
  });

  it('delivers each notification once: the retry finds the message Slack did post, by its outbox id, and does not post again', async () => {
    const [reference] = await openSome(bot.built.bot.complaints, 1, 'late-slack');
    // A moment after the notices were queued, so they are due.
    const clock = new ManualClock(new Date(Date.now() + 1_000));
    slack.delayNext('chat.postMessage', 10, 1_000);
    const store = bot.built.workflows.deps.store;
    const first = await dispatchOutbox(store, bot.channels.notifier, () => clock.now(), quiet);
    expect(first.failed).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    clock.set(new Date(Date.now() + 2 * 60 * 60 * 1000).toISOString());
    for (let pass = 0; pass < 3; pass += 1) await dispatchOutbox(store, bot.channels.notifier, () => clock.now(), quiet);
    expect((await queuedIn(sqliteOf(bot.built.workflows))).filter((row) => row.reference === reference)).toEqual([]);
    const posts = slack.of('chat.postMessage').filter((c) => String(c.args.text).includes(reference as string));
    const byChannel = posts.map((c) => String(c.args.channel)).sort();
    expect(byChannel).toEqual(['C0HRLC', 'ULCDS']);
    expect(slack.of('conversations.history').length).toBeGreaterThan(0);
  }, 20_000);
});

describe('a crash between a Slack event and its answer', () => {
  it('answers the retry that Slack sends after the restart, once', async () => {
    const slack = new FakeSlackApi();
    const api = await slack.start();
    const dataDir = tempDataDir();
    const env = {
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      COUNCIL: 'london-councils',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api,
    } as const;
    const event = eventCallback('Ev-crash-1', {
      type: 'message',
      channel_type: 'im',
      channel: 'D-ULCMEM',
      user: 'ULCMEM',
      text: 'can I forward a councillor email to another group?',
      ts: '1700000000.000200',
    });
    const first = await startServer(loadSettings(env), quiet);
    first.jobs.stop();
    // The answer's post never reaches Slack: the process "dies" with it in flight.
    slack.hangNext('chat.postMessage', 1);
    expect((await postSlack(`http://127.0.0.1:${first.port}`, event, JSON_TYPE)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.server.closeAllConnections();
    await first.stop();
    expect(slack.of('chat.postMessage')).toEqual([]);

    const second = await startServer(loadSettings(env), quiet);
    second.jobs.stop();
    const base = `http://127.0.0.1:${second.port}`;
    expect((await postSlack(base, event, JSON_TYPE)).status).toBe(200);
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-ULCMEM');
    // A further retry of the answered event is dropped.
    expect((await postSlack(base, event, JSON_TYPE)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.of('chat.postMessage').filter((c) => c.args.channel === 'D-ULCMEM')).toHaveLength(1);
    await second.stop();
    await slack.stop();
  }, 30_000);
});

describe('a Teams complaint card sent again with new words', () => {
  it('files the first, refuses the second with its reference and says to open a new form, losing nothing silently', async () => {
    const connector = new FakeBotConnector();
    const serviceUrl = await connector.start();
    const bot = await startTestServer({ COUNCIL: 'london-councils', TEAMS_LOCAL: 'true' });
    bot.jobs.stop();
    const member = { id: '29:member', aadObjectId: 'aad-lc-member' };
    const submit = async (description: string, id: string) => {
      const activity = { ...teamsMessage(serviceUrl, member, 'conv-member', '', { action: 'submit-complaint', formId: 'card-1', about: 'lc-officer-2', description }), id };
      await fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      return connector.waitFor((a) => a.replyToId === id);
    };
    const firstReply = await submit('The officer did not reply to my emails about the grants round.', 'act-1');
    expect(firstReply.activity.text).toMatch(/^Received: your complaint is reference C-/);
    const reference = /C-[A-Z0-9]+/.exec(firstReply.activity.text ?? '')?.[0] ?? '';
    const secondReply = await submit('Another matter entirely: the officer was rude at the meeting.', 'act-2');
    expect(secondReply.activity.text).toMatch(/^Not done: that form was already sent as/);
    expect(secondReply.activity.text).toContain(reference);
    expect(secondReply.activity.text).toMatch(/open a new form/i);
    expect(await bot.built.workflows.deps.store.listCases({ kind: 'complaint' })).toHaveLength(1);
    await bot.stop();
    await connector.stop();
  }, 30_000);
});
