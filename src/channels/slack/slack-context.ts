import type { Logger } from 'pino';
import type { Bot } from '../../app/bot';

/** What Slack listeners share: the core, the workspace's council, a logger. */
export interface SlackContext {
  bot: Bot;
  council: string;
  logger: Logger;
}

/** Parses a button's JSON value; a tampered value is treated as absent. */
export function buttonValue<T>(raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}
