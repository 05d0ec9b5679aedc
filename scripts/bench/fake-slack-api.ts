import { createServer, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A minimal local Slack Web API for the benchmarks: answers ok, counts the messages the bot posts and notes when
 * the first and the last of them arrived.
 */
export class BenchSlackApi {
  posted = 0;
  /** `performance.now()` when the first and the latest `chat.postMessage` arrived (NaN before any). */
  firstPostAt = Number.NaN;
  lastPostAt = Number.NaN;
  private server: Server | undefined;

  /** Starts on a free port; returns the base URL to give the bot as SLACK_API_URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
        const reply: Record<string, unknown> = { ok: true };
        if (method === 'auth.test') Object.assign(reply, { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
        if (method === 'chat.postMessage') {
          this.posted += 1;
          this.lastPostAt = performance.now();
          if (this.posted === 1) this.firstPostAt = this.lastPostAt;
          Object.assign(reply, { ts: `${Date.now() / 1000}` });
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/`;
  }

  /** Resolves once `count` messages have been posted; rejects after `timeoutMs`. */
  async waitForPosts(count: number, timeoutMs: number): Promise<void> {
    const started = performance.now();
    while (this.posted < count) {
      if (performance.now() - started > timeoutMs) throw new Error(`the fake Slack API received ${this.posted} of ${count} messages within ${timeoutMs} ms`);
      await sleep(10);
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
