import { createServer, type Server } from 'node:http';

/** One Web API call the bot made. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

/**
 * A local stand-in for the Slack Web API: records every call and answers ok; DM history (with message metadata)
 * is what was posted; calls can be made to fail, to answer late, or to hang.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  private server: Server | undefined;
  /** Makes the next N calls of a method fail with this HTTP status (429, 500 …), with an optional Retry-After. */
  failures = new Map<string, { status: number; remaining: number; retryAfterSeconds?: number }>();
  /** Every call that arrived, including refused ones, by method. */
  readonly attempts = new Map<string, number>();
  /** Calls of a method to take and answer late (Slack posted it, but the answer outlives the client's timeout). */
  private readonly delays = new Map<string, { remaining: number; ms: number }>();
  /** Calls of a method never answered and never carried out (the process died before it reached Slack). */
  private readonly hangs = new Map<string, number>();
  private readonly held: Array<() => void> = [];

  /** Makes the next `count` calls of `method` succeed, but answer only after `ms`. */
  delayNext(method: string, count: number, ms: number): void {
    this.delays.set(method, { remaining: count, ms });
  }

  /** Makes the next `count` calls of `method` hang without effect until the fake stops. */
  hangNext(method: string, count: number): void {
    this.hangs.set(method, count);
  }

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
        let args: Record<string, unknown>;
        if (String(req.headers['content-type']).includes('json')) args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        else args = Object.fromEntries(new URLSearchParams(raw).entries());
        for (const key of ['blocks', 'view', 'metadata']) {
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
        const hang = this.hangs.get(method) ?? 0;
        if (hang > 0) {
          this.hangs.set(method, hang - 1);
          // Released when the fake stops, as a refusal the client does not retry (a dropped socket it would).
          this.held.push(() => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ ok: false, error: 'fatal_error' }));
          });
          return;
        }
        this.calls.push({ method, args });
        const reply: Record<string, unknown> = { ok: true };
        if (method === 'auth.test') Object.assign(reply, { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
        if (method === 'chat.postMessage') Object.assign(reply, { ts: `${Date.now() / 1000}`, channel: args.channel });
        if (method === 'conversations.open') Object.assign(reply, { channel: { id: `D-${String(args.users)}` } });
        if (method === 'conversations.history') {
          const channel = String(args.channel);
          const posted = this.of('chat.postMessage').filter((c) => c.args.channel === channel || `D-${String(c.args.channel)}` === channel);
          Object.assign(reply, { messages: posted.map((c) => ({ type: 'message', text: c.args.text, ...(c.args.metadata ? { metadata: c.args.metadata } : {}) })).reverse() });
        }
        const answer = () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(reply));
        };
        const delay = this.delays.get(method);
        if (delay && delay.remaining > 0) {
          delay.remaining -= 1;
          setTimeout(answer, delay.ms);
          return;
        }
        answer();
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
    for (const release of this.held.splice(0)) release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
