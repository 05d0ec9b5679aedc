import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { builtEntry, ROOT } from '../support/built-entry-points';
import { copyKnowledgeBase, editYaml } from '../support/knowledge-base-fixture';
import { tempDataDir } from '../support/temp-data-dir';

/** Starts the built server and resolves with its port once it logs that it listens. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [builtEntry('src/app/main.js')], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: tempDataDir(), ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"port":(\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

describe('the server', () => {
  it('starts with no credentials and answers health and readiness checks', async () => {
    const { child, port } = await startServer({});
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { councils: number; database: string };
      expect(ready).toMatchObject({ councils: 5, database: 'writable' });
      expect((await fetch(`http://127.0.0.1:${port}/no-such-page`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  }, 20_000);

  it('refuses to start on a broken knowledge base, naming the file and path', async () => {
    const dir = copyKnowledgeBase();
    editYaml(dir, 'council-2016/complaint-routes.yaml', (data) => {
      data.routes[0].clauses = ['0.0'];
    });
    const child = spawn(process.execPath, [builtEntry('src/app/main.js')], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: tempDataDir(), KNOWLEDGE_BASE_DIR: dir } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/council-2016\/complaint-routes\.yaml:\d+: routes\[0\]\.clauses\[0\]: unknown clause "0\.0"/);
  }, 20_000);

  it('says within seconds, and stops, when Slack cannot be reached to check its token', async () => {
    // A port nothing listens on: the connection is refused at once, as when the Slack API is unreachable.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const started = Date.now();
    const child = spawn(process.execPath, [builtEntry('src/app/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        DATA_DIR: tempDataDir(),
        COUNCIL: 'lydney',
        SLACK_SIGNING_SECRET: 'test-secret',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/cannot start: Slack refused or did not answer auth\.test at http:\/\/127\.0\.0\.1:\d+\/api\/ .*check SLACK_BOT_TOKEN and SLACK_API_URL/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
