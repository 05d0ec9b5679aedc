import { loadSettings } from '../config/load-settings';
import { isAppError } from '../errors/app-error';
import { createLogger } from './create-logger';
import { startServer } from './start-server';

// Entry point of `npm start`: settings, then the server; every start-up problem is printed in full.
async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    process.stderr.write(`cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(settings.LOG_LEVEL);
  let running;
  try {
    running = await startServer(settings, logger);
  } catch (error) {
    // Refuse to start half-configured.
    process.stderr.write(`cannot start: ${(error as Error).message}\n`);
    logger.fatal({ code: isAppError(error) ? error.code : 'internal_error' }, 'start-up failed');
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => process.exit(1), 10_000).unref();
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
