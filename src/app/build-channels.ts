import type { Logger } from 'pino';
import type { Route } from '../channels/http/http-types';
import type { Settings } from '../config/settings-schema';
import { DeliveryError, type DeliveryProgress, type Notification, type Notifier, type Recipient } from '../workflows/notifications';
import type { Bot } from './bot';
import { logNotifier } from './log-notifier';
import type * as SlackChannel from '../channels/slack/slack-channel';
import type * as TeamsChannel from '../channels/teams/teams-channel';
import type * as EmailChannel from '../channels/email/email-channel';

// Bolt and botbuilder take ~0.3 s each to load, so a channel's module is loaded only when its settings turn it on:
// a server with the web chat alone starts that much sooner.
/* eslint-disable @typescript-eslint/no-require-imports */
const slackChannel = () => require('../channels/slack/slack-channel') as typeof SlackChannel;
const teamsChannel = () => require('../channels/teams/teams-channel') as typeof TeamsChannel;
const emailChannel = () => require('../channels/email/email-channel') as typeof EmailChannel;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The chat channels turned on by the settings, their routes and the notifier that reaches people through them. */
export interface BuiltChannels {
  names: string[];
  routes: Route[];
  notifier: Notifier;
  stop(): Promise<void>;
}

/** A channel that can deliver notifications, named for the outbox's record of where one has gone. */
export interface Reacher {
  name: string;
  /** Teams looks up its stored conversation, so this may be asynchronous. */
  canReach(recipient: Recipient): boolean | Promise<boolean>;
  notifier: Notifier;
}

/**
 * A notifier that tries each channel that can reach the recipient, falling back to the log. Channels that
 * already delivered (per `progress`) are skipped; one channel failing does not stop the others, and the
 * failure is rethrown afterwards (with the longest Retry-After asked for) so the outbox retries only the rest.
 */
export function fanOutNotifier(channels: readonly Reacher[], fallback: Notifier): Notifier {
  return {
    async deliver(recipient: Recipient, notification: Notification, progress?: DeliveryProgress) {
      const able: Reacher[] = [];
      for (const channel of channels) if (await channel.canReach(recipient)) able.push(channel);
      if (able.length === 0) return fallback.deliver(recipient, notification);
      const failures: unknown[] = [];
      for (const channel of able) {
        if (progress?.done.includes(channel.name)) continue;
        try {
          await channel.notifier.deliver(recipient, notification, progress);
          await progress?.record(channel.name);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length === 0) return;
      const waits = failures.map((f) => (f instanceof DeliveryError ? f.retryAfterMs : undefined)).filter((ms): ms is number => ms !== undefined);
      const first = failures[0] as Error;
      throw waits.length > 0 ? new DeliveryError(first.message, first instanceof DeliveryError ? first.status : undefined, Math.max(...waits)) : first;
    },
  };
}

/**
 * A reacher that takes only the recipients none of `others` can reach. Email is for people without chat: someone
 * with a Slack id hears on Slack, and by email only when this server has no Slack turned on (or, on Teams, no
 * conversation with them yet), rather than nowhere but the log.
 */
export function whereNoneReach(reacher: Reacher, others: readonly Reacher[]): Reacher {
  return {
    ...reacher,
    canReach: async (recipient) => {
      if (!(await reacher.canReach(recipient))) return false;
      for (const other of others) if (await other.canReach(recipient)) return false;
      return true;
    },
  };
}

/** Builds Slack, Teams and email when their settings are present; the web chat and API need none. */
export async function buildChannels(settings: Settings, bot: Bot, logger: Logger): Promise<BuiltChannels> {
  const names = ['web'];
  const routes: Route[] = [];
  const reachers: Reacher[] = [];
  const stops: Array<() => Promise<void>> = [];
  if (settings.SLACK_BOT_TOKEN) {
    const slack = await slackChannel().buildSlackChannel(settings, bot, logger);
    if (slack.route) routes.push(slack.route);
    reachers.push({ name: 'slack', canReach: slack.canReach, notifier: slack.notifier });
    await slack.start();
    stops.push(slack.stop);
    names.push(slack.route ? 'slack (http)' : 'slack (socket mode)');
  }
  if (settings.MICROSOFT_APP_ID || settings.TEAMS_LOCAL === 'true') {
    const teams = teamsChannel().buildTeamsChannel(settings, bot, logger);
    routes.push(teams.route);
    reachers.push({ name: 'teams', canReach: teams.canReach, notifier: teams.notifier });
    names.push(settings.MICROSOFT_APP_ID ? 'teams' : 'teams (local, unauthenticated)');
  }
  if (settings.SMTP_URL) {
    const email = emailChannel().buildEmailChannel(settings, bot.directory, logger);
    reachers.push(whereNoneReach({ name: 'email', canReach: email.canReach, notifier: email.notifier }, [...reachers]));
    stops.push(email.stop);
    names.push(email.name);
  }
  return { names, routes, notifier: fanOutNotifier(reachers, logNotifier(logger)), stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
