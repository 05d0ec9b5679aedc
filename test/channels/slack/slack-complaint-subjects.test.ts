import { eventCallback, FORM, interaction, JSON_TYPE, postSlack } from '../../support/slack-requests';
import { useSlackTestServer } from '../../support/slack-test-server';

// London Councils, from the example directory: Cllr Jo Member (ULCMEM), the Chief Executive Dan Chief (ULCCEO),
// the Services director Fin Services (ULCDS) and Han Officer of Services (lc-officer-2). It has no Monitoring
// Officer, so a complaint about someone not listed goes to the Chief Executive to place.
describe('Slack: who a complaint is about, and new people', () => {
  const server = useSlackTestServer('london-councils');
  const { slack } = server;

  const view = (id: string, callbackId: string, metadata: object, values: Record<string, unknown>, user: string) =>
    interaction({ type: 'view_submission', user: { id: user }, view: { id, callback_id: callbackId, private_metadata: JSON.stringify(metadata), state: { values } } });
  const select = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });

  it("places a complaint about someone not listed with the Chief Executive, who names them; it then goes to that person's director", async () => {
    const submitted = view(
      'V-not-listed-1',
      'complaint_modal',
      { council: 'london-councils' },
      { about: select('not-listed:officer'), name: text('a temp in the grants team'), description: text('A temporary officer in grants was rude to me on the phone twice.') },
      'ULCMEM',
    );
    expect((await postSlack(server.bot.base, submitted, FORM)).status).toBe(200);
    const receipt = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCMEM' && /Received/.test(String(c.args.text)));
    expect(String(receipt.args.text)).toMatch(/not in the council's list, so it has gone to the Chief Executive \(Dan Chief\)/);
    const reference = /C-[A-Z0-9]{8}/.exec(String(receipt.args.text))?.[0] ?? '';

    await server.bot.jobs.runOnce();
    const notice = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCCEO' && String(c.args.text).includes(reference));
    expect(JSON.stringify(notice.args.blocks)).toMatch(/case_assign/);
    await postSlack(
      server.bot.base,
      interaction({ type: 'block_actions', user: { id: 'ULCCEO' }, trigger_id: 't-assign', actions: [{ action_id: 'case_assign', value: reference, type: 'button', block_id: 'b', action_ts: '1' }] }),
      FORM,
    );
    const modal = await slack.waitFor('views.open', (c) => (c.args.view as { callback_id: string }).callback_id === 'case_action_modal');
    expect(JSON.stringify(modal.args.view)).toContain('lc-officer-2');
    const metadata = JSON.parse((modal.args.view as { private_metadata: string }).private_metadata) as object;
    expect(metadata).toEqual(expect.objectContaining({ reference, action: 'assign' }));

    expect((await postSlack(server.bot.base, view('V-assign-1', 'case_action_modal', metadata, { person: select('lc-officer-2') }, 'ULCCEO'), FORM)).status).toBe(200);
    expect(await server.bot.built.workflows.deps.store.getCase(reference)).toEqual(expect.objectContaining({ handlerId: 'lc-director-services', subjectPersonId: 'lc-officer-2' }));
    await server.bot.jobs.runOnce();
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCDS' && String(c.args.text).includes(reference));
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'ULCCEO' && /no longer handle it/.test(String(c.args.text)));
    expect(slack.of('chat.postMessage').some((c) => String(c.args.text).includes(reference) && c.args.channel === 'ULCOF2')).toBe(false);
  });

  it("keeps a new person's long first question on the server while they say who they are, then answers it", async () => {
    const question = `${'I have been a councillor for a few weeks and I am still finding my feet with how things work here. '.repeat(18)}Can I forward an email from an officer to a member of another party group?`;
    expect(question.length).toBeGreaterThan(1_800);
    const dm = eventCallback('Ev-newcomer-1', { type: 'message', channel_type: 'im', channel: 'D-NEW', user: 'UNEWCOMER', text: question, ts: '1700000000.000300' });
    expect((await postSlack(server.bot.base, dm, JSON_TYPE)).status).toBe(200);
    const asked = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'D-NEW');
    expect(JSON.stringify(asked.args.blocks)).toMatch(/role_member/);
    expect(JSON.stringify(asked.args.blocks)).not.toContain('forward an email');
    await postSlack(
      server.bot.base,
      interaction({ type: 'block_actions', user: { id: 'UNEWCOMER' }, trigger_id: 't-role', actions: [{ action_id: 'role_member', value: '{}', type: 'button', block_id: 'b', action_ts: '1' }] }),
      FORM,
    );
    const answer = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'UNEWCOMER');
    expect(String(answer.args.text)).not.toMatch(/councillor or an officer/);
    expect(String(answer.args.text).length).toBeGreaterThan(40);
  });
});
