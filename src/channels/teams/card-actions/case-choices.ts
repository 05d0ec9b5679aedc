import type { Bot } from '../../../app/bot';
import type { CaseActionId } from '../../../workflows/cases/case-action';
import type { ChoicesFor } from '../adaptive-cards';

/**
 * The people to choose from for each action on a card that names someone (assign, approve), read from the case
 * desk before the card is drawn, as drawing a card is not asynchronous.
 */
export async function choicesForCard(bot: Bot, reference: string, personId: string, actionIds: readonly string[]): Promise<ChoicesFor> {
  const choices = new Map<string, Awaited<ReturnType<Bot['cases']['choices']>>>();
  for (const id of new Set(actionIds)) {
    if (id === 'assign' || id === 'approve') choices.set(id, await bot.cases.choices(reference, personId, id as CaseActionId));
  }
  return (id) => choices.get(id) ?? [];
}
