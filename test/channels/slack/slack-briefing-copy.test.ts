import type { SlackCall } from '../../support/fake-slack-api';
import { caseButtonPress, FORM, interaction, postSlack } from '../../support/slack-requests';
import { useSlackTestServer } from '../../support/slack-test-server';

// Lydney, from the example directory: Cllr Ned Member (ULYMEM, Independent group leader) asks for a written report;
// the Town Clerk, Ivy Clerk (ULYCLK), assigns Kit Assistant (ULYOFF); Cllr Oda Other (ULYOTH) leads the Green group.
const REQUESTER = 'ULYMEM';
const CLERK = 'ULYCLK';
const OFFICER = 'ULYOFF';
const OTHER_LEADER = 'ULYOTH';

const buttonIds = (call: SlackCall) =>
  ((call.args.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id: string }> }>).filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.action_id));

describe('Slack: a written report for one group, and a copy for another (Lydney 4.2(c))', () => {
  const server = useSlackTestServer('lydney');
  const { slack } = server;

  const press = (user: string, action: string, reference: string, ts: string) => postSlack(server.bot.base, caseButtonPress(user, action, reference, ts), FORM);

  it('tells the member when it is delivered, and lets another group leader ask the Town Clerk for a copy', async () => {
    const values = {
      group: { value: { type: 'plain_text_input', value: 'Independent' } },
      subject: { value: { type: 'plain_text_input', value: 'The cost of the new playground' } },
      format: { value: { type: 'static_select', selected_option: { value: 'written-report' } } },
      meeting_date: { value: { type: 'datepicker', selected_date: '2027-03-01' } },
    };
    await postSlack(
      server.bot.base,
      interaction({ type: 'view_submission', user: { id: REQUESTER }, view: { id: 'V-report-1', callback_id: 'briefing_modal', private_metadata: '{}', state: { values } } }),
      FORM,
    );
    const receipt = await slack.waitFor('chat.postMessage', (c) => c.args.channel === REQUESTER && /Received: your briefing request/.test(String(c.args.text)));
    const reference = /B-[A-Z0-9]{8}/.exec(String(receipt.args.text))?.[0] ?? '';

    await press(CLERK, 'approve', reference, '10.1');
    const modal = await slack.waitFor('views.open', (c) => c.args.trigger_id === 't-10.1');
    const metadata = (modal.args.view as { private_metadata: string }).private_metadata;
    await postSlack(
      server.bot.base,
      interaction({
        type: 'view_submission',
        user: { id: CLERK },
        view: {
          id: 'V-approve-1',
          callback_id: 'case_action_modal',
          private_metadata: metadata,
          state: { values: { person: { value: { type: 'static_select', selected_option: { value: 'ly-officer' } } } } },
        },
      }),
      FORM,
    );
    await server.bot.jobs.runOnce();
    const assigned = await slack.waitFor('chat.postMessage', (c) => c.args.channel === OFFICER && String(c.args.text).includes(reference));
    expect(buttonIds(assigned)).toContain('case_mark-delivered');
    await press(OFFICER, 'mark-delivered', reference, '20.1');
    await slack.waitFor('chat.update', (c) => c.args.channel === `D-${OFFICER}` && /is delivered/.test(String(c.args.text)));
    await server.bot.jobs.runOnce();

    await slack.waitFor('chat.postMessage', (c) => c.args.channel === REQUESTER && /has been delivered/.test(String(c.args.text)));
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === CLERK && /marked as delivered/.test(String(c.args.text)));
    const offer = await slack.waitFor('chat.postMessage', (c) => c.args.channel === OTHER_LEADER && String(c.args.text).includes('copy of the report'));
    expect(buttonIds(offer)).toEqual(expect.arrayContaining(['case_request-copy', 'open_briefing']));

    await press(OTHER_LEADER, 'request-copy', reference, '30.1');
    const done = await slack.waitFor('chat.update', (c) => c.args.channel === `D-${OTHER_LEADER}`);
    expect(String(done.args.text)).toMatch(/asked for a copy of the report.*Town Clerk/);
    // Pressed twice, the Town Clerk is asked once; someone else's group cannot ask for its own report's copy.
    await press(OTHER_LEADER, 'request-copy', reference, '30.1');
    await press(REQUESTER, 'request-copy', reference, '40.1');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === REQUESTER && /Not done: only the leader of another political group/.test(String(c.args.text)));
    await server.bot.jobs.runOnce();
    const asks = slack.of('chat.postMessage').filter((c) => c.args.channel === CLERK && /asks for a copy of the report/.test(String(c.args.text)));
    expect(asks).toHaveLength(1);
    expect(String(asks[0]?.args.text)).toContain('Cllr Oda Other');
  }, 30_000);
});
