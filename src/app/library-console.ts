import type { Logger } from 'pino';

type ConsoleMethod = 'error' | 'warn' | 'info' | 'log' | 'debug';
const LEVELS: Record<ConsoleMethod, 'warn' | 'info' | 'debug'> = { error: 'warn', warn: 'warn', info: 'info', log: 'info', debug: 'debug' };

/**
 * What the Bot Framework SDK prints while refusing a token: "Error finding key for token. Available keys: <a PEM>"
 * (~450 bytes) and the expired-token error object with its stack. The refusal itself is logged once, structured,
 * by the Teams channel, so these are only repeats.
 */
function repeatsARefusal(first: unknown): boolean {
  if (first instanceof Error) return first.name === 'TokenExpiredError' || first.name === 'JsonWebTokenError' || first.name === 'NotBeforeError';
  return typeof first === 'string' && first.startsWith('Error finding key for token.');
}

/** The first line of what a library printed, short: never a stack, never a dump of an object's fields. */
function firstLine(first: unknown): string {
  const text = first instanceof Error ? `${first.name}: ${first.message}` : typeof first === 'string' ? first : typeof first;
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

/** The loggers of the servers running in this process, newest last; console lines go to the newest. */
const active: Logger[] = [];
let saved: Array<readonly [ConsoleMethod, Console[ConsoleMethod]]> = [];

/**
 * Sends what libraries print on the console (our own code never uses it) to the log as one structured line each,
 * at most 200 characters and without stacks, instead of multi-line text an operator's log tooling cannot read.
 * Returns the function that puts the console back once no server of this process needs it (servers may stop in
 * any order: tests run several).
 */
export function routeLibraryConsole(logger: Logger): () => void {
  const log = logger.child({ source: 'library-console' });
  if (active.length === 0) {
    saved = (Object.keys(LEVELS) as ConsoleMethod[]).map((method) => [method, console[method]] as const);
    for (const [method] of saved) {
      console[method] = (first?: unknown) => {
        if (repeatsARefusal(first)) return;
        active[active.length - 1]?.[LEVELS[method]]({ line: firstLine(first) }, 'a library wrote to the console');
      };
    }
  }
  active.push(log);
  return () => {
    const index = active.indexOf(log);
    if (index === -1) return;
    active.splice(index, 1);
    if (active.length === 0) for (const [method, original] of saved) console[method] = original;
  };
}
