import { runCli } from '../../src/channels/cli/run-cli';

/** Output and exit code of one in-process `etiquette` run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams and the given environment. */
export async function runEtiquette(argv: string[], env: NodeJS.ProcessEnv = {}, stdin: string[] = []): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    env,
    stdinLines: async function* lines() {
      yield* stdin;
    },
  });
  return { code, stdout, stderr };
}
