import { App, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Bot } from '../../app/bot';
import type { Settings } from '../../config/settings-schema';
import { AppError } from '../../errors/app-error';
import type { Notifier, Recipient } from '../../workflows/notifications';
import type { Route } from '../http/http-types';
import { registerAnswerActions } from './listeners/answer-actions';
import { registerAnswerListeners } from './listeners/answer-listeners';
import { registerCaseActionListeners } from './listeners/case-action-listeners';
import { registerCaseListeners } from './listeners/case-listeners';
import { registerHomeListener } from './listeners/home-listener';
import type { SlackContext } from './slack-context';
import { slackAddress, slackNotifier } from './slack-notifier';
import { SlackHttpReceiver } from './slack-receiver';

/** Slack as the server sees it: a route (HTTP mode), a notifier, and start/stop. */
export interface SlackChannel {
  route: Route | null;
  notifier: Notifier;
  canReach(recipient: Recipient): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The bot's own ids, from `auth.test`. A few quick retries, not the SDK's default of ten over half an hour: a
 * server that cannot reach Slack, or holds a revoked token, says so within seconds instead of hanging at start-up.
 */
async function lookUpBotIdentity(token: string, clientOptions: { slackApiUrl?: string }, apiUrl: string | undefined): Promise<{ bot_id?: string; user_id?: string }> {
  const client = new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 }, timeout: 5_000 });
  try {
    return await client.auth.test();
  } catch (error) {
    const where = apiUrl ?? 'https://slack.com/api/';
    const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new AppError('chat_service_unavailable', `Slack refused or did not answer auth.test at ${where} (${reason}): check SLACK_BOT_TOKEN and SLACK_API_URL`);
  }
}

/**
 * Builds the Slack app: HTTP mode at `/slack/events` with signature checks, or Socket Mode when
 * SLACK_APP_TOKEN is set (for councils that cannot expose a public URL). The bot's own ids are looked up once
 * with `auth.test`, so Bolt does not call it on every request.
 */
export async function buildSlackChannel(settings: Settings, bot: Bot, logger: Logger, now: () => Date = () => new Date()): Promise<SlackChannel> {
  const token = settings.SLACK_BOT_TOKEN ?? '';
  const council = settings.COUNCIL ?? '';
  const clientOptions = settings.SLACK_API_URL ? { slackApiUrl: settings.SLACK_API_URL } : {};
  const identity = await lookUpBotIdentity(token, clientOptions, settings.SLACK_API_URL);
  const ids = { botId: String(identity.bot_id ?? ''), botUserId: String(identity.user_id ?? '') };

  const httpReceiver = settings.SLACK_APP_TOKEN ? null : new SlackHttpReceiver(settings.SLACK_SIGNING_SECRET ?? '', bot.channelStore, now, logger);
  const receiver = httpReceiver ?? new SocketModeReceiver({ appToken: settings.SLACK_APP_TOKEN ?? '' });
  const app = new App({ token, receiver, clientOptions, tokenVerificationEnabled: false, ...ids });
  const ctx: SlackContext = { bot, council, logger: logger.child({ channel: 'slack' }) };
  registerAnswerListeners(app, ctx);
  registerAnswerActions(app, ctx);
  registerCaseListeners(app, ctx);
  registerCaseActionListeners(app, ctx);
  registerHomeListener(app, ctx);
  app.error(async (error) => {
    ctx.logger.error({ code: (error as { code?: string }).code ?? 'slack_error' }, 'Slack listener error');
  });

  return {
    route: httpReceiver ? httpReceiver.route() : null,
    // Its own client, without the SDK's retries (up to 30 minutes inside one call) or its silent waits on 429:
    // the outbox retries with backoff and honours Retry-After, so one slow message never holds up the rest.
    notifier: slackNotifier(new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: settings.SLACK_CALL_TIMEOUT_MS }), bot.directory),
    // The workspace is its council's: another council's people (and HR) are never posted to from it.
    canReach: (recipient) => (council === '' || recipient.council === council) && slackAddress(bot.directory, recipient) !== undefined,
    start: async () => {
      if (!httpReceiver) await app.start();
    },
    stop: async () => {
      if (!httpReceiver) await app.stop();
    },
  };
}
