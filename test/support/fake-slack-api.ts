import { createServer, type Server } from 'node:http';

/** One Web API call the bot made. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

/** A local stand-in for the Slack Web API: records every call and answers ok. */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  private server: Server | undefined;
  /** Makes the next N calls of a method fail with this HTTP status (429, 500 …), with an optional Retry-After. */
  failures = new Map<string, { status: number; remaining: number; retryAfterSeconds?: number }>();
  /** Every call that arrived, including refused ones, by method. */
  readonly attempts = new Map<string, number>();

  /** Makes the next `count` calls of `method` fail with `status`. */
  failNext(method: string, count: number, status: number, retryAfterSeconds: number | undefined = status === 429 ? 0 : undefined): void {
    this.failures.set(method, { status, remaining: count, retryAfterSeconds });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
        const raw = Buffer.concat(chunks).toString('utf8');
        let args: Record<string, unknown> = {};
        if (String(req.headers['content-type']).includes('json')) args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        else args = Object.fromEntries(new URLSearchParams(raw).entries());
        for (const key of ['blocks', 'view']) {
          if (typeof args[key] === 'string') args[key] = JSON.parse(args[key] as string);
        }
        this.attempts.set(method, (this.attempts.get(method) ?? 0) + 1);
        const failure = this.failures.get(method);
        if (failure && failure.remaining > 0) {
          failure.remaining -= 1;
          const wait = failure.retryAfterSeconds ?? (failure.status === 429 ? 0 : undefined);
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(wait !== undefined ? { 'retry-after': String(wait) } : {}) });
          res.end(JSON.stringify({ ok: false, error: failure.status === 429 ? 'ratelimited' : 'internal_error' }));
          return;
        }
        this.calls.push({ method, args });
        const reply: Record<string, unknown> = { ok: true };
        if (method === 'auth.test') Object.assign(reply, { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
        if (method === 'chat.postMessage') Object.assign(reply, { ts: `${Date.now() / 1000}`, channel: args.channel });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/`;
  }

  /** Calls of one method. */
  of(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Waits until a call matching the predicate arrives (listeners reply after the ack). */
  async waitFor(method: string, predicate: (call: SlackCall) => boolean = () => true, timeoutMs = 5000): Promise<SlackCall> {
    const started = Date.now();
    for (;;) {
      const found = this.of(method).find(predicate);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no ${method} call arrived; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
