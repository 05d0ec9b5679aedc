import { CallerIdConstants, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConversationReference } from 'botbuilder';
import { AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import { TokenCheckingAuthentication } from './token-checking-authentication';
import type { Logger } from 'pino';
import type { Bot } from '../../app/bot';
import type { Settings } from '../../config/settings-schema';
import { AppError } from '../../errors/app-error';
import { DeliveryError, type Notification, type Notifier, type Recipient } from '../../workflows/notifications';
import { readJson, sendJson, statusFor } from '../http/http-io';
import type { Route } from '../http/http-types';
import { notificationCard } from './adaptive-cards';
import { choicesForCard } from './card-actions/case-choices';
import { notificationActions } from '../../workflows/cases/notification-actions';
import { noRetryHttpClient } from './no-retry-http-client';
import { EtiquetteTeamsBot } from './etiquette-teams-bot';
import { RequestAdapter } from './request-adapter';

/** Teams as the server sees it. All botbuilder code stays in this folder, so the SDK can be swapped. */
export interface TeamsChannel {
  route: Route;
  notifier: Notifier;
  canReach(recipient: Recipient): Promise<boolean>;
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
function checkActivity(body: unknown): Activity {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('bad_request', 'the request body must be a Bot Framework activity (a JSON object)');
  const activity = body as { type?: unknown; serviceUrl?: unknown; from?: { id?: unknown; aadObjectId?: unknown }; conversation?: { id?: unknown } };
  const missing = [
    typeof activity.type === 'string' && activity.type !== '' ? null : 'type',
    typeof activity.serviceUrl === 'string' && /^https?:\/\/[\x21-\x7e]+$/.test(activity.serviceUrl) ? null : 'serviceUrl',
    isChannelId(activity.from?.id) ? null : 'from.id',
    activity.from?.aadObjectId === undefined || isChannelId(activity.from.aadObjectId) ? null : 'from.aadObjectId',
    isChannelId(activity.conversation?.id) ? null : 'conversation.id',
  ].filter((field): field is string => field !== null);
  if (missing.length > 0) throw new AppError('bad_request', `the activity has no valid ${missing.join(', ')} (ids are printable ASCII, at most ${MAX_ID_LENGTH} characters)`);
  return body as Activity;
}

/** Longer than any id Teams sends (a thread id with its message id is under 200 characters). */
const MAX_ID_LENGTH = 512;

/**
 * An id as Teams writes them (`29:1a…`, `19:…@thread.tacv2;messageid=…`, `a:1…`): printable ASCII. The SDK puts
 * the conversation id in a header when it replies, so a control character there made it fail with a 500 in its own
 * words ("Invalid character in header content").
 */
function isChannelId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ID_LENGTH && /^[\x20-\x7e]*$/.test(value);
}

/** The one log line of a refused request: what was refused and why, never the activity or a stack. */
function logRefusal(log: Logger, error: AppError): void {
  log.warn({ code: error.code, status: statusFor(error) }, 'Teams request refused');
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
  const adapter = new RequestAdapter(new TokenCheckingAuthentication(config));
  // Proactive notifications go through their own adapter whose connector client sends once: the outbox retries.
  const notifyAdapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(config, undefined, undefined, undefined, { httpClient: noRetryHttpClient() }));
  const log = logger.child({ channel: 'teams' });
  adapter.onTurnError = async (context, error) => {
    log.error({ code: (error as { code?: string }).code ?? 'teams_error' }, 'Teams turn error');
    await context.sendActivity('Sorry, something went wrong on our side. Please try again.');
  };
  const handler = new EtiquetteTeamsBot(bot, settings.COUNCIL ?? '', log);

  const referenceFor = async (recipient: Recipient): Promise<ConversationReference | undefined> => {
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
    const json = key ? await bot.channelStore.conversationReference(key) : undefined;
    return json ? (JSON.parse(json) as ConversationReference) : undefined;
  };

  return {
    route: {
      method: 'POST',
      path: '/api/messages',
      handle: async ({ req, res }) => {
        let activity: Activity;
        try {
          activity = checkActivity(await readJson(req, 256 * 1024));
        } catch (error) {
          if (error instanceof AppError) logRefusal(log, error);
          throw error;
        }
        const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
        let invokeResponse;
        try {
          invokeResponse = await adapter.handle(authHeader, activity, (context) => handler.run(context));
        } catch (error) {
          if (!(error instanceof AuthenticationError)) throw error;
          const refused = new AppError('unauthorised', 'the request does not carry a valid Bot Framework token for this bot');
          logRefusal(log, refused);
          throw refused;
        }
        // A message gets an empty 200; an invoke (a card's Action.Execute) gets the status and body its turn set.
        if (invokeResponse?.body === undefined) {
          res.writeHead(invokeResponse?.status ?? 200);
          res.end();
        } else sendJson(res, invokeResponse.status, invokeResponse.body);
      },
    },
    notifier: {
      async deliver(recipient: Recipient, notification: Notification) {
        const reference = await referenceFor(recipient);
        if (!reference) throw new Error('no stored Teams conversation for the recipient');
        try {
          const choicesFor =
            recipient.kind === 'person'
              ? await choicesForCard(
                  bot,
                  notification.reference,
                  recipient.personId,
                  notificationActions(notification).map((a) => a.id),
                )
              : () => [];
          await notifyAdapter.continueConversationAsync(appId, reference, async (context) => {
            await context.sendActivity({
              text: notification.text,
              attachments: [CardFactory.adaptiveCard(notificationCard(notification, choicesFor))],
            });
          });
        } catch (error) {
          throw teamsDeliveryError(error);
        }
      },
    },
    // The tenant is its council's: another council's people (and HR) are never messaged from it.
    canReach: async (recipient) => (!settings.COUNCIL || recipient.council === settings.COUNCIL) && (await referenceFor(recipient)) !== undefined,
  };
}
