import type { Logger } from 'pino';
import { buildWorkflows, type BuiltWorkflows } from '../../app/build-workflows';
import { createLogger } from '../../app/create-logger';
import type { Settings } from '../../config/settings-schema';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';

/** The logger of a command that opens the database: on stderr so that stdout stays clean JSON, quiet at `info`. */
export function commandLogger(settings: Settings): Logger {
  return createLogger(settings.LOG_LEVEL === 'info' ? 'error' : settings.LOG_LEVEL, process.stderr);
}

/** Opens the workflows (and their database) for one use, and closes the store whatever happens. */
export async function withWorkflows<T>(settings: Settings, kb: KnowledgeBase, logger: Logger, use: (workflows: BuiltWorkflows) => T | Promise<T>): Promise<T> {
  const workflows = await buildWorkflows(settings, kb, logger);
  try {
    return await use(workflows);
  } finally {
    await workflows.deps.store.close();
  }
}
