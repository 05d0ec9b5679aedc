import { CardFactory } from 'botbuilder';
import { isAppError } from '../../../errors/app-error';
import type { CaseCard } from '../../../workflows/cases/case-card';
import { caseDetailsCard, caseStatusCard } from '../adaptive-cards';
import { choicesForCard } from './case-choices';
import { cardText, type CardActionHandler } from './teams-turn';

/**
 * A case button: "view" sends the whole case; any other action goes to the core's case desk, and the card it was
 * pressed on is updated in place with the case as it now stands and the buttons now valid for this person.
 */
export const caseCardAction: CardActionHandler = async (turn, value) => {
  const { bot, me } = turn;
  const action = String(value.caseAction ?? '');
  const reference = String(value.reference ?? '');
  const choicesOn = (shown: CaseCard) =>
    choicesForCard(
      bot,
      reference,
      me.personId,
      shown.actions.map((a) => a.id),
    );
  if (action === 'view') {
    const details = await bot.cases.details(reference, me.personId);
    return turn.sendCard(caseDetailsCard(details, await choicesOn(details.card)), `Case ${reference}`);
  }
  if (action === 'export') return turn.sendText(`You can download everything held about ${reference} from the web chat's case console ("My cases", then "Download").`);
  let outcome = 'Done.';
  let card: CaseCard | undefined;
  try {
    card = await bot.cases.act(reference, me.personId, action, {
      text: cardText(value.text),
      notes: cardText(value.notes),
      personId: cardText(value.personId) ?? cardText(value.subjectPersonId) ?? cardText(value.assignOfficer),
    });
  } catch (error) {
    // Stale buttons (someone acted first, the case moved on) are replaced by the case as it is, with the reason.
    if (!isAppError(error) || !['invalid_transition', 'not_permitted'].includes(error.code)) throw error;
    outcome = `Not done: ${error.message}`;
  }
  const shown = card ?? (await bot.cases.card(reference, me.personId));
  const updated = caseStatusCard(shown, await choicesOn(shown), outcome);
  const replyToId = turn.context.activity.replyToId;
  if (replyToId) await turn.context.updateActivity({ type: 'message', id: replyToId, text: outcome, attachments: [CardFactory.adaptiveCard(updated)] });
  else await turn.sendCard(updated, outcome);
};
