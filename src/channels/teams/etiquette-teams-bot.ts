import { ActivityHandler, TurnContext, type Activity } from 'botbuilder';
import type { Logger } from 'pino';
import type { Bot, Identity } from '../../app/bot';
import { isAppError } from '../../errors/app-error';
import { isStorageError } from '../../errors/storage-error';
import { ANSWER_CARD_ACTIONS } from './card-actions/answer-card-actions';
import { caseCardAction } from './card-actions/case-card-action';
import { FORM_CARD_ACTIONS } from './card-actions/form-card-actions';
import { TeamsTurn, type CardActionHandler, type CardValue } from './card-actions/teams-turn';

/** Every card button, by its `action`: one table, each handler in the file of its concept. */
const CARD_ACTIONS: Record<string, CardActionHandler> = { ...ANSWER_CARD_ACTIONS, ...FORM_CARD_ACTIONS, case: caseCardAction };

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
    const me = await this.bot.identify({ channel: 'teams', council: this.council, userId });
    const reference = JSON.stringify(TurnContext.getConversationReference(activity));
    const now = this.bot.clock.now().toISOString();
    // Stored so notifications can reach this person (and this conversation) proactively later. A database that
    // cannot be written (read-only, disk full) must not stop the question being answered.
    try {
      await this.bot.channelStore.saveConversationReference(`teams:${userId}`, reference, now);
      await this.bot.channelStore.saveConversationReference(`teams-conversation:${activity.conversation.id}`, reference, now);
    } catch (error) {
      if (!isStorageError(error)) throw error;
      this.logger.warn({ channel: 'teams', code: error.code }, 'cannot store the conversation reference (storage unavailable): answering anyway');
    }

    const value = activity.value as CardValue | undefined;
    if (value && typeof value === 'object' && value.action) return this.handleCardAction(context, me, value);
    const question = TurnContext.removeRecipientMention(activity as Activity)?.trim() ?? activity.text?.trim() ?? '';
    if (!question) return;
    await new TeamsTurn(context, this.bot, this.council, me).answer(question);
  }

  private async handleCardAction(context: TurnContext, me: Identity, value: CardValue): Promise<void> {
    const handler = Object.hasOwn(CARD_ACTIONS, value.action ?? '') ? CARD_ACTIONS[value.action ?? ''] : undefined;
    if (!handler) return void (await context.sendActivity('I did not recognise that button.'));
    await handler(new TeamsTurn(context, this.bot, this.council, me), value);
  }
}
