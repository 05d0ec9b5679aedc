import { randomUUID } from 'node:crypto';
import { parseSubjectChoice } from '../../../workflows/complaints/complaint-form';
import { complaintReceiptText } from '../../../workflows/complaints/complaint-receipt-text';
import { briefingCard, complaintCard } from '../adaptive-cards';
import { cardText, type CardActionHandler } from './teams-turn';

/** The complaint and briefing forms: opening each, and its submission (one case per form, however often sent). */
export const FORM_CARD_ACTIONS: Record<string, CardActionHandler> = {
  'open-complaint': async (turn) => turn.sendCard(complaintCard(turn.bot.complaintForm(turn.me), turn.context.activity.id ?? randomUUID()), 'Private complaint form'),
  'open-briefing': async (turn) => turn.sendCard(briefingCard(turn.bot.briefingForm(turn.council), turn.context.activity.id ?? randomUUID()), 'Briefing request form'),
  'submit-complaint': async (turn, value) => {
    const receipt = await turn.bot.openComplaint({
      idempotencyKey: `teams-form-${String(value.formId ?? '')}`,
      council: turn.council,
      complainant: { personId: turn.me.personId, role: turn.me.role ?? 'member' },
      subject: { ...parseSubjectChoice(value.about), name: cardText(value.name), department: cardText(value.department) },
      description: String(value.description ?? ''),
      triedInformally: cardText(value.triedInformally),
      desiredOutcome: cardText(value.desiredOutcome),
    });
    // The one receipt of this submission (a resent activity gets none again); the same card sent again with
    // other words is refused, never merged.
    if (receipt.created) await turn.sendText(complaintReceiptText(receipt));
  },
  'submit-briefing': async (turn, value) => {
    const receipt = await turn.bot.requestBriefing({
      idempotencyKey: `teams-form-${String(value.formId ?? '')}`,
      council: turn.council,
      requester: { personId: turn.me.personId },
      group: String(value.group ?? ''),
      subject: String(value.subject ?? ''),
      format: (value.format ?? 'attendance') as never,
      meetingDate: String(value.meetingDate ?? ''),
      nonCouncillorsPresent: value.nonCouncillorsPresent === 'true',
      department: cardText(value.department),
    });
    if (receipt.created)
      await turn.sendText(
        `Received: your briefing request is reference ${receipt.reference}, with ${receipt.gatekeeper.title}.${receipt.preElectionWarning ? `\n\n${receipt.preElectionWarning}` : ''}`,
      );
  },
};
