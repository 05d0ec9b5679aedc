import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { AppError, isAppError } from '../../../errors/app-error';
import { assignModal, briefingModal, caseTextModal, complaintModal, viewValue } from '../blocks/case-modals';
import { buttonValue, type SlackContext } from '../slack-context';
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

const COMPLAINT_FIELDS: Record<string, string> = { 'subject.personId': 'about', 'subject.role': 'about', 'subject.name': 'name', 'subject.department': 'department', description: 'description', triedInformally: 'tried', desiredOutcome: 'outcome' };
const BRIEFING_FIELDS: Record<string, string> = { group: 'group', subject: 'subject', format: 'format', meetingDate: 'meeting_date', department: 'department' };

/** Sends a DM to a Slack user through the bot. */
async function dm(client: AllMiddlewareArgs['client'], userId: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel: userId, text });
}

/** `/complaint` and `/briefing` open modals; their submissions open cases; replies and outcomes use small modals. */
export function registerCaseListeners(app: App, ctx: SlackContext): void {
  app.command('/complaint', async ({ command, ack, client }) => {
    await ack();
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: command.user_id });
    await client.views.open({ trigger_id: command.trigger_id, view: complaintModal(ctx.bot.complaintForm(me)) as never });
  });
  app.command('/briefing', async ({ command, ack, client }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view: briefingModal(ctx.council) as never });
  });

  app.view('complaint_modal', async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const values = view.state.values as unknown as ViewValues;
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      const receipt = ctx.bot.openComplaint({
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
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      const receipt = ctx.bot.requestBriefing({
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
      if (receipt.created) await dm(client, body.user.id, `Received: your briefing request is reference ${receipt.reference}, with ${receipt.gatekeeper.title}.${receipt.preElectionWarning ? `\n:warning: ${receipt.preElectionWarning}` : ''}`);
    } catch (error) {
      const errors = fieldErrors(error, BRIEFING_FIELDS);
      if (errors) return void (await ack({ response_action: 'errors', errors }));
      await ack({ response_action: 'errors', errors: { subject: isAppError(error) ? error.message.slice(0, 150) : 'Sorry, we could not take the request just now.' } });
    }
  });

  app.view('case_message_modal', async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const { reference } = buttonValue<{ reference: string }>(view.private_metadata) ?? { reference: '' };
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      ctx.bot.complaints.message(reference, me.personId, viewValue(view.state.values as unknown as ViewValues, 'text') ?? '');
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { text: isAppError(error) ? error.message.slice(0, 150) : 'Could not send the message.' } });
    }
  });

  app.view('case_outcome_modal', async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const { reference } = buttonValue<{ reference: string }>(view.private_metadata) ?? { reference: '' };
    const values = view.state.values as unknown as ViewValues;
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      ctx.bot.complaints.act(reference, me.personId, 'record-outcome', { outcome: viewValue(values, 'text'), investigationNotes: viewValue(values, 'extra') });
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { text: isAppError(error) ? error.message.slice(0, 150) : 'Could not record the outcome.' } });
    }
  });

  app.view('case_assign_modal', async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const { reference } = buttonValue<{ reference: string }>(view.private_metadata) ?? { reference: '' };
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      ctx.bot.complaints.act(reference, me.personId, 'assign', { subjectPersonId: viewValue(view.state.values as unknown as ViewValues, 'about') });
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { about: isAppError(error) ? error.message.slice(0, 150) : 'Could not route the complaint.' } });
    }
  });

  app.view('briefing_decline_modal', async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const { reference } = buttonValue<{ reference: string }>(view.private_metadata) ?? { reference: '' };
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      ctx.bot.briefings.act(reference, me.personId, 'decline', { reason: viewValue(view.state.values as unknown as ViewValues, 'text') });
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { text: isAppError(error) ? error.message.slice(0, 150) : 'Could not decline the request.' } });
    }
  });

  app.view('briefing_approve_modal', async ({ ack, view, body }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const { reference } = buttonValue<{ reference: string }>(view.private_metadata) ?? { reference: '' };
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId: body.user.id });
    try {
      const officer = viewValue(view.state.values as unknown as ViewValues, 'officer');
      if (!officer) throw new AppError('bad_request', 'choose the officer who will brief the group');
      ctx.bot.briefings.act(reference, me.personId, 'approve', { assignOfficer: officer });
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { officer: isAppError(error) ? error.message.slice(0, 150) : 'Could not approve the request.' } });
    }
  });

  // Case buttons in notifications: `case_<action>` with the reference as value.
  app.action(/^case_/, async ({ action, ack, body, client }) => {
    await ack();
    const act = action as { action_id: string; value?: string };
    const reference = act.value ?? '';
    const userId = body.user.id;
    const me = ctx.bot.identify({ channel: 'slack', council: ctx.council, userId });
    const trigger = (body as { trigger_id?: string }).trigger_id ?? '';
    const name = act.action_id.slice('case_'.length);
    try {
      if (name === 'reply') return void (await client.views.open({ trigger_id: trigger, view: caseTextModal('case_message_modal', 'Message', 'Your message', reference) as never }));
      if (name === 'record-outcome') {
        return void (await client.views.open({ trigger_id: trigger, view: caseTextModal('case_outcome_modal', 'Record outcome', 'Outcome for the complainant', reference, { label: 'Investigation notes (not shown to the complainant)', optional: true }) as never }));
      }
      if (name === 'decline') return void (await client.views.open({ trigger_id: trigger, view: caseTextModal('briefing_decline_modal', 'Decline request', 'Reason for the member', reference) as never }));
      if (name === 'approve') return void (await client.views.open({ trigger_id: trigger, view: approveModal(ctx, reference) as never }));
      if (name === 'assign') return void (await client.views.open({ trigger_id: trigger, view: assignModal(ctx.bot.complaintForm(me), reference) as never }));
      if (name === 'view') return void (await dm(client, userId, describeCase(ctx, reference, me.personId)));
      const next = reference.startsWith('B-')
        ? ctx.bot.briefings.act(reference, me.personId, name as never)
        : ctx.bot.complaints.act(reference, me.personId, name as never);
      await dm(client, userId, `${reference} is now ${next.replace(/-/g, ' ')}.`);
    } catch (error) {
      await dm(client, userId, isAppError(error) ? `Not done: ${error.message}` : 'Sorry, something went wrong on our side.');
    }
  });
}

/** The approve modal: choose the officer to assign from the directory. */
function approveModal(ctx: SlackContext, reference: string): Record<string, unknown> {
  const people = ctx.bot.directory.holdersOfAny(ctx.council).filter((p) => !p.roles.includes('member'));
  return {
    type: 'modal',
    callback_id: 'briefing_approve_modal',
    private_metadata: JSON.stringify({ reference }),
    title: { type: 'plain_text', text: 'Approve briefing' },
    submit: { type: 'plain_text', text: 'Approve' },
    blocks: [
      {
        type: 'input',
        block_id: 'officer',
        label: { type: 'plain_text', text: 'Officer who will brief the group' },
        element: { type: 'static_select', action_id: 'value', options: people.slice(0, 100).map((p) => ({ text: { type: 'plain_text', text: p.name.slice(0, 75) }, value: p.id })) },
      },
    ],
  };
}

/** A case as its reader may see it, for a private DM. */
function describeCase(ctx: SlackContext, reference: string, personId: string): string {
  if (reference.startsWith('B-')) {
    const b = ctx.bot.briefings.view(reference, personId);
    return `*${reference}* (${b.state.replace(/-/g, ' ')})\nGroup: ${b.content.group}\nSubject: ${b.content.subject}\nMeeting: ${b.content.meetingDate}${b.content.nonCouncillorsPresent ? '\nNon-councillors will be present.' : ''}`;
  }
  const c = ctx.bot.complaints.view(reference, personId);
  const thread = c.messages.map((m) => `_${m.from}_: ${m.text}`).join('\n');
  return `*${reference}* (${c.state.replace(/-/g, ' ')}), with ${c.handler.title}\n${c.description}${c.outcome ? `\n*Outcome:* ${c.outcome}` : ''}${thread ? `\n\n${thread}` : ''}`;
}
