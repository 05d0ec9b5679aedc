import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './usage-error';

/** Parses options strictly, so a misspelt flag is a usage error rather than silently ignored. */
export function parseOptions<const Options extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}
