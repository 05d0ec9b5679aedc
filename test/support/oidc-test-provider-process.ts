import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './built-entry-points';

/** A local OpenID provider's client registration and accounts (account id -> ID token claims). */
export interface TestProviderOptions {
  client: { client_id: string; client_secret: string; redirect_uris: string[] };
  accounts: Record<string, Record<string, unknown>>;
}

/** A running local OpenID provider: its issuer URL, which account the next sign-in logs in, and stop. */
export interface TestProvider {
  issuer: string;
  signInAs(accountId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts test/support/oidc-test-provider.mjs (a real oidc-provider) on a free loopback port. */
export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'test', 'support', 'oidc-test-provider.mjs')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', OIDC_TEST_CLIENT: JSON.stringify(options.client), OIDC_TEST_ACCOUNTS: JSON.stringify(options.accounts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve(ready[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the test OpenID provider stopped (${code}): ${stderr}`)));
  });
  return {
    issuer,
    signInAs: async (accountId) => {
      await fetch(`${issuer}/test/next-account`, { method: 'POST', body: accountId });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
