import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { isAppError } from '../../../errors/app-error';
import { briefingModal, complaintModal, viewValue } from '../blocks/case-modals';
import type { SlackContext } from '../slack-context';
import { parseSubjectChoice } from '../../../workflows/complaints/complaint-form';
import { complaintReceiptText } from '../../../workflows/complaints/complaint-receipt-text';

type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

/** Field problems of a submission, keyed by the modal's block ids (Slack's `response_action: errors`). */
export function fieldErrors(error: unknown, fields: Record<string, string>): Record<string, string> | null {
  if (!isAppError(error) || error.code !== 'bad_request' || error.details.length === 0) return null;
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    const [path = '', ...rest] = detail.split(': ');
    const block = fields[path];
    if (block && !errors[block]) errors[block] = rest.join(': ').slice(0, 150);
  }
  return Object.keys(errors).length ? errors : null;
}

const COMPLAINT_FIELDS: Record<string, string> = {
  'subject.personId': 'about',
  'subject.role': 'about',
  'subject.name': 'name',
  'subject.department': 'department',
  description: 'description',
  triedInformally: 'tried',
  desiredOutcome: 'outcome',
};
const BRIEFING_FIELDS: Record<string, string> = { group: 'group', subject: 'subject', format: 'format', meetingDate: 'meeting_date', department: 'department' };

/** Sends a DM to a Slack user through the bot. */
async function dm(client: AllMiddlewareArgs['client'], userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: userId, text });
}

/** `/complaint` and `/briefing` open modals; their submissions open cases (actions on cases: case-action-listeners.ts). */
export function registerCaseListeners(app: App, ctx: SlackContext): void {
  app.command('/complaint', async ({ command, ack, client }) => {
    await ack();
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: command.user_id });
    await client.views.open({ trigger_id: command.trigger_id, view: complaintModal(ctx.bot.complaintForm(me)) as never });
  });
  app.command('/briefing', async ({ command, ack, client }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: briefingModal(ctx.bot.briefingForm(ctx.council)) as never });
  });

  app.view('complaint_modal', async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const values = view.state.values as unknown as ViewValues;
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      const receipt = await ctx.bot.openComplaint({
        // The view id is the same for a retried or double-clicked submission: one case, never two.
        idempotencyKey: `slack-view-${view.id}`,
        council: ctx.council,
        complainant: { personId: me.personId, role: me.role ?? 'member' },
        subject: { ...parseSubjectChoice(viewValue(values, 'about')), name: viewValue(values, 'name'), department: viewValue(values, 'department') },
        description: viewValue(values, 'description') ?? '',
        triedInformally: viewValue(values, 'tried'),
        desiredOutcome: viewValue(values, 'outcome'),
      });
      await ack();
      // The one receipt of this submission (the workflow sends none of its own); a repeat gets none again.
      if (receipt.created) await dm(client, body.user.id, complaintReceiptText(receipt));
    } catch (error) {
      const errors = fieldErrors(error, COMPLAINT_FIELDS);
      if (errors) return void (await ack({ response_action: 'errors', errors }));
      await ack({ response_action: 'errors', errors: { description: isAppError(error) ? error.message.slice(0, 150) : 'Sorry, we could not take the complaint just now. Please try again.' } });
    }
  });

  app.view('briefing_modal', async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const values = view.state.values as unknown as ViewValues;
    const me = await ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      const receipt = await ctx.bot.requestBriefing({
        idempotencyKey: `slack-view-${view.id}`,
        council: ctx.council,
        requester: { personId: me.personId },
        group: viewValue(values, 'group') ?? '',
        subject: viewValue(values, 'subject') ?? '',
        format: (viewValue(values, 'format') ?? '') as never,
        meetingDate: viewValue(values, 'meeting_date') ?? '',
        nonCouncillorsPresent: viewValue(values, 'outsiders') === 'yes',
        department: viewValue(values, 'department'),
      });
      await ack();
      if (receipt.created)
        await dm(
          client,
          body.user.id,
          `Received: your briefing request is reference ${receipt.reference}, with ${receipt.gatekeeper.title}.${receipt.preElectionWarning ? `\n:warning: ${receipt.preElectionWarning}` : ''}`,
        );
    } catch (error) {
      const errors = fieldErrors(error, BRIEFING_FIELDS);
      if (errors) return void (await ack({ response_action: 'errors', errors }));
      await ack({ response_action: 'errors', errors: { subject: isAppError(error) ? error.message.slice(0, 150) : 'Sorry, we could not take the request just now.' } });
    }
  });
}
