import { createLogger } from '../../src/app/create-logger';
import { sqliteOf } from '../support/sqlite-of';
import type { RunningServer } from '../../src/app/start-server';
import type { OutboxRecord } from '../../src/storage/case-store';
import { dispatchOutbox } from '../../src/workflows/outbox-dispatcher';
import { FakeBotConnector, teamsMessage } from '../support/fake-bot-connector';
import { FakeSlackApi } from '../support/fake-slack-api';
import { SIGNING_SECRET } from '../support/slack-requests';
import { startTestServer } from '../support/test-server';
import { ManualClock } from '../support/workflow-harness';

// Cllr Jo Member and Fin Services (director, Services) at London Councils are reachable on Slack and on Teams,
// so each of their notifications goes out twice, once per channel: the case for "sent to one channel, failed on
// the other, retried" that must not send the first one again.
const MEMBER = { id: '29:member', aadObjectId: 'aad-lc-member' };
const DIRECTOR = { id: '29:director', aadObjectId: 'aad-lc-ds' };
const silent = createLogger('silent');

describe('Slack Web API or Bot Connector failing (429, 5xx)', () => {
  const slack = new FakeSlackApi();
  const connector = new FakeBotConnector();
  let bot: RunningServer & { base: string };
  let serviceUrl = '';
  let complaintCount = 0;

  beforeAll(async () => {
    const api = await slack.start();
    serviceUrl = await connector.start();
    bot = await startTestServer({ COUNCIL: 'london-councils', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: api, TEAMS_LOCAL: 'true' });
    bot.jobs.stop();
    // Both have talked to the bot on Teams, so it holds conversation references to reach them proactively.
    for (const [who, conversation] of [
      [MEMBER, 'conv-member'],
      [DIRECTOR, 'conv-director'],
    ] as const) {
      await fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage(serviceUrl, who, conversation, 'hello')) });
      await connector.waitFor((a) => a.conversationId === conversation);
    }
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await connector.stop();
  });

  const store = () => bot.built.workflows.deps.store;
  const outboxFor = (reference: string) =>
    sqliteOf(bot.built.workflows)
      .prepare('SELECT id, sent_at AS sentAt, attempts, next_attempt_at AS nextAttemptAt, delivered_via AS deliveredVia, kind FROM outbox WHERE reference = ?')
      .all(reference) as Array<Pick<OutboxRecord, 'id' | 'sentAt' | 'attempts' | 'nextAttemptAt' | 'deliveredVia' | 'kind'>>;

  /** Opens a complaint by the member about a Services officer: notices to the director, the member and HR. */
  const openComplaint = async (): Promise<string> => {
    complaintCount += 1;
    return (
      await bot.built.bot.complaints.open({
        idempotencyKey: `outage-${complaintCount}`,
        council: 'london-councils',
        complainant: { personId: 'lc-member', role: 'member' },
        subject: { personId: 'lc-officer-2' },
        description: 'An officer in Services has not replied to five emails about the grants round.',
      })
    ).reference;
  };
  const slackPostsAbout = (reference: string) => slack.of('chat.postMessage').filter((c) => String(c.args.text).includes(reference));
  const teamsPostsAbout = (reference: string) => connector.sent.filter((a) => (a.activity.text ?? '').includes(reference));

  it('waits out a Slack 429 for the Retry-After it gave, stops the pass, and then sends each message once', async () => {
    const reference = await openComplaint();
    const clock = new ManualClock(new Date());
    const start = clock.now().getTime();
    slack.failNext('chat.postMessage', 1, 429, 120);
    const attemptsBefore = slack.attempts.get('chat.postMessage') ?? 0;

    const first = await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    expect(first.failed).toBe(1);
    // One try only: the SDK's own wait-and-retry is off, so the dispatcher is not stuck for the Retry-After.
    expect((slack.attempts.get('chat.postMessage') ?? 0) - attemptsBefore).toBe(1);
    const rows = outboxFor(reference);
    const refused = rows.find((r) => r.attempts === 1);
    expect(refused).toBeDefined();
    expect(new Date(refused?.nextAttemptAt ?? 0).getTime()).toBeGreaterThanOrEqual(start + 120_000);
    // The pass stopped at the rate limit: the others were not tried yet.
    expect(rows.filter((r) => r.attempts === 0).length).toBe(rows.length - 1);

    clock.set(new Date(start + 60_000).toISOString());
    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    expect(outboxFor(reference).filter((r) => r.sentAt === null)).toHaveLength(1);

    clock.set(new Date(start + 121_000).toISOString());
    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    expect(outboxFor(reference).filter((r) => r.sentAt === null)).toEqual([]);
    expectEachOnce(reference);
  });

  it('retries a Slack 5xx with backoff (30 s, then 1 min) and never resends what Teams already took', async () => {
    const reference = await openComplaint();
    const clock = new ManualClock(new Date());
    const start = clock.now().getTime();
    slack.failNext('chat.postMessage', 2, 503);

    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    let refused = outboxFor(reference).find((r) => r.attempts === 1);
    expect(new Date(refused?.nextAttemptAt ?? 0).getTime()).toBe(start + 30_000);
    // Teams took it; Slack did not. The row remembers Teams, so the retry goes to Slack only.
    expect(refused?.deliveredVia).toBe('teams');
    expect(refused?.sentAt).toBeNull();

    clock.set(new Date(start + 31_000).toISOString());
    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    refused = outboxFor(reference).find((r) => r.id === refused?.id);
    expect(refused?.attempts).toBe(2);
    expect(new Date(refused?.nextAttemptAt ?? 0).getTime()).toBe(start + 31_000 + 60_000);

    clock.set(new Date(start + 92_000).toISOString());
    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    expect(outboxFor(reference).filter((r) => r.sentAt === null)).toEqual([]);
    expectEachOnce(reference);
  });

  it('takes a Bot Connector 5xx into the outbox at once (no SDK retries), and resends to Teams only', async () => {
    const reference = await openComplaint();
    const clock = new ManualClock(new Date());
    const start = clock.now().getTime();
    connector.failNext(1, 500);
    const attemptsBefore = connector.attempts;

    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    const refused = outboxFor(reference).find((r) => r.attempts === 1);
    // One try, refused, not retried inside the SDK, and the pass stopped there: the outbox owns the retry.
    expect(connector.attempts - attemptsBefore).toBe(1);
    expect(refused?.deliveredVia).toBe('slack');
    expect(new Date(refused?.nextAttemptAt ?? 0).getTime()).toBe(start + 30_000);

    clock.set(new Date(start + 31_000).toISOString());
    await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    expect(outboxFor(reference).filter((r) => r.sentAt === null)).toEqual([]);
    expectEachOnce(reference);
  });

  it('keeps notifications in the outbox through an hours-long Slack outage and delivers each once afterwards', async () => {
    const reference = await openComplaint();
    const clock = new ManualClock(new Date());
    const start = clock.now().getTime();
    slack.failNext('chat.postMessage', 1000, 500);
    for (let hour = 0; hour < 6; hour += 1) {
      clock.set(new Date(start + hour * 60 * 60_000).toISOString());
      await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    }
    expect(outboxFor(reference).filter((r) => r.sentAt === null)).toHaveLength(2);
    expect(slackPostsAbout(reference)).toEqual([]);

    slack.failNext('chat.postMessage', 0, 500);
    for (const hour of [24, 25, 26]) {
      clock.set(new Date(start + hour * 60 * 60_000).toISOString());
      await dispatchOutbox(store(), bot.channels.notifier, () => clock.now(), silent);
    }
    expect(outboxFor(reference).filter((r) => r.sentAt === null)).toEqual([]);
    expectEachOnce(reference);
  });

  /**
   * The director got one Slack DM and one Teams message about the case, HR one Slack post; the member's receipt
   * is the submission's own answer, not a notification.
   */
  function expectEachOnce(reference: string): void {
    const slackTo = slackPostsAbout(reference)
      .map((c) => String(c.args.channel))
      .sort();
    expect(slackTo).toEqual(['C0HRLC', 'ULCDS'].sort());
    const teamsTo = teamsPostsAbout(reference)
      .map((a) => a.conversationId)
      .sort();
    expect(teamsTo).toEqual(['conv-director']);
  }
});
