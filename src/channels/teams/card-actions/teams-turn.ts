import { CardFactory, type TurnContext } from 'botbuilder';
import type { Bot, Identity } from '../../../app/bot';
import { answerCard, roleCard, type AdaptiveCard } from '../adaptive-cards';

/** What a card button carries back: its `action` and the card's inputs. */
export type CardValue = Record<string, unknown> & { action?: string };

/** A card's text input, or undefined when it is empty or not text. */
export const cardText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** One Teams turn as card-action handlers see it: who is asking, where, and how to answer in a card. */
export class TeamsTurn {
  constructor(
    readonly context: TurnContext,
    readonly bot: Bot,
    readonly council: string,
    readonly me: Identity,
  ) {}

  async sendCard(card: AdaptiveCard, fallbackText: string): Promise<void> {
    await this.context.sendActivity({ text: fallbackText.slice(0, 4000), attachments: [CardFactory.adaptiveCard(card)] });
  }

  async sendText(text: string): Promise<void> {
    await this.context.sendActivity(text);
  }

  /** Answers a question, or first asks a person the bot does not know whether they are a councillor or an officer. */
  async answer(question: string, as: Identity = this.me): Promise<void> {
    if (!as.role) {
      await this.bot.holdQuestion(as, question);
      return this.sendCard(roleCard(), 'Are you a councillor or an officer?');
    }
    const reply = await this.bot.ask({ council: this.council, role: as.role, question }, as.personId);
    await this.sendCard(answerCard(reply), reply.lead);
  }
}

/** Handles one kind of card button. */
export type CardActionHandler = (turn: TeamsTurn, value: CardValue) => Promise<void>;
