import { randomUUID } from 'node:crypto';
import { isValidSlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../../errors/app-error';
import { isStorageError } from '../../errors/storage-error';
import type { ChannelStore } from '../../storage/channel-store';
import { readBody, sendJson, sendText } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';

/** Slack must hear back within 3 seconds; if a listener has not acknowledged by then, we do. */
const ACK_DEADLINE_MS = 2_500;

/**
 * A claim this old is taken over: its handler hung or its process stopped (an answer takes seconds, and Slack's
 * first retry comes about a minute later). A younger claim may be another live instance's, answering it now.
 */
const STALE_CLAIM_MS = 30 * 1000;

/** How far a request's timestamp may be from now, either way (Slack's rule). */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Parses a Slack request body: JSON events, or form-encoded commands and interactive `payload`s. */
export function parseSlackBody(raw: string, contentType: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    if (contentType.includes('application/json')) parsed = JSON.parse(raw);
    else {
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      parsed = payload ? JSON.parse(payload) : Object.fromEntries(form.entries());
    }
  } catch {
    throw new AppError('malformed_json', 'the Slack payload could not be read');
  }
  // `null`, a number or an array is valid JSON but no Slack payload; reading fields of it would crash the handler.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AppError('bad_request', 'the Slack payload must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Payload types Bolt routes to listeners (interactions); events and slash commands are told apart by their fields. */
const INTERACTION_TYPES = new Set([
  'block_actions',
  'block_suggestion',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
  'dialog_suggestion',
  'workflow_step_edit',
]);

/** True for a payload Bolt can hand to a listener: an event, a slash command or an interaction. */
function isDispatchable(body: Record<string, unknown>): boolean {
  const event = body.event;
  if (typeof event === 'object' && event !== null && !Array.isArray(event)) return true;
  if (typeof body.command === 'string') return true;
  return typeof body.type === 'string' && INTERACTION_TYPES.has(body.type);
}

/**
 * Bolt receiver on our own HTTP server (`POST /slack/events`): checks the signature and its age with the
 * injected clock, answers URL verification, drops retries and replays of an event already answered, and hands
 * every other request to Bolt as one event whose `ack` writes the HTTP response.
 */
export class SlackHttpReceiver implements Receiver {
  private app: App | undefined;
  /** Identifies this receiver's claims on Slack events (on SQLite, another owner's claim is from one that stopped). */
  private readonly owner = randomUUID();

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

  /**
   * Claims the event for this process until its answer is posted; a retry of one already answered, or one being
   * answered now, is acknowledged and dropped. When the database cannot record it (read-only, disk full) the
   * event is handled anyway: answering a question matters more than a possible duplicate reply to a retry.
   */
  private async claim(eventId: string, log: RequestContext['log']): Promise<'claimed' | 'handled' | 'in-flight' | 'unrecorded'> {
    try {
      const now = this.now();
      return await this.channelStore.claimEvent(`slack:${eventId}`, this.owner, now.toISOString(), new Date(now.getTime() - STALE_CLAIM_MS).toISOString());
    } catch (error) {
      if (!isStorageError(error)) throw error;
      log.warn({ channel: 'slack', eventId, code: error.code }, 'cannot record the Slack event id (storage unavailable): handling it anyway');
      return 'unrecorded';
    }
  }

  /** Records the end of an event's handling; failing to record it only risks answering a retry twice. */
  private async settle(eventId: string, handled: boolean, log: RequestContext['log']): Promise<void> {
    try {
      if (handled) await this.channelStore.finishEvent(`slack:${eventId}`);
      else await this.channelStore.releaseEvent(`slack:${eventId}`);
    } catch (error) {
      log.warn({ channel: 'slack', eventId, code: isAppError(error) ? error.code : 'internal_error' }, 'cannot record how the Slack event ended');
    }
  }

  private async handle({ req, res, log }: RequestContext): Promise<void> {
    const raw = (await readBody(req, 64 * 1024)).toString('utf8');
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    const valid =
      typeof signature === 'string' &&
      Number.isFinite(timestamp) &&
      // Bolt refuses only old timestamps; Slack's rule is "within five minutes of now" either way, so a request
      // dated ahead cannot be replayed for longer than one dated now.
      timestamp <= this.now().getTime() / 1000 + MAX_CLOCK_SKEW_SECONDS &&
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
    if (!isDispatchable(body)) {
      // Bolt would find no listener and never acknowledge, leaving the caller waiting for the 2.5 s fallback.
      log.warn({ channel: 'slack', type: typeof body.type === 'string' ? body.type.slice(0, 40) : null }, 'refused a Slack payload that is no event, command or interaction');
      sendJson(res, 400, { error: { code: 'bad_request', message: 'not a Slack event, slash command or interaction' } });
      return;
    }
    const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
    const claim = eventId ? await this.claim(eventId, log) : 'unrecorded';
    if (claim === 'handled' || claim === 'in-flight') {
      log.info({ channel: 'slack', eventId, retry: req.headers['x-slack-retry-num'] ?? null, claim }, 'Slack event already answered or being answered: acknowledged and ignored');
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
      this.logger.warn({ channel: 'slack' }, "no acknowledgement within 2.5 s: acknowledged on the listener's behalf");
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
      // Only now is the event answered: a crash before this line leaves the claim, and Slack's retry is handled.
      if (eventId && claim === 'claimed') await this.settle(eventId, true, log);
    } catch (error) {
      log.error({ channel: 'slack', code: (error as { code?: string }).code ?? 'internal_error' }, 'Slack listener failed');
      if (eventId && claim === 'claimed') await this.settle(eventId, false, log);
      respond();
    }
  }
}
