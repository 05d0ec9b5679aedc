import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { isAppError } from '../../../errors/app-error';
import { isCaseActionId } from '../../../workflows/cases/case-action';
import type { CaseCard } from '../../../workflows/cases/case-card';
import { slackBlocks } from '../blocks/answer-blocks';
import { caseActionModal, caseCardBlocks, caseDetailsBlocks, caseDetailsText, type CaseButtonValue, type MessagePlace } from '../blocks/case-blocks';
import { viewValue } from '../blocks/case-modals';
import { buttonValue, type SlackContext } from '../slack-context';
import { publishHome } from './home-listener';

type Client = AllMiddlewareArgs['client'];
type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

/** The message a button was pressed in (a DM notice), or undefined for App Home and modals. */
function placeOf(body: BlockAction): MessagePlace | undefined {
  const container = body.container as { type?: string; channel_id?: string; message_ts?: string } | undefined;
  return container?.type === 'message' && container.channel_id && container.message_ts ? { channel: container.channel_id, ts: container.message_ts } : undefined;
}

/** What a refused action tells the person: the workflow's own reason, or a plain apology (never internals). */
const refusalText = (error: unknown) => (isAppError(error) ? `Not done: ${error.message}` : 'Sorry, something went wrong on our side. Please try again.');

/**
 * Case buttons (`case_<action>`, the reference as value) and the one modal for actions that need words or a person.
 * After an action, the message it came from is updated in place with the case as it now stands and the buttons now
 * valid for this person; App Home is published again. What may be done is the core's decision (CaseDesk).
 */
export function registerCaseActionListeners(app: App, ctx: SlackContext): void {
  const me = (userId: string) => ctx.bot.identify({ channel: 'slack', council: ctx.council, userId });

  /** Shows the case's card where the person acted: the message updated in place, or App Home again. */
  const showCard = async (client: Client, userId: string, reference: string, place: MessagePlace | undefined, outcome?: string, shown?: CaseCard) => {
    const card = shown ?? (await ctx.bot.cases.card(reference, (await me(userId)).personId));
    if (place) await client.chat.update({ channel: place.channel, ts: place.ts, text: outcome ? `${outcome} ${card.headline}` : card.headline, blocks: slackBlocks(caseCardBlocks(card, outcome)) });
    else await publishHome(client, ctx, userId);
  };

  app.action(/^case_/, async ({ action, ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const pressed = action as { action_id: string; value?: string };
    const reference = pressed.value ?? '';
    const name = pressed.action_id.slice('case_'.length);
    const userId = body.user.id;
    const place = placeOf(body);
    const person = await me(userId);
    try {
      if (!isCaseActionId(name)) throw new Error('unknown case button');
      if (name === 'view') {
        const details = await ctx.bot.cases.details(reference, person.personId);
        await client.chat.postMessage({ channel: userId, text: caseDetailsText(details), blocks: slackBlocks(caseDetailsBlocks(details)) });
        return;
      }
      if (name === 'export') {
        await client.chat.postMessage({
          channel: userId,
          text: `You can download everything held about ${reference} from the web chat's case console ("My cases", then "Download"). It is not sent through Slack, which keeps its own copy of messages.`,
        });
        return;
      }
      const offered = await ctx.bot.cases.offeredAction(reference, person.personId, name);
      if (offered?.input) {
        const value: CaseButtonValue = { reference, action: name, ...(place ? { place } : {}) };
        const choices = offered.input.kind === 'person' || offered.input.kind === 'officer' ? await ctx.bot.cases.choices(reference, person.personId, name) : [];
        await client.views.open({ trigger_id: body.trigger_id, view: caseActionModal(offered, value, choices) as never });
        return;
      }
      const card = await ctx.bot.cases.act(reference, person.personId, name);
      await showCard(client, userId, reference, place, 'Done.', card);
    } catch (error) {
      await client.chat.postMessage({
        channel: userId,
        text: isAppError(error) || !(error instanceof Error) || error.message !== 'unknown case button' ? refusalText(error) : 'Not done: I did not recognise that button.',
      });
      // The buttons shown may be stale (someone else acted first): show the case as it now is.
      if (isAppError(error) && ['invalid_transition', 'not_permitted'].includes(error.code)) await showCard(client, userId, reference, place).catch(() => undefined);
    }
  });

  app.view('case_action_modal', async ({ ack, view, body, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const value = buttonValue<CaseButtonValue>(view.private_metadata);
    const values = view.state.values as unknown as ViewValues;
    const person = await me(body.user.id);
    if (!value) return void (await ack({ response_action: 'errors', errors: { text: 'This form has expired; open the case again.' } }));
    let card: CaseCard;
    try {
      card = await ctx.bot.cases.act(value.reference, person.personId, value.action, { text: viewValue(values, 'text'), notes: viewValue(values, 'notes'), personId: viewValue(values, 'person') });
      await ack();
    } catch (error) {
      // A field's problem is shown on the field; anything else on the first field of the form, in plain words.
      const block = values.person ? 'person' : 'text';
      return void (await ack({ response_action: 'errors', errors: { [block]: isAppError(error) ? error.message.slice(0, 150) : 'Sorry, that could not be done just now. Please try again.' } }));
    }
    await showCard(client, body.user.id, value.reference, value.place, 'Done.', card).catch((error: unknown) =>
      ctx.logger.warn({ channel: 'slack', code: isAppError(error) ? error.code : 'internal_error' }, 'could not update the case message'),
    );
  });
}
