import { loadSettings } from '../config/load-settings';
import { createHttpServer } from '../channels/http/create-http-server';
import { opsRoutes } from '../channels/http/ops-routes';
import type { Route } from '../channels/http/http-types';
import { webRoutes } from '../channels/web/web-routes';
import { isAppError } from '../errors/app-error';
import { startBackgroundJobs } from './background-jobs';
import { buildBot } from './build-bot';
import { buildChannels } from './build-channels';
import { createLogger } from './create-logger';

// Composition root: settings, core, channels, server, background jobs. Only wiring lives here.
async function main(): Promise<void> {
  const started = Date.now();
  let settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    process.stderr.write(`cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(settings.LOG_LEVEL);
  let built;
  try {
    built = buildBot(settings, logger);
  } catch (error) {
    // Refuse to start half-configured: print every problem where an operator will see it.
    process.stderr.write(`cannot start: ${(error as Error).message}\n`);
    logger.fatal({ code: isAppError(error) ? error.code : 'internal_error' }, 'start-up failed');
    process.exit(1);
  }
  const { bot, workflows, metrics, classifierSource } = built;
  const channels = await buildChannels(settings, bot, logger);
  const routes: Route[] = [
    ...opsRoutes(bot.kb, workflows.deps.store, metrics),
    ...webRoutes(bot, { devSignIn: settings.WEB_DEV_SIGN_IN ? settings.WEB_DEV_SIGN_IN === 'true' : settings.NODE_ENV === 'development' }),
    ...channels.routes,
  ];
  const server = createHttpServer(routes, logger);
  const jobs = startBackgroundJobs(workflows, channels.notifier, logger, settings.CASE_RETENTION_DAYS);
  server.listen(settings.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : settings.PORT;
    logger.info(
      { port, councils: bot.kb.councilIds(), channels: channels.names, model: classifierSource.fromCache ? 'cached' : 'trained', startupMs: Date.now() - started },
      'council etiquette bot listening',
    );
    void jobs.runOnce();
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    jobs.stop();
    void channels.stop();
    server.close(() => {
      workflows.deps.store.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
