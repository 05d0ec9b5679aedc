import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createHttpServer } from '../channels/http/create-http-server';
import type { Route } from '../channels/http/http-types';
import { opsRoutes } from '../channels/http/ops-routes';
import { webRoutes } from '../channels/web/web-routes';
import { isLocalEnvironment, type Settings } from '../config/settings-schema';
import { startBackgroundJobs, type BackgroundJobs } from './background-jobs';
import { buildBot, type BuiltBot } from './build-bot';
import { buildChannels, type BuiltChannels } from './build-channels';
import { routeLibraryConsole } from './library-console';

/** A running server and what it is made of, so it can be stopped cleanly (and inspected by tests). */
export interface RunningServer {
  server: Server;
  port: number;
  built: BuiltBot;
  channels: BuiltChannels;
  jobs: BackgroundJobs;
  /** Stops taking requests, finishes those in flight, stops the jobs and closes the database. */
  stop(): Promise<void>;
}

/** Builds everything from settings and listens on PORT (0 for any free port). */
export async function startServer(settings: Settings, logger: Logger): Promise<RunningServer> {
  const started = Date.now();
  const built = buildBot(settings, logger);
  const { bot, workflows, metrics, classifierSource } = built;
  const channels = await buildChannels(settings, bot, logger);
  const restoreConsole = routeLibraryConsole(logger);
  const routes: Route[] = [
    ...opsRoutes(bot.kb, workflows.deps.store, metrics, { token: settings.METRICS_TOKEN, open: settings.NODE_ENV === 'development' }),
    ...webRoutes(bot, { devSignIn: settings.WEB_DEV_SIGN_IN ? settings.WEB_DEV_SIGN_IN === 'true' : settings.NODE_ENV === 'development' }),
    ...channels.routes,
  ];
  const server = createHttpServer(routes, logger);
  const jobs = startBackgroundJobs(workflows, channels.notifier, logger, { caseDays: settings.CASE_RETENTION_DAYS, unansweredDays: settings.UNANSWERED_RETENTION_DAYS }, undefined, {
    perSecond: settings.OUTBOX_SENDS_PER_SECOND,
    burst: settings.OUTBOX_BURST,
  });
  // Development on this machine only: its sign-in is a stub, so it must not be reachable from the network.
  const host = settings.HOST ?? (isLocalEnvironment(settings.NODE_ENV) ? '127.0.0.1' : '0.0.0.0');
  await new Promise<void>((resolve) => server.listen(settings.PORT, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.PORT;
  logger.info(
    { port, host, councils: bot.kb.councilIds(), channels: channels.names, model: classifierSource.fromCache ? 'cached' : 'trained', startupMs: Date.now() - started },
    'council etiquette bot listening',
  );
  void jobs.runOnce();
  return {
    server,
    port,
    built,
    channels,
    jobs,
    stop: async () => {
      jobs.stop();
      await jobs.settled();
      await channels.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      workflows.deps.store.close();
      restoreConsole();
    },
  };
}
