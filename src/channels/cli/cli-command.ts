import type { Settings } from '../../config/settings-schema';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { CliIo } from './cli-io';

/** What every command gets from `runCli`: the settings loaded once, the streams, and the knowledge base on demand. */
export interface CliContext {
  settings: Settings;
  io: CliIo;
  /** Loads the knowledge base; a command calls it only when it needs it. */
  loadKb: () => KnowledgeBase;
}

/** One `etiquette` command: the first word of the command line, and how to parse the rest and run. */
export interface CliCommand {
  name: string;
  /** Parses its own options strictly and runs; a bad command line throws a `bad_arguments` error. */
  run(args: string[], context: CliContext): number | Promise<number>;
}
