import { isValidSlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { AppError } from '../../errors/app-error';
import type { ChannelStore } from '../../storage/channel-store';
import { readBody, sendJson, sendText } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';

/** Slack must hear back within 3 seconds; if a listener has not acknowledged by then, we do. */
const ACK_DEADLINE_MS = 2_500;

/** Parses a Slack request body: JSON events, or form-encoded commands and interactive `payload`s. */
export function parseSlackBody(raw: string, contentType: string): Record<string, unknown> {
  try {
    if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = new URLSearchParams(raw);
    const payload = form.get('payload');
    return payload ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(form.entries());
  } catch {
    throw new AppError('malformed_json', 'the Slack payload could not be read');
  }
}

/**
 * Bolt receiver on our own HTTP server (`POST /slack/events`): checks the signature and its age with the
 * injected clock, answers URL verification, drops retries and replays of an event already seen, and hands
 * every other request to Bolt as one event whose `ack` writes the HTTP response.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly signingSecret: string,
    private readonly channelStore: ChannelStore,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** The route to mount on the server. */
  route(): Route {
    return { method: 'POST', path: '/slack/events', handle: (ctx) => this.handle(ctx) };
  }

  private async handle({ req, res, log }: RequestContext): Promise<void> {
    const raw = (await readBody(req, 64 * 1024)).toString('utf8');
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const valid =
      typeof signature === 'string' &&
      Number.isFinite(timestamp) &&
      isValidSlackRequest({ signingSecret: this.signingSecret, body: raw, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp }, nowMilliseconds: this.now().getTime() });
    if (!valid) {
      log.warn({ channel: 'slack' }, 'refused a Slack request with a missing, forged or stale signature');
      sendJson(res, 401, { error: { code: 'unauthorised', message: 'invalid Slack signature' } });
      return;
    }
    const body = parseSlackBody(raw, String(req.headers['content-type'] ?? ''));
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: body.challenge });
      return;
    }
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !this.channelStore.firstSighting(`slack:${eventId}`, this.now().toISOString())) {
      log.info({ channel: 'slack', eventId, retry: req.headers['x-slack-retry-num'] ?? null }, 'Slack event already handled: acknowledged and ignored');
      sendText(res, 200, '');
      return;
    }
    if (!this.app) throw new AppError('internal_error', 'Slack receiver used before Bolt initialised it');

    let acked = false;
    const respond = (payload?: unknown) => {
      if (acked) return;
      acked = true;
      clearTimeout(timer);
      if (payload === undefined || payload === '') sendText(res, 200, '');
      else if (typeof payload === 'string') sendText(res, 200, payload);
      else sendJson(res, 200, payload);
    };
    const timer = setTimeout(() => {
      this.logger.warn({ channel: 'slack' }, 'no acknowledgement within 2.5 s: acknowledged on the listener\'s behalf');
      respond();
    }, ACK_DEADLINE_MS);
    const event: ReceiverEvent = {
      body,
      ack: async (response?: unknown) => respond(response),
      retryNum: Number(req.headers['x-slack-retry-num'] ?? 0) || undefined,
      retryReason: typeof req.headers['x-slack-retry-reason'] === 'string' ? req.headers['x-slack-retry-reason'] : undefined,
    };
    try {
      await this.app.processEvent(event);
    } catch (error) {
      log.error({ channel: 'slack', code: (error as { code?: string }).code ?? 'internal_error' }, 'Slack listener failed');
      respond();
    }
  }
}
