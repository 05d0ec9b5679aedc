import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../errors/app-error';
import { isStorageError } from '../../errors/storage-error';
import { RateLimitedError } from '../../security/rate-limiter';
import { sendJson, statusFor } from './http-io';
import type { RequestContext, Route } from './http-types';
import { SECURITY_HEADERS } from './security-headers';

/** Retry-After for a rate-limited caller; an oversized body closes the connection so its remainder is not read. */
function responseHeadersFor(error: unknown, status: number): Record<string, string> {
  if (error instanceof RateLimitedError) return { 'retry-after': String(error.retryAfterSeconds) };
  if (isStorageError(error) && error.code === 'storage_busy') return { 'retry-after': '1' };
  return status === 413 ? { connection: 'close' } : {};
}

/** The base a request target is read against (only its path and query are used). */
const TARGET_BASE = 'http://localhost';

/** A path of plain segments (letters, digits, `-`, `_`), then the query if any: its path needs no parsing. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]+)*\/?(?=\?|$)/;

/**
 * The path of a request target as `new URL()` reads it, or null if URL cannot read it (`//`, `/\\`). A plain path
 * (every route's) is taken as it is, without building a URL; anything else (dot segments, escapes) is parsed by URL.
 */
export function pathOf(target: string): string | null {
  const plain = PLAIN_PATH.exec(target);
  if (plain) return plain[0] === '' ? '/' : plain[0];
  try {
    return new URL(target, TARGET_BASE).pathname;
  } catch {
    return null;
  }
}

/**
 * One request as handlers see it. Its child logger is made the first time something is logged, which most
 * requests never do. (A class with the getter on its prototype: an object literal with a getter per request made
 * V8 keep those objects: young-generation collections took 3-4 ms instead of 0.5 ms under load.)
 */
class HttpRequestContext implements RequestContext {
  private child: Logger | undefined;
  private parsedUrl: URL | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly requestId: string,
    private readonly logger: Logger,
  ) {}

  get url(): URL {
    if (this.parsedUrl === undefined) this.parsedUrl = new URL(this.req.url ?? '/', TARGET_BASE);
    return this.parsedUrl;
  }

  get log(): Logger {
    if (this.child === undefined) this.child = this.logger.child({ requestId: this.requestId });
    return this.child;
  }
}

/** How the server waits out a database write lock another process holds. */
export interface HttpServerOptions {
  /**
   * The pauses before each new try of a request whose write found the database busy (another process held the
   * write lock past the short busy timeout). The pauses are timers, so every other request goes on meanwhile;
   * after the last, the request is refused with `storage_busy` (503, Retry-After).
   */
  busyRetryDelaysMs: readonly number[];
}

const DEFAULT_OPTIONS: HttpServerOptions = { busyRetryDelaysMs: [100, 200, 400] };

/** True when a handler's failure is a busy database and the request can be run again (nothing sent yet). */
const worthRetrying = (error: unknown, res: ServerResponse) => isStorageError(error) && error.code === 'storage_busy' && !res.headersSent;

/** Runs a route's handler, trying again after each pause while the database is busy. */
async function handleWaitingOutLocks(route: Route, context: RequestContext, delaysMs: readonly number[]): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await route.handle(context);
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !worthRetrying(error, context.res)) throw error;
      await sleep(delay);
    }
  }
}

/** The log line of a failed request: codes only, never a message or stack (they may carry content or internals). */
function failureLogFields(error: unknown): Record<string, unknown> {
  if (isStorageError(error)) return { code: error.code, fault: error.fault, engineCode: error.engineCode };
  if (error instanceof AppError) return { code: error.code };
  return { code: 'internal_error', err: { type: (error as Error | null)?.name ?? typeof error } };
}

/** A route whose path ends in `/*` answers every path under it (`/cases/*`: a page with the case in its path). */
function prefixRoute(routes: readonly Route[], method: string, pathname: string): Route | undefined {
  return routes.find((r) => r.method === method && r.path.endsWith('/*') && pathname.startsWith(r.path.slice(0, -1)) && pathname.length > r.path.length - 1);
}

/**
 * The one HTTP server of the bot. Channels contribute routes; errors are turned into one JSON shape here,
 * once, with a polite message and a request id, and unknown errors never leak their details.
 */
export function createHttpServer(routes: readonly Route[], logger: Logger, options: HttpServerOptions = DEFAULT_OPTIONS): Server {
  const table = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const pathname = pathOf(req.url ?? '/');
    if (pathname === null) {
      sendJson(res, 400, { error: { code: 'bad_request', message: 'the request target is not a path this server can read' } });
      return;
    }
    const route = table.get(`${req.method ?? 'GET'} ${pathname}`) ?? prefixRoute(routes, req.method ?? 'GET', pathname);
    if (!route) {
      const allowed = routes.filter((r) => r.path === pathname).map((r) => r.method);
      if (allowed.length > 0) sendJson(res, 405, { error: { code: 'method_not_allowed', message: `use ${allowed.join(' or ')}` } }, { allow: allowed.join(', ') });
      else sendJson(res, 404, { error: { code: 'not_found', message: `nothing at ${pathname}` } });
      return;
    }
    const context = new HttpRequestContext(req, res, requestId, logger);
    handleWaitingOutLocks(route, context, options.busyRetryDelaysMs).catch((error: unknown) => {
      const status = statusFor(error);
      const body =
        error instanceof AppError
          ? { error: { code: error.code, message: error.message, ...(error.details.length ? { details: error.details } : {}) }, requestId }
          : { error: { code: 'internal_error', message: 'something went wrong on our side; please try again', requestId } };
      if (status >= 500) context.log.error(failureLogFields(error), 'request failed');
      if (!res.headersSent) sendJson(res, status, body, responseHeadersFor(error, status));
      else res.end();
    });
  });
}
