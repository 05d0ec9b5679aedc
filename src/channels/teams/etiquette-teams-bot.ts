import { ActivityHandler, CardFactory, TurnContext, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { renderComparison } from '../../answer/render-plain-text';
import type { Bot, Identity } from '../../app/bot';
import { randomUUID } from 'node:crypto';
import { isAppError } from '../../errors/app-error';
import { isStorageError } from '../../errors/storage-error';
import { parseSubjectChoice } from '../../workflows/complaints/complaint-form';
import { complaintReceiptText } from '../../workflows/complaints/complaint-receipt-text';
import type { CaseActionId } from '../../workflows/cases/case-action';
import type { CaseCard } from '../../workflows/cases/case-card';
import { answerCard, briefingCard, caseDetailsCard, caseStatusCard, complaintCard, roleCard, type AdaptiveCard } from './adaptive-cards';

type CardValue = Record<string, unknown> & { action?: string };

const str = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Translates Teams activities to the core and the core's replies to Adaptive Cards; nothing else. */
export class EtiquetteTeamsBot extends ActivityHandler {
  constructor(
    private readonly bot: Bot,
    private readonly council: string,
    private readonly logger: Logger,
  ) {
    super();
    this.onMessage(async (context, next) => {
      try {
        await this.handleTurn(context);
      } catch (error) {
        this.logger.error({ channel: 'teams', code: isAppError(error) ? error.code : 'internal_error' }, 'Teams turn failed');
        await context.sendActivity(isAppError(error) ? `Not done: ${error.message}` : 'Sorry, something went wrong on our side. Please try again.');
      }
      await next();
    });
  }

  private async handleTurn(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const userId = activity.from.aadObjectId ?? activity.from.id;
    const me = this.bot.identify({ channel: 'teams', council: this.council, userId });
    const reference = JSON.stringify(TurnContext.getConversationReference(activity));
    const now = this.bot.clock.now().toISOString();
    // Stored so notifications can reach this person (and this conversation) proactively later. A database that
    // cannot be written (read-only, disk full) must not stop the question being answered.
    try {
      this.bot.channelStore.saveConversationReference(`teams:${userId}`, reference, now);
      this.bot.channelStore.saveConversationReference(`teams-conversation:${activity.conversation.id}`, reference, now);
    } catch (error) {
      if (!isStorageError(error)) throw error;
      this.logger.warn({ channel: 'teams', code: error.code }, 'cannot store the conversation reference (storage unavailable): answering anyway');
    }

    const value = activity.value as CardValue | undefined;
    if (value && typeof value === 'object' && value.action) return this.handleCardAction(context, me, value);
    const question = TurnContext.removeRecipientMention(activity as Activity)?.trim() ?? activity.text?.trim() ?? '';
    if (!question) return;
    await this.answer(context, me, question);
  }

  private async answer(context: TurnContext, me: Identity, question: string): Promise<void> {
    if (!me.role) {
      this.bot.holdQuestion(me, question);
      return this.sendCard(context, roleCard(), 'Are you a councillor or an officer?');
    }
    const reply = this.bot.ask({ council: this.council, role: me.role, question }, me.personId);
    await this.sendCard(context, answerCard(reply), reply.lead);
  }

  private async handleCardAction(context: TurnContext, me: Identity, value: CardValue): Promise<void> {
    switch (value.action) {
      case 'role': {
        const role = value.role === 'officer' ? 'officer' : 'member';
        this.bot.rememberRole(me, role);
        const question = this.bot.takeHeldQuestion(me);
        if (question) await this.answer(context, { ...me, role }, question);
        return;
      }
      case 'did-you-mean': {
        const reply = this.bot.engine.askTopic({ council: this.council, role: me.role ?? 'member', topic: String(value.topic ?? '') });
        return this.sendCard(context, answerCard(reply), reply.lead);
      }
      case 'ask-point': {
        const reply = this.bot.engine.askPoint({ council: this.council, role: me.role ?? 'member', point: String(value.point ?? '') });
        return this.sendCard(context, answerCard(reply), reply.lead);
      }
      case 'ask-example': {
        const question = str(value.question);
        if (question) await this.answer(context, me, question);
        return;
      }
      case 'compare': {
        const topic = this.bot.kb.topic(String(value.topic ?? ''));
        if (topic) await context.sendActivity(renderComparison(topic.title, this.bot.engine.compare(topic.id)));
        return;
      }
      case 'feedback': {
        const council = String(value.council ?? '');
        if (!this.bot.kb.hasCouncil(council)) return;
        this.bot.recordFeedback('teams', council, str(value.intent) ?? null, value.vote === 'helpful' ? 'helpful' : 'not-helpful');
        await context.sendActivity('Thank you: your vote is recorded.');
        return;
      }
      case 'open-complaint':
        return this.sendCard(context, complaintCard(this.bot.complaintForm(me), context.activity.id ?? randomUUID()), 'Private complaint form');
      case 'open-briefing':
        return this.sendCard(context, briefingCard(this.bot.briefingForm(this.council), context.activity.id ?? String(Date.now())), 'Briefing request form');
      case 'submit-complaint': {
        const receipt = this.bot.openComplaint({
          idempotencyKey: `teams-form-${String(value.formId ?? '')}`,
          council: this.council,
          complainant: { personId: me.personId, role: me.role ?? 'member' },
          subject: { ...parseSubjectChoice(value.about), name: str(value.name), department: str(value.department) },
          description: String(value.description ?? ''),
          triedInformally: str(value.triedInformally),
          desiredOutcome: str(value.desiredOutcome),
        });
        // The one receipt of this submission (a resent activity gets none again); the same card sent again with
        // other words is refused, never merged.
        if (receipt.created) await context.sendActivity(complaintReceiptText(receipt));
        return;
      }
      case 'submit-briefing': {
        const receipt = this.bot.requestBriefing({
          idempotencyKey: `teams-form-${String(value.formId ?? '')}`,
          council: this.council,
          requester: { personId: me.personId },
          group: String(value.group ?? ''),
          subject: String(value.subject ?? ''),
          format: (value.format ?? 'attendance') as never,
          meetingDate: String(value.meetingDate ?? ''),
          nonCouncillorsPresent: value.nonCouncillorsPresent === 'true',
          department: str(value.department),
        });
        if (receipt.created) await context.sendActivity(`Received: your briefing request is reference ${receipt.reference}, with ${receipt.gatekeeper.title}.${receipt.preElectionWarning ? `\n\n${receipt.preElectionWarning}` : ''}`);
        return;
      }
      case 'case':
        return this.caseAction(context, me, String(value.caseAction ?? ''), String(value.reference ?? ''), value);
      default:
        await context.sendActivity('I did not recognise that button.');
    }
  }

  /**
   * A case button: "view" sends the whole case; any other action goes to the core's case desk, and the card it was
   * pressed on is updated in place with the case as it now stands and the buttons now valid for this person.
   */
  private async caseAction(context: TurnContext, me: Identity, action: string, reference: string, value: CardValue): Promise<void> {
    const choicesFor = (id: CaseActionId) => (['assign', 'approve'].includes(id) ? this.bot.cases.choices(reference, me.personId, id) : []);
    if (action === 'view') return this.sendCard(context, caseDetailsCard(this.bot.cases.details(reference, me.personId), choicesFor), `Case ${reference}`);
    if (action === 'export') {
      await context.sendActivity(`You can download everything held about ${reference} from the web chat's case console ("My cases", then "Download").`);
      return;
    }
    let outcome = 'Done.';
    let card: CaseCard | undefined;
    try {
      card = this.bot.cases.act(reference, me.personId, action, { text: str(value.text), notes: str(value.notes), personId: str(value.personId) ?? str(value.subjectPersonId) ?? str(value.assignOfficer) });
    } catch (error) {
      // Stale buttons (someone acted first, the case moved on) are replaced by the case as it is, with the reason.
      if (!isAppError(error) || !['invalid_transition', 'not_permitted'].includes(error.code)) throw error;
      outcome = `Not done: ${error.message}`;
    }
    const updated = caseStatusCard(card ?? this.bot.cases.card(reference, me.personId), choicesFor, outcome);
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      await context.updateActivity({ type: 'message', id: replyToId, text: outcome, attachments: [CardFactory.adaptiveCard(updated)] });
    } else {
      await this.sendCard(context, updated, outcome);
    }
  }

  private async sendCard(context: TurnContext, card: AdaptiveCard, fallbackText: string): Promise<void> {
    await context.sendActivity({ text: fallbackText.slice(0, 4000), attachments: [CardFactory.adaptiveCard(card)] });
  }
}
