import type { RunningServer } from '../../../src/app/start-server';
import { FakeBotConnector, teamsMessage, type SentActivity } from '../../support/fake-bot-connector';
import { startTestServer } from '../../support/test-server';

// London Councils, from the example directory: Cllr Jo Member complains about Han Officer (lc-officer-2, no Teams
// id); it goes to their director, Fin Services.
const MEMBER = { id: '29:member-cases', aadObjectId: 'aad-lc-member' };
const DIRECTOR = { id: '29:director-cases', aadObjectId: 'aad-lc-ds' };

type CardAction = { type: string; title: string; style?: string; data?: Record<string, unknown>; card?: { body: Array<{ id?: string; type: string; text?: string }>; actions: CardAction[] } };
const cardOf = (a: SentActivity) => a.activity.attachments?.[0]?.content as { body: Array<{ type: string; text?: string }>; actions?: CardAction[] };
const titles = (a: SentActivity) => (cardOf(a).actions ?? []).map((x) => x.title);

describe('Teams: one complaint through its actions, each card updated in place', () => {
  const connector = new FakeBotConnector();
  let bot: RunningServer & { base: string };
  let serviceUrl = '';
  const post = (activity: Record<string, unknown>) => fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const press = (who: typeof MEMBER, conversation: string, replyToId: string, value: Record<string, unknown>) => post({ ...teamsMessage(serviceUrl, who, conversation, '', value), replyToId });
  const updateOf = (conversation: string, replyToId: string, text: RegExp) =>
    (async () => {
      const started = Date.now();
      for (;;) {
        const found = connector.updated.find((u) => u.conversationId === conversation && u.replyToId === replyToId && text.test(JSON.stringify(u.activity)));
        if (found) return found;
        if (Date.now() - started > 5000) throw new Error(`no update of ${replyToId}: ${JSON.stringify(connector.updated.map((u) => u.replyToId))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

  beforeAll(async () => {
    serviceUrl = await connector.start();
    bot = await startTestServer({ COUNCIL: 'london-councils', TEAMS_LOCAL: 'true' });
    bot.jobs.stop();
  }, 30_000);
  afterAll(async () => {
    await bot.stop();
    await connector.stop();
  });

  it('offers only valid actions with one positive, records an outcome with private notes, closes behind a confirmation, and updates the card each time', async () => {
    await post(teamsMessage(serviceUrl, DIRECTOR, 'conv-dir-cases', 'hello'));
    await connector.waitFor((a) => a.conversationId === 'conv-dir-cases');
    await post(
      teamsMessage(serviceUrl, MEMBER, 'conv-mem-cases', '', {
        action: 'submit-complaint',
        formId: 'form-every-1',
        about: 'lc-officer-2',
        description: 'Han Officer has not answered five emails about the grants round.',
        desiredOutcome: 'A named contact.',
      }),
    );
    const receipt = await connector.waitFor((a) => a.conversationId === 'conv-mem-cases' && /Received: your complaint/.test(a.activity.text ?? ''));
    const reference = /C-[A-Z0-9]{8}/.exec(receipt.activity.text ?? '')?.[0] ?? '';
    await bot.jobs.runOnce();

    const notice = await connector.waitFor((a) => a.conversationId === 'conv-dir-cases' && (a.activity.text ?? '').includes(reference));
    expect(titles(notice)).toEqual(expect.arrayContaining(['Acknowledge', 'Reply or ask for more', 'Open the case']));
    expect(titles(notice)).not.toContain('Close');
    expect(titles(notice)).not.toContain('Record outcome');
    expect((cardOf(notice).actions ?? []).filter((a) => a.style === 'positive').map((a) => a.title)).toEqual(['Acknowledge']);

    await press(DIRECTOR, 'conv-dir-cases', 'notice-1', { action: 'case', caseAction: 'acknowledge', reference });
    const acknowledged = await updateOf('conv-dir-cases', 'notice-1', /is acknowledged/);
    const afterAck = (cardOf(acknowledged).actions ?? []).map((a) => a.title);
    expect(afterAck).toContain('Record outcome');
    expect(afterAck).not.toContain('Acknowledge');

    // Asking for more: the words go with the button, and the complainant's card then offers a reply.
    const reply = (cardOf(acknowledged).actions ?? []).find((a) => a.title === 'Reply or ask for more');
    expect(reply?.card?.body.map((b) => b.id)).toEqual(['text']);
    await press(DIRECTOR, 'conv-dir-cases', 'notice-1', { ...reply?.card?.actions[0]?.data, text: 'Please send the dates of the emails.' });
    await updateOf('conv-dir-cases', 'notice-1', /is acknowledged/);
    expect(await bot.built.workflows.deps.store.listMessages(reference)).toHaveLength(1);

    await press(DIRECTOR, 'conv-dir-cases', 'notice-1', { action: 'case', caseAction: 'start-investigation', reference });
    const investigating = await updateOf('conv-dir-cases', 'notice-1', /is investigating/);
    expect((cardOf(investigating).actions ?? []).map((a) => a.title)).not.toContain('Start investigating');

    // "Record outcome" opens its own card with the outcome and the private notes; its submit carries both.
    const record = (cardOf(investigating).actions ?? []).find((a) => a.title === 'Record outcome');
    expect(record?.type).toBe('Action.ShowCard');
    expect(record?.card?.body.map((b) => b.id)).toEqual(['text', 'notes']);
    await press(DIRECTOR, 'conv-dir-cases', 'notice-1', { ...record?.card?.actions[0]?.data, text: 'Han will answer by Friday.', notes: 'Workload in the grants team.' });
    const recorded = await updateOf('conv-dir-cases', 'notice-1', /outcome recorded/);
    const close = (cardOf(recorded).actions ?? []).find((a) => a.title === 'Close');
    expect(close?.type).toBe('Action.ShowCard');
    expect(JSON.stringify(close?.card)).toMatch(/Closing ends the case/);

    // The complainant's whole case: the outcome, never the private notes.
    await press(MEMBER, 'conv-mem-cases', 'receipt-1', { action: 'case', caseAction: 'view', reference });
    const whole = await connector.waitFor((a) => a.conversationId === 'conv-mem-cases' && JSON.stringify(a.activity).includes('Han will answer by Friday'));
    expect(JSON.stringify(whole.activity)).not.toMatch(/Workload in the grants team/);

    await press(DIRECTOR, 'conv-dir-cases', 'notice-1', { ...close?.card?.actions[0]?.data });
    await updateOf('conv-dir-cases', 'notice-1', /is closed/);
    expect((await bot.built.workflows.deps.store.getCase(reference))?.state).toBe('closed');
    expect(connector.sent.filter((a) => a.conversationId === 'conv-mem-cases' && /Received: your complaint/.test(a.activity.text ?? ''))).toHaveLength(1);
  }, 30_000);

  it('refuses an action it does not know, and a stale one, saying why on the card', async () => {
    await post(
      teamsMessage(serviceUrl, MEMBER, 'conv-mem-cases-2', '', {
        action: 'submit-complaint',
        formId: 'form-stale-1',
        about: 'lc-officer-2',
        description: 'A second matter: our ward meeting was cancelled twice without notice.',
      }),
    );
    const receipt = await connector.waitFor((a) => a.conversationId === 'conv-mem-cases-2' && /Received: your complaint/.test(a.activity.text ?? ''));
    const reference = /C-[A-Z0-9]{8}/.exec(receipt.activity.text ?? '')?.[0] ?? '';
    await press(MEMBER, 'conv-mem-cases-2', 'receipt-2', { action: 'case', caseAction: 'explode', reference });
    await connector.waitFor((a) => a.conversationId === 'conv-mem-cases-2' && /there is no action "explode"/.test(a.activity.text ?? ''));
    await press(MEMBER, 'conv-mem-cases-2', 'receipt-2', { action: 'case', caseAction: 'close', reference });
    const refused = await updateOf('conv-mem-cases-2', 'receipt-2', /Not done: cannot close a case that is submitted/);
    const withdraw = (cardOf(refused).actions ?? []).find((a) => a.title === 'Withdraw');
    expect(withdraw?.style).toBe('destructive');
    expect((await bot.built.workflows.deps.store.getCase(reference))?.state).toBe('submitted');
    // Withdrawing is behind its own confirming card; its button withdraws, and the card says so in place.
    expect(JSON.stringify(withdraw?.card)).toMatch(/Withdrawing ends it/);
    await press(MEMBER, 'conv-mem-cases-2', 'receipt-2', { ...withdraw?.card?.actions[0]?.data });
    await updateOf('conv-mem-cases-2', 'receipt-2', /is withdrawn/);
    expect((await bot.built.workflows.deps.store.getCase(reference))?.state).toBe('withdrawn');
  }, 30_000);
});
