import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Bot } from '../../app/bot';
import type { Settings } from '../../config/settings-schema';
import type { Notification, Notifier, Recipient } from '../../workflows/notifications';
import { readJson } from '../http/http-io';
import type { Route } from '../http/http-types';
import { notificationCard } from './adaptive-cards';
import { EtiquetteTeamsBot } from './etiquette-teams-bot';

/** Teams as the server sees it. All botbuilder code stays in this folder, so the SDK can be swapped. */
export interface TeamsChannel {
  route: Route;
  notifier: Notifier;
  canReach(recipient: Recipient): boolean;
}

/**
 * CloudAdapter at `/api/messages`. With MICROSOFT_APP_ID set, requests must carry a valid Bot Framework token
 * for that single-tenant app; without it (TEAMS_LOCAL, for the Emulator and tests) any caller is accepted.
 */
export function buildTeamsChannel(settings: Settings, bot: Bot, logger: Logger): TeamsChannel {
  const appId = settings.MICROSOFT_APP_ID ?? '';
  const auth = new ConfigurationBotFrameworkAuthentication(
    appId
      ? { MicrosoftAppId: appId, MicrosoftAppPassword: settings.MICROSOFT_APP_PASSWORD, MicrosoftAppTenantId: settings.MICROSOFT_APP_TENANT_ID, MicrosoftAppType: settings.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant' }
      : {},
  );
  const adapter = new CloudAdapter(auth);
  const log = logger.child({ channel: 'teams' });
  adapter.onTurnError = async (context, error) => {
    log.error({ code: (error as { code?: string }).code ?? 'teams_error' }, 'Teams turn error');
    await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
  };
  const handler = new EtiquetteTeamsBot(bot, settings.COUNCIL ?? '', log);

  const referenceFor = (recipient: Recipient): ConversationReference | undefined => {
    const key =
      recipient.kind === 'hr'
        ? (() => {
            const id = bot.directory.councilIds().includes(recipient.council) ? bot.directory.hr(recipient.council).teamsConversationId : undefined;
            return id ? `teams-conversation:${id}` : undefined;
          })()
        : (() => {
            const id = bot.directory.person(recipient.council, recipient.personId)?.teamsUserId;
            return id ? `teams:${id}` : undefined;
          })();
    const json = key ? bot.channelStore.conversationReference(key) : undefined;
    return json ? (JSON.parse(json) as ConversationReference) : undefined;
  };

  return {
    route: {
      method: 'POST',
      path: '/api/messages',
      handle: async ({ req, res }) => {
        const body = await readJson(req, 256 * 1024);
        // CloudAdapter expects express-style objects; these adapt ours and nothing more.
        const request = { body: body as Record<string, unknown>, headers: req.headers as Record<string, string>, method: req.method };
        const response = {
          socket: res.socket,
          status: (code: number) => {
            res.statusCode = code;
          },
          header: (name: string, value: unknown) => res.setHeader(name, String(value)),
          send: (payload: unknown) => {
            if (payload === undefined) return;
            if (typeof payload === 'string') res.write(payload);
            else {
              res.setHeader('content-type', 'application/json');
              res.write(JSON.stringify(payload));
            }
          },
          end: () => res.end(),
        };
        await adapter.process(request, response, (context) => handler.run(context));
      },
    },
    notifier: {
      async deliver(recipient: Recipient, notification: Notification) {
        const reference = referenceFor(recipient);
        if (!reference) throw new Error('no stored Teams conversation for the recipient');
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          await context.sendActivity({ text: notification.text, attachments: [CardFactory.adaptiveCard(notificationCard(notification))] });
        });
      },
    },
    canReach: (recipient) => referenceFor(recipient) !== undefined,
  };
}
