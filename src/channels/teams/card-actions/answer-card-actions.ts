import { renderComparison } from '../../../answer/render-plain-text';
import { answerCard } from '../adaptive-cards';
import { cardText, type CardActionHandler } from './teams-turn';

/** Buttons on answers: the role asked once, "did you mean", a point, an example question, other councils, votes. */
export const ANSWER_CARD_ACTIONS: Record<string, CardActionHandler> = {
  role: async (turn, value) => {
    const role = value.role === 'officer' ? 'officer' : 'member';
    await turn.bot.rememberRole(turn.me, role);
    const question = await turn.bot.takeHeldQuestion(turn.me);
    if (question) await turn.answer(question, { ...turn.me, role });
  },
  'did-you-mean': async (turn, value) => {
    const reply = turn.bot.engine.askTopic({ council: turn.council, role: turn.me.role ?? 'member', topic: String(value.topic ?? '') });
    await turn.sendCard(answerCard(reply), reply.lead);
  },
  'ask-point': async (turn, value) => {
    const reply = turn.bot.engine.askPoint({ council: turn.council, role: turn.me.role ?? 'member', point: String(value.point ?? '') });
    await turn.sendCard(answerCard(reply), reply.lead);
  },
  'ask-example': async (turn, value) => {
    const question = cardText(value.question);
    if (question) await turn.answer(question);
  },
  compare: async (turn, value) => {
    const topic = turn.bot.kb.topic(String(value.topic ?? ''));
    if (topic) await turn.sendText(renderComparison(topic.title, turn.bot.engine.compare(topic.id)));
  },
  feedback: async (turn, value) => {
    const council = String(value.council ?? '');
    if (!turn.bot.kb.hasCouncil(council)) return;
    await turn.bot.recordFeedback('teams', council, cardText(value.intent) ?? null, value.vote === 'helpful' ? 'helpful' : 'not-helpful');
    await turn.sendText('Thank you: your vote is recorded.');
  },
};
