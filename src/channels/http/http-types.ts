import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** One request as route handlers see it. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  requestId: string;
  log: Logger;
}

/** A route: method and path (ending in `/*` for every path under it), and the handler that answers it. */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(ctx: RequestContext): Promise<void>;
}
