import type { Logger } from 'pino';
import type { Route } from '../channels/http/http-types';
import type { Settings } from '../config/settings-schema';
import type { Notifier, Recipient, Notification } from '../workflows/notifications';
import type { Bot } from './bot';
import { logNotifier } from './log-notifier';
import { buildSlackChannel } from '../channels/slack/slack-channel';
import { buildTeamsChannel } from '../channels/teams/teams-channel';

/** The chat channels turned on by the settings, their routes and the notifier that reaches people through them. */
export interface BuiltChannels {
  names: string[];
  routes: Route[];
  notifier: Notifier;
  stop(): Promise<void>;
}

/** A notifier that tries each channel that can reach the recipient, falling back to the log. */
export function fanOutNotifier(channels: Array<{ canReach(recipient: Recipient): boolean; notifier: Notifier }>, fallback: Notifier): Notifier {
  return {
    async deliver(recipient: Recipient, notification: Notification) {
      const able = channels.filter((channel) => channel.canReach(recipient));
      if (able.length === 0) return fallback.deliver(recipient, notification);
      for (const channel of able) await channel.notifier.deliver(recipient, notification);
    },
  };
}

/** Builds Slack and Teams when their settings are present; the web chat and API need none. */
export async function buildChannels(settings: Settings, bot: Bot, logger: Logger): Promise<BuiltChannels> {
  const names = ['web'];
  const routes: Route[] = [];
  const reachers: Array<{ canReach(recipient: Recipient): boolean; notifier: Notifier }> = [];
  const stops: Array<() => Promise<void>> = [];
  if (settings.SLACK_BOT_TOKEN) {
    const slack = await buildSlackChannel(settings, bot, logger);
    if (slack.route) routes.push(slack.route);
    reachers.push(slack);
    await slack.start();
    stops.push(slack.stop);
    names.push(slack.route ? 'slack (http)' : 'slack (socket mode)');
  }
  if (settings.MICROSOFT_APP_ID || settings.TEAMS_LOCAL === 'true') {
    const teams = buildTeamsChannel(settings, bot, logger);
    routes.push(teams.route);
    reachers.push(teams);
    names.push(settings.MICROSOFT_APP_ID ? 'teams' : 'teams (local, unauthenticated)');
  }
  return { names, routes, notifier: fanOutNotifier(reachers, logNotifier(logger)), stop: async () => void (await Promise.all(stops.map((s) => s()))) };
}
