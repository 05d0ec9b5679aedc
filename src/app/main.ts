import { loadSettings } from '../config/load-settings';
import { isAppError } from '../errors/app-error';
import { knowledgeBaseDir } from '../knowledge/knowledge-base-dir';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base';
import { createHttpServer } from '../channels/web/http-server';
import { startBackgroundJobs } from './background-jobs';
import { buildWorkflows } from './build-workflows';
import { createLogger } from './create-logger';
import { logNotifier } from './log-notifier';

// Composition root: reads settings, loads the knowledge base, starts the server. Only wiring lives here.
function main(): void {
  let settings;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(settings.LOG_LEVEL);
  let knowledgeBase;
  try {
    knowledgeBase = loadKnowledgeBase(knowledgeBaseDir(settings.KNOWLEDGE_BASE_DIR));
  } catch (error) {
    // Refuse to start half-configured: print every problem where an operator will see it.
    process.stderr.write(`cannot start: ${(error as Error).message}\n`);
    logger.fatal({ code: isAppError(error) ? error.code : 'internal_error' }, 'knowledge base invalid');
    process.exit(1);
  }
  let workflows;
  try {
    workflows = buildWorkflows(settings, knowledgeBase, logger);
  } catch (error) {
    process.stderr.write(`cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const jobs = startBackgroundJobs(workflows, logNotifier(logger), logger, settings.CASE_RETENTION_DAYS);
  void jobs.runOnce();
  const server = createHttpServer({ knowledgeBase, logger, store: workflows.deps.store });
  server.listen(settings.PORT, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : settings.PORT;
    logger.info({ port, councils: knowledgeBase.councilIds() }, 'council etiquette bot listening');
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    jobs.stop();
    server.close(() => {
      workflows.deps.store.close();
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main();
