import { CallerIdConstants, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { TokenCheckingAuthentication } from './token-checking-authentication';
import type { Logger } from 'pino';
import type { Bot } from '../../app/bot';
import type { Settings } from '../../config/settings-schema';
import { AppError } from '../../errors/app-error';
import { DeliveryError, type Notification, type Notifier, type Recipient } from '../../workflows/notifications';
import { readJson } from '../http/http-io';
import type { Route } from '../http/http-types';
import { notificationCard } from './adaptive-cards';
import { noRetryHttpClient } from './no-retry-http-client';
import { EtiquetteTeamsBot } from './etiquette-teams-bot';

/** Teams as the server sees it. All botbuilder code stays in this folder, so the SDK can be swapped. */
export interface TeamsChannel {
  route: Route;
  notifier: Notifier;
  canReach(recipient: Recipient): boolean;
}

/**
 * A Bot Connector failure as the outbox understands it: 429 or 5xx with the Retry-After it gave; anything else
 * unchanged.
 */
export function teamsDeliveryError(error: unknown): unknown {
  const e = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
  if (error instanceof DeliveryError) return error;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || (status !== 429 && status < 500)) return error;
  const seconds = Number(e.response?.headers?.get?.('retry-after'));
  return new DeliveryError(`the Bot Connector answered HTTP ${status}`, status, Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined);
}

/**
 * Refuses a body that is no Bot Framework activity, naming what is missing. Checked before the SDK sees it: the SDK
 * answers a non-object with advice about Express middleware, throws on a missing type, and replies to an activity
 * without a serviceUrl at the public Bot Connector, which a test or a closed network cannot reach.
 */
function checkActivity(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('bad_request', 'the request body must be a Bot Framework activity (a JSON object)');
  const activity = body as { type?: unknown; serviceUrl?: unknown; from?: { id?: unknown }; conversation?: { id?: unknown } };
  const missing = [
    typeof activity.type === 'string' && activity.type !== '' ? null : 'type',
    typeof activity.serviceUrl === 'string' && /^https?:\/\//.test(activity.serviceUrl) ? null : 'serviceUrl',
    typeof activity.from?.id === 'string' ? null : 'from.id',
    typeof activity.conversation?.id === 'string' ? null : 'conversation.id',
  ].filter((field): field is string => field !== null);
  if (missing.length > 0) throw new AppError('bad_request', `the activity has no valid ${missing.join(', ')}`);
}

/**
 * The SDK's public-cloud settings with the signing keys read from elsewhere. The SDK takes one such setting as
 * meaning "I configure everything", leaving the others empty (and every token refused), so all are given.
 */
function publicCloudWithSigningKeysFrom(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * CloudAdapter at `/api/messages`. With MICROSOFT_APP_ID set, requests must carry a valid Bot Framework token
 * for that single-tenant app; without it (TEAMS_LOCAL, for the Emulator and tests) any caller is accepted.
 */
export function buildTeamsChannel(settings: Settings, bot: Bot, logger: Logger): TeamsChannel {
  const appId = settings.MICROSOFT_APP_ID ?? '';
  const config = appId
    ? {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: settings.MICROSOFT_APP_PASSWORD,
        MicrosoftAppTenantId: settings.MICROSOFT_APP_TENANT_ID,
        MicrosoftAppType: settings.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant',
        ...(settings.TEAMS_OPENID_METADATA_URL ? publicCloudWithSigningKeysFrom(settings.TEAMS_OPENID_METADATA_URL) : {}),
      }
    : {};
  const adapter = new CloudAdapter(new TokenCheckingAuthentication(config));
  // Proactive notifications go through their own adapter whose connector client sends once: the outbox retries.
  const notifyAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config, undefined, undefined, undefined, { httpClient: noRetryHttpClient() }));
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
        checkActivity(body);
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
        try {
          await notifyAdapter.continueConversationAsync(appId, reference, async (context) => {
            await context.sendActivity({ text: notification.text, attachments: [CardFactory.adaptiveCard(notificationCard(notification, (action) => (recipient.kind === 'person' && ['assign', 'approve'].includes(action) ? bot.cases.choices(notification.reference, recipient.personId, action) : [])))] });
          });
        } catch (error) {
          throw teamsDeliveryError(error);
        }
      },
    },
    canReach: (recipient) => referenceFor(recipient) !== undefined,
  };
}
