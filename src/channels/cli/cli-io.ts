/** Where a CLI command writes; tests pass buffers, the real entry point passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Standard input as lines, for the batch commands. */
  stdinLines?: () => AsyncIterable<string>;
}

/** Exit codes of CONTRACTS.md: 0 success, 1 internal error or failed check, 2 bad arguments. */
export const EXIT = { ok: 0, failure: 1, badArguments: 2 } as const;
