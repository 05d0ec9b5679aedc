import { createServer, type Server } from 'node:http';

/** A minimal local Slack Web API for the Slack benchmark: answers ok and counts the messages the bot posts. */
export class BenchSlackApi {
  posted = 0;
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

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
