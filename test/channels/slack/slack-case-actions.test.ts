import type { SlackCall } from '../../support/fake-slack-api';
import { caseButtonPress, eventCallback, FORM, interaction, JSON_TYPE, postSlack } from '../../support/slack-requests';
import { useSlackTestServer } from '../../support/slack-test-server';

// London Councils, from the example directory: Cllr Jo Member (ULCMEM) complains about Han Officer (lc-officer-2,
// ULCOF2), whose complaint goes to their director, Fin Services (ULCDS).
const MEMBER = 'ULCMEM';
const DIRECTOR = 'ULCDS';
const SUBJECT = 'ULCOF2';

type Button = { action_id: string; value?: string; style?: string; confirm?: unknown; text: { text: string } };

/** The case buttons of a message's blocks. */
function buttonsOf(call: SlackCall): Button[] {
  const blocks = (call.args.blocks ?? []) as Array<{ type: string; elements?: Button[] }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}
const ids = (call: SlackCall) => buttonsOf(call).map((b) => b.action_id);

describe('Slack: one complaint through every action, each notice updated in place', () => {
  const server = useSlackTestServer('london-councils');
  const { slack } = server;

  const press = (user: string, action: string, reference: string, ts: string) => postSlack(server.bot.base, caseButtonPress(user, action, reference, ts), FORM);
  const submitModal = (user: string, viewId: string, modal: SlackCall, values: Record<string, string>) =>
    postSlack(
      server.bot.base,
      interaction({
        type: 'view_submission',
        user: { id: user },
        view: {
          id: viewId,
          callback_id: 'case_action_modal',
          private_metadata: (modal.args.view as { private_metadata: string }).private_metadata,
          state: { values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value: { type: 'plain_text_input', value } }])) },
        },
      }),
      FORM,
    );
  const modalFor = (ts: string) => slack.waitFor('views.open', (c) => c.args.trigger_id === `t-${ts}`);
  const updateOf = (user: string, ts: string, state: RegExp) => slack.waitFor('chat.update', (c) => c.args.channel === `D-${user}` && c.args.ts === ts && state.test(String(c.args.text)));

  it('offers only the valid buttons with one primary, updates the message after each action, and never reaches the person complained about', async () => {
    const filed = interaction({
      type: 'view_submission',
      user: { id: MEMBER },
      view: {
        id: 'V-every-action-1',
        callback_id: 'complaint_modal',
        private_metadata: '{}',
        state: {
          values: {
            about: { value: { type: 'static_select', selected_option: { value: 'lc-officer-2' } } },
            description: { value: { type: 'plain_text_input', value: 'Han Officer has not answered five emails about the grants round since February.' } },
            outcome: { value: { type: 'plain_text_input', value: 'An answer and a named contact.' } },
          },
        },
      },
    });
    expect((await postSlack(server.bot.base, filed, FORM)).status).toBe(200);
    const receipt = await slack.waitFor('chat.postMessage', (c) => c.args.channel === MEMBER && /Received/.test(String(c.args.text)));
    const reference = /C-[A-Z0-9]{8}/.exec(String(receipt.args.text))?.[0] ?? '';
    await server.bot.jobs.runOnce();

    // The handler's notice: acknowledge is the one primary; nothing that "submitted" would refuse is offered.
    const notice = await slack.waitFor('chat.postMessage', (c) => c.args.channel === DIRECTOR && String(c.args.text).includes(reference));
    expect(ids(notice)).toEqual(expect.arrayContaining(['case_acknowledge', 'case_reply', 'case_view']));
    expect(ids(notice)).not.toEqual(expect.arrayContaining(['case_record-outcome']));
    expect(ids(notice)).not.toContain('case_close');
    expect(
      buttonsOf(notice)
        .filter((b) => b.style === 'primary')
        .map((b) => b.action_id),
    ).toEqual(['case_acknowledge']);
    expect(JSON.stringify(notice.args.blocks)).not.toMatch(/acknowledgeBy|deadlineSource|handlerRole/);

    await press(DIRECTOR, 'acknowledge', reference, '100.1');
    const acknowledged = await updateOf(DIRECTOR, '100.1', /is acknowledged/);
    expect(ids(acknowledged)).not.toContain('case_acknowledge');
    expect(ids(acknowledged)).toEqual(expect.arrayContaining(['case_start-investigation', 'case_record-outcome']));
    expect(buttonsOf(acknowledged).filter((b) => b.style === 'primary')).toHaveLength(1);

    await press(DIRECTOR, 'start-investigation', reference, '100.1');
    await updateOf(DIRECTOR, '100.1', /is investigating/);

    // Asking for more: a modal, then the complainant is told and can answer from their own notice.
    await press(DIRECTOR, 'reply', reference, '100.2');
    const ask = await modalFor('100.2');
    expect((await submitModal(DIRECTOR, 'V-ask-1', ask, { text: 'Please send the dates of the emails.' })).status).toBe(200);
    await server.bot.jobs.runOnce();
    const told = await slack.waitFor('chat.postMessage', (c) => c.args.channel === MEMBER && /New message/.test(String(c.args.text)));
    expect(ids(told)).toEqual(expect.arrayContaining(['case_reply', 'case_withdraw', 'case_escalate', 'case_view', 'case_export']));
    const withdraw = buttonsOf(told).find((b) => b.action_id === 'case_withdraw');
    expect(withdraw?.style).toBe('danger');
    expect(withdraw?.confirm).toBeDefined();
    await press(MEMBER, 'reply', reference, '200.1');
    expect((await submitModal(MEMBER, 'V-answer-1', await modalFor('200.1'), { text: 'They were 3, 10 and 17 February.' })).status).toBe(200);

    // The outcome with private notes; Close is then offered, behind Slack's confirmation.
    await press(DIRECTOR, 'record-outcome', reference, '100.3');
    const outcomeModal = await modalFor('100.3');
    expect(JSON.stringify(outcomeModal.args.view)).toMatch(/Private notes/);
    expect(
      (await submitModal(DIRECTOR, 'V-outcome-1', outcomeModal, { text: 'Han will answer by Friday; Fin is now your contact.', notes: 'Workload in the grants team; discussed at one-to-one.' }))
        .status,
    ).toBe(200);
    const recorded = await updateOf(DIRECTOR, '100.3', /outcome recorded/);
    const close = buttonsOf(recorded).find((b) => b.action_id === 'case_close');
    expect(close?.confirm).toEqual(expect.objectContaining({ title: expect.objectContaining({ text: 'Close the case?' }) }));

    // The complainant reads the whole case: the outcome and the thread, never the handler's private notes.
    await press(MEMBER, 'view', reference, '200.2');
    const whole = await slack.waitFor('chat.postMessage', (c) => c.args.channel === MEMBER && JSON.stringify(c.args.blocks ?? '').includes('Han will answer by Friday'));
    expect(JSON.stringify(whole.args.blocks)).toMatch(/They were 3, 10 and 17 February/);
    expect(JSON.stringify(whole.args.blocks)).not.toMatch(/Workload in the grants team/);

    // The handler's view has who complained, about whom, the outcome wanted and the history.
    await press(DIRECTOR, 'view', reference, '100.4');
    const handlerView = await slack.waitFor('chat.postMessage', (c) => c.args.channel === DIRECTOR && JSON.stringify(c.args.blocks ?? '').includes('Private notes'));
    expect(JSON.stringify(handlerView.args.blocks)).toMatch(/Cllr Jo Member/);
    expect(JSON.stringify(handlerView.args.blocks)).toMatch(/Han Officer/);
    expect(JSON.stringify(handlerView.args.blocks)).toMatch(/An answer and a named contact/);
    expect(JSON.stringify(handlerView.args.blocks)).toMatch(/acknowledged \(you\)/);

    await press(DIRECTOR, 'close', reference, '100.3');
    const closed = await updateOf(DIRECTOR, '100.3', /is closed/);
    expect(ids(closed)).not.toContain('case_close');
    expect((await server.bot.built.workflows.deps.store.getCase(reference))?.state).toBe('closed');

    await server.bot.jobs.runOnce();
    // One receipt for the one submission, and nothing at all to the person the complaint is about.
    expect(slack.of('chat.postMessage').filter((c) => c.args.channel === MEMBER && /Received/.test(String(c.args.text)))).toHaveLength(1);
    expect(slack.calls.filter((c) => c.args.channel === SUBJECT || c.args.channel === `D-${SUBJECT}` || c.args.user_id === SUBJECT)).toEqual([]);
  }, 30_000);

  it('answers a stale button with the reason and replaces it with the case as it now is', async () => {
    const filed = interaction({
      type: 'view_submission',
      user: { id: MEMBER },
      view: {
        id: 'V-stale-1',
        callback_id: 'complaint_modal',
        private_metadata: '{}',
        state: {
          values: {
            about: { value: { type: 'static_select', selected_option: { value: 'lc-officer-2' } } },
            description: { value: { type: 'plain_text_input', value: 'A second matter: the officer cancelled our ward meeting twice without notice.' } },
          },
        },
      },
    });
    const before = new Set((await server.bot.built.workflows.deps.store.listCases({ kind: 'complaint' })).map((c) => c.reference));
    await postSlack(server.bot.base, filed, FORM);
    const isNew = (c: SlackCall) => c.args.channel === MEMBER && /Received/.test(String(c.args.text)) && ![...before].some((r) => String(c.args.text).includes(r));
    const receipt = await slack.waitFor('chat.postMessage', isNew);
    const reference = /C-[A-Z0-9]{8}/.exec(String(receipt.args.text))?.[0] ?? '';
    await press(DIRECTOR, 'acknowledge', reference, '300.1');
    await updateOf(DIRECTOR, '300.1', /is acknowledged/);
    // The same notice pressed again (another copy of it, never refreshed): refused, and that copy refreshed too.
    await press(DIRECTOR, 'acknowledge', reference, '300.2');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === DIRECTOR && /Not done: cannot acknowledge a case that is acknowledged/.test(String(c.args.text)));
    const refreshed = await updateOf(DIRECTOR, '300.2', /is acknowledged/);
    expect(ids(refreshed)).not.toContain('case_acknowledge');
    // An action name no button has is not passed to the workflow.
    await press(DIRECTOR, 'explode', reference, '300.3');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === DIRECTOR && /did not recognise that button/.test(String(c.args.text)));
    expect((await server.bot.built.workflows.deps.store.listAudit(reference)).some((a) => /TypeError/.test(a.detail))).toBe(false);
  }, 30_000);

  it('lets the complainant ask for the next level the protocol gives, and withdraw another case, each behind a confirmation', async () => {
    const file = async (viewId: string, words: string) => {
      const before = new Set((await server.bot.built.workflows.deps.store.listCases({ kind: 'complaint' })).map((c) => c.reference));
      const filed = interaction({
        type: 'view_submission',
        user: { id: MEMBER },
        view: {
          id: viewId,
          callback_id: 'complaint_modal',
          private_metadata: '{}',
          state: { values: { about: { value: { type: 'static_select', selected_option: { value: 'lc-officer-2' } } }, description: { value: { type: 'plain_text_input', value: words } } } },
        },
      });
      await postSlack(server.bot.base, filed, FORM);
      const receipt = await slack.waitFor('chat.postMessage', (c) => c.args.channel === MEMBER && /Received/.test(String(c.args.text)) && ![...before].some((r) => String(c.args.text).includes(r)));
      return /C-[A-Z0-9]{8}/.exec(String(receipt.args.text))?.[0] ?? '';
    };
    const escalated = await file('V-escalate-1', 'The officer sent our ward data to a resident without asking.');
    await press(DIRECTOR, 'acknowledge', escalated, '500.1');
    await updateOf(DIRECTOR, '500.1', /is acknowledged/);
    await press(DIRECTOR, 'record-outcome', escalated, '500.2');
    await submitModal(DIRECTOR, 'V-outcome-esc', await modalFor('500.2'), { text: 'Words of advice given to the officer.' });
    await press(MEMBER, 'escalate', escalated, '600.1');
    const escalateModal = await modalFor('600.1');
    expect(JSON.stringify(escalateModal.args.view)).toMatch(/The complaint goes to the next person the protocol names/);
    expect((await submitModal(MEMBER, 'V-escalate-submit', escalateModal, { text: 'Advice is not enough.' })).status).toBe(200);
    await updateOf(MEMBER, '600.1', /is escalated, with the Chief Executive/);
    await server.bot.jobs.runOnce();
    const toChief = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCCEO' && String(c.args.text).includes(escalated));
    expect(buttonsOf(toChief).find((b) => b.style === 'primary')?.action_id).toBe('case_acknowledge');
    // London Councils' protocol has no level above the Chief Executive: nothing to pass it on to.
    expect(ids(toChief)).not.toContain('case_pass-on');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === DIRECTOR && String(c.args.text).includes(escalated) && /no longer handle it/.test(String(c.args.text)));

    const withdrawn = await file('V-withdraw-1', 'The officer was late to our surgery; on reflection I withdraw this.');
    await press(MEMBER, 'withdraw', withdrawn, '700.1');
    await updateOf(MEMBER, '700.1', /is withdrawn/);
    expect((await server.bot.built.workflows.deps.store.getCase(withdrawn))?.state).toBe('withdrawn');
  }, 30_000);

  it("never posts another council's notices from this council's workspace", async () => {
    // Lydney's Town Clerk has a Slack id in the directory, but this workspace is London Councils'.
    const receipt = await server.bot.built.bot.openComplaint({
      idempotencyKey: 'other-council-1',
      council: 'lydney',
      complainant: { personId: 'ly-member', role: 'member' },
      subject: { personId: 'ly-officer' },
      description: 'The assistant did not pass on my message to the clerk.',
    });
    await server.bot.jobs.runOnce();
    expect(slack.calls.filter((c) => JSON.stringify(c.args).includes(receipt.reference))).toEqual([]);
  });

  it('lists open cases in App Home with their buttons, and offers suggested prompts in the Messages tab', async () => {
    const filed = interaction({
      type: 'view_submission',
      user: { id: MEMBER },
      view: {
        id: 'V-home-1',
        callback_id: 'complaint_modal',
        private_metadata: '{}',
        state: {
          values: {
            about: { value: { type: 'static_select', selected_option: { value: 'lc-officer-2' } } },
            description: { value: { type: 'plain_text_input', value: 'A third matter: no reply about the community centre lease for a month.' } },
          },
        },
      },
    });
    expect((await postSlack(server.bot.base, filed, FORM)).status).toBe(200);
    await postSlack(server.bot.base, eventCallback('Ev-home-cases-1', { type: 'app_home_opened', user: DIRECTOR, channel: 'D-DIR', tab: 'home' }), JSON_TYPE);
    const home = await slack.waitFor('views.publish', (c) => c.args.user_id === DIRECTOR);
    expect(JSON.stringify(home.args.view)).toMatch(/case_(acknowledge|record-outcome|reply)/);
    await postSlack(
      server.bot.base,
      eventCallback('Ev-assistant-1', { type: 'assistant_thread_started', assistant_thread: { user_id: MEMBER, context: {}, channel_id: 'D-MEM', thread_ts: '400.1' }, event_ts: '400.1' }),
      JSON_TYPE,
    );
    const prompts = await slack.waitFor('assistant.threads.setSuggestedPrompts');
    expect(prompts.args.thread_ts).toBe('400.1');
    expect(JSON.stringify(prompts.args.prompts)).toMatch(/complain/);
  });
});
