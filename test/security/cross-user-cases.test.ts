import type { RunningServer } from '../../src/app/start-server';
import { devSessionCookie } from '../../src/channels/web/dev-session';
import { runEtiquette } from '../support/cli-harness';
import { FakeBotConnector, teamsMessage } from '../support/fake-bot-connector';
import { FakeSlackApi } from '../support/fake-slack-api';
import { FORM, interaction, postSlack, SIGNING_SECRET } from '../support/slack-requests';
import { tempDataDir } from '../support/temp-data-dir';
import { startTestServer } from '../support/test-server';
import { withCsrf } from '../support/web-csrf';

// lc-member (Slack ULCMEM, Teams aad-lc-member) complains about an officer in Services; the director of Services
// (lc-director-services) handles it. lc-group-leader (Slack ULCGL) and a Teams stranger are no party to it.
const SECRET_WORDS = 'pomegranate-umbrella';
const cookieOf = (personId: string) => devSessionCookie({ council: 'london-councils', personId }).split(';')[0] ?? '';

describe("one person reaching for another person's case, on every channel", () => {
  const slack = new FakeSlackApi();
  const connector = new FakeBotConnector();
  let bot: RunningServer & { base: string };
  let serviceUrl = '';
  let complaint = '';
  let briefing = '';
  let teamsComplaint = '';
  const dataDir = tempDataDir();

  const audit = (reference: string) => bot.built.workflows.deps.store.listAudit(reference);
  const refused = async (reference: string, actor: string, action: string) => (await audit(reference)).some((a) => a.actor === actor && a.action === action);

  beforeAll(async () => {
    const api = await slack.start();
    serviceUrl = await connector.start();
    bot = await startTestServer({
      DATA_DIR: dataDir,
      COUNCIL: 'london-councils',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: api,
      TEAMS_LOCAL: 'true',
      WEB_DEV_SIGN_IN: 'true',
    });
    complaint = (
      await bot.built.bot.openComplaint({
        idempotencyKey: 'cross-user-complaint-1',
        council: 'london-councils',
        complainant: { personId: 'lc-member', role: 'member' },
        subject: { personId: 'lc-officer-2' },
        description: `The officer shared my ${SECRET_WORDS} casework with another party.`,
      })
    ).reference;
    teamsComplaint = (
      await bot.built.bot.openComplaint({
        idempotencyKey: 'teams-form-777',
        council: 'london-councils',
        complainant: { personId: 'lc-member', role: 'member' },
        subject: { personId: 'lc-officer-2' },
        description: `A second ${SECRET_WORDS} complaint, from the Teams form.`,
      })
    ).reference;
    briefing = (
      await bot.built.bot.requestBriefing({
        idempotencyKey: 'cross-user-briefing-1',
        council: 'london-councils',
        requester: { personId: 'lc-member' },
        group: 'Labour',
        subject: `Budget ${SECRET_WORDS}`,
        format: 'attendance',
        meetingDate: '2031-05-04',
        nonCouncillorsPresent: false,
      })
    ).reference;
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await connector.stop();
  });

  describe('Slack buttons and forms', () => {
    const press = (user: string, actionId: string, reference: string) =>
      postSlack(
        bot.base,
        interaction({ type: 'block_actions', user: { id: user }, trigger_id: 't', actions: [{ action_id: actionId, value: reference, type: 'button', block_id: 'b', action_ts: '1' }] }),
        FORM,
      );
    const dmTo = (user: string, pattern: RegExp) => slack.waitFor('chat.postMessage', (c) => c.args.channel === user && pattern.test(String(c.args.text)));

    it('refuses "Open the case" on a complaint and a briefing, says so privately, reveals nothing and audits both', async () => {
      await press('ULCGL', 'case_view', complaint);
      await press('ULCGL', 'case_view', briefing);
      const first = await dmTo('ULCGL', new RegExp(`Not done: .*${complaint}`));
      const second = await dmTo('ULCGL', new RegExp(`Not done: .*${briefing}`));
      expect(`${first.args.text} ${second.args.text}`).not.toContain(SECRET_WORDS);
      expect(await refused(complaint, 'lc-group-leader', 'refused:read')).toBe(true);
      expect(await refused(briefing, 'lc-group-leader', 'refused:read')).toBe(true);
    });

    it('refuses closing or withdrawing the case and leaves it as it was, audited', async () => {
      await press('ULCGL', 'case_close', complaint);
      await press('ULCGL', 'case_withdraw', complaint);
      await dmTo('ULCGL', /Not done: .*not a party/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await bot.built.workflows.deps.store.getCase(complaint))?.state).toBe('submitted');
      expect(await refused(complaint, 'lc-group-leader', 'refused:close')).toBe(true);
      expect(await refused(complaint, 'lc-group-leader', 'refused:withdraw')).toBe(true);
    });

    it('refuses a message or an outcome submitted on the case through a forged modal, with a field error, audited', async () => {
      const submit = (action: string) =>
        postSlack(
          bot.base,
          interaction({
            type: 'view_submission',
            user: { id: 'ULCGL' },
            view: {
              id: `V-${action}`,
              callback_id: 'case_action_modal',
              private_metadata: JSON.stringify({ reference: complaint, action }),
              state: { values: { text: { value: { type: 'plain_text_input', value: 'Case closed, nothing found.' } } } },
            },
          }),
          FORM,
        );
      for (const action of ['reply', 'record-outcome']) {
        const response = await submit(action);
        expect(await response.json()).toEqual({ response_action: 'errors', errors: { text: expect.stringMatching(/not a party/) } });
      }
      expect(await refused(complaint, 'lc-group-leader', 'refused:reply')).toBe(true);
      expect(await refused(complaint, 'lc-group-leader', 'refused:record-outcome')).toBe(true);
      expect(await bot.built.workflows.deps.store.listMessages(complaint)).toEqual([]);
    });
  });

  describe('Teams card actions', () => {
    const STRANGER = { id: '29:stranger', aadObjectId: 'aad-stranger' };
    const act = async (conversation: string, value: Record<string, unknown>) => {
      const response = await fetch(`${bot.base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(teamsMessage(serviceUrl, STRANGER, conversation, '', value)),
      });
      expect(response.status).toBe(200);
      return connector.waitFor((a) => a.conversationId === conversation);
    };

    it('refuses viewing, replying to and acknowledging the case from someone who is no party, audited each time', async () => {
      const view = await act('conv-stranger-1', { action: 'case', caseAction: 'view', reference: complaint });
      const reply = await act('conv-stranger-2', { action: 'case', caseAction: 'reply', reference: complaint, text: 'I know what you did.' });
      const ack = await act('conv-stranger-3', { action: 'case', caseAction: 'acknowledge', reference: complaint });
      for (const sent of [view, reply, ack]) {
        expect(sent.activity.text).toMatch(/^Not done: you are not a party/);
        expect(sent.activity.text).not.toContain(SECRET_WORDS);
      }
      for (const action of ['refused:read', 'refused:reply', 'refused:acknowledge']) expect(await refused(complaint, 'teams:aad-stranger', action)).toBe(true);
      expect((await bot.built.workflows.deps.store.getCase(complaint))?.state).toBe('submitted');
    });

    it("refuses a complaint form that reuses another person's submission id instead of handing over their receipt", async () => {
      const sent = await act('conv-stranger-4', { action: 'submit-complaint', formId: '777', about: 'lc-officer-2', description: 'Whatever I write here, I want the receipt.' });
      expect(sent.activity.text).toMatch(/^Not done: that submission id is already in use/);
      expect(sent.activity.text).not.toContain(teamsComplaint);
      expect(await refused(teamsComplaint, 'teams:aad-stranger', 'refused:open')).toBe(true);
      expect(await bot.built.workflows.deps.store.listCases({ kind: 'complaint' })).toHaveLength(2);
    });
  });

  describe('the web API', () => {
    it("lists only the signed-in person's own cases", async () => {
      const other = (await (await fetch(`${bot.base}/api/cases`, { headers: { cookie: cookieOf('lc-group-leader') } })).json()) as { cases: Array<{ reference: string }> };
      expect(other.cases.map((c) => c.reference)).not.toContain(complaint);
      const own = (await (await fetch(`${bot.base}/api/cases`, { headers: { cookie: cookieOf('lc-member') } })).json()) as { cases: Array<{ reference: string }> };
      expect(own.cases.map((c) => c.reference)).toContain(complaint);
    });

    it("refuses a complaint or briefing that reuses another person's idempotency key: 403, no reference or handler given away, audited", async () => {
      const complaintTry = await fetch(`${bot.base}/api/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withCsrf(cookieOf('lc-group-leader')) },
        body: JSON.stringify({ idempotencyKey: 'cross-user-complaint-1', about: 'lc-officer-2', description: 'Anything at all, to see what comes back.' }),
      });
      expect(complaintTry.status).toBe(403);
      const complaintBody = await complaintTry.text();
      expect(complaintBody).not.toContain(complaint);
      expect(complaintBody).not.toMatch(/Fin Services|director/i);
      expect(await refused(complaint, 'lc-group-leader', 'refused:open')).toBe(true);

      const briefingTry = await fetch(`${bot.base}/api/briefings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withCsrf(cookieOf('lc-group-leader')) },
        body: JSON.stringify({ idempotencyKey: 'cross-user-briefing-1', group: 'Conservative', subject: 'Anything', format: 'attendance', meetingDate: '2031-05-04' }),
      });
      expect(briefingTry.status).toBe(403);
      expect(await briefingTry.text()).not.toContain(briefing);
      expect(await refused(briefing, 'lc-group-leader', 'refused:request')).toBe(true);
    });

    it('still lets the owner repeat their own submission and get their receipt back, but not with other words', async () => {
      const again = await fetch(`${bot.base}/api/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withCsrf(cookieOf('lc-member')) },
        body: JSON.stringify({ idempotencyKey: 'cross-user-complaint-1', about: 'lc-officer-2', description: `The officer shared my ${SECRET_WORDS} casework with another party.` }),
      });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { reference: string }).reference).toBe(complaint);
      // The same key with other words is refused and files nothing: the new words are not lost into the old case.
      const changed = await fetch(`${bot.base}/api/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withCsrf(cookieOf('lc-member')) },
        body: JSON.stringify({ idempotencyKey: 'cross-user-complaint-1', about: 'lc-officer-2', description: 'A different complaint, written later.' }),
      });
      expect(changed.status).toBe(409);
      expect(((await changed.json()) as { error: { code: string; message: string } }).error).toEqual(
        expect.objectContaining({ code: 'idempotency_conflict', message: expect.stringContaining('open a new form') }),
      );
    });
  });

  describe('the command line', () => {
    it('refuses `cases export` as anyone but the complainant, the handler included, printing nothing of the case, audited', async () => {
      const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir };
      for (const person of ['lc-group-leader', 'lc-director-services']) {
        const run = await runEtiquette(['cases', 'export', complaint, '--as', person], env);
        expect(run.code).not.toBe(0);
        expect(run.stderr).toMatch(/only the complainant can export/);
        expect(run.stdout).toBe('');
        expect(await refused(complaint, person, 'refused:export')).toBe(true);
      }
      const own = await runEtiquette(['cases', 'export', complaint, '--as', 'lc-member'], env);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain(SECRET_WORDS);
    });
  });
});
