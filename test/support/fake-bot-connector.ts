import { createServer, type Server } from 'node:http';

/** One activity the bot sent to a conversation. */
export interface SentActivity {
  conversationId: string;
  replyToId: string | null;
  activity: { type: string; text?: string; attachments?: Array<{ contentType: string; content: Record<string, unknown> }> };
  authorization: string | undefined;
}

/** A local stand-in for the Bot Connector service: records the activities the bot sends. */
export class FakeBotConnector {
  readonly sent: SentActivity[] = [];
  /** Activities the bot replaced in place (PUT …/activities/{id}): `replyToId` is the id of the one replaced. */
  readonly updated: SentActivity[] = [];
  private server: Server | undefined;
  base = '';
  /** Every activity post that arrived, including refused ones. */
  attempts = 0;
  private failures: Array<{ status: number; retryAfterSeconds: number | undefined }> = [];

  /** Makes the next `count` activity posts fail with `status` (429 with a Retry-After, 500, 503 …). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status, retryAfterSeconds });
  }

  /** Ends any failures still queued by failNext. */
  clearFailures(): void {
    this.failures = [];
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (req.method === 'POST' && match) this.attempts += 1;
        const failure = req.method === 'POST' && match ? this.failures.shift() : undefined;
        if (failure) {
          res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {}) });
          res.end(JSON.stringify({ error: { code: failure.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'refused by the fake connector' } }));
          return;
        }
        if (req.method === 'POST' && match) {
          this.sent.push({
            conversationId: decodeURIComponent(match[1] ?? ''),
            replyToId: match[2] ? decodeURIComponent(match[2]) : null,
            activity: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
            authorization: req.headers.authorization,
          });
        }
        if (req.method === 'PUT' && match) {
          this.updated.push({
            conversationId: decodeURIComponent(match[1] ?? ''),
            replyToId: match[2] ? decodeURIComponent(match[2]) : null,
            activity: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
            authorization: req.headers.authorization,
          });
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sent-${this.sent.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    return this.base;
  }

  /** Waits for an activity matching the predicate. */
  async waitFor(predicate: (a: SentActivity) => boolean, timeoutMs = 5000): Promise<SentActivity> {
    const started = Date.now();
    for (;;) {
      const found = this.sent.find(predicate);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no matching activity; sent: ${JSON.stringify(this.sent.map((s) => s.activity.text?.slice(0, 60)))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let counter = 0;

/** A Teams message activity from a user, as the Bot Connector would post it. */
export function teamsMessage(serviceUrl: string, from: { id: string; aadObjectId: string }, conversationId: string, text: string, value?: Record<string, unknown>): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `activity-${counter}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { ...from, name: 'Someone' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:etiquette-bot', name: 'Etiquette' },
    text,
    ...(value ? { value } : {}),
  };
}
