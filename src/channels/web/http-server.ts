import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { CaseStore } from '../../storage/case-store';
import { summariseCouncils } from '../cli/commands/councils-command';

/** What the HTTP server needs; built by the composition root. */
export interface HttpServerDeps {
  knowledgeBase: KnowledgeBase;
  logger: Logger;
  store: CaseStore;
}

/** Writes a JSON response. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Builds the one HTTP server of the bot (routes of shared/CONTRACTS.md "HTTP"). */
export function createHttpServer(deps: HttpServerDeps): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const log = deps.logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    switch (route) {
      case 'GET /healthz':
        sendJson(res, 200, { status: 'ok' });
        break;
      case 'GET /readyz':
        try {
          deps.store.checkWritable();
          sendJson(res, 200, { status: 'ready', councils: deps.knowledgeBase.councilIds().length, database: 'writable' });
        } catch {
          sendJson(res, 503, { status: 'not ready', councils: deps.knowledgeBase.councilIds().length, database: 'not writable' });
        }
        break;
      case 'GET /api/councils':
        sendJson(res, 200, summariseCouncils(deps.knowledgeBase));
        break;
      default:
        sendJson(res, 404, { error: { code: 'not_found', message: `no route for ${route}` } });
    }
    log.debug({ route, status: res.statusCode }, 'request handled');
  });
}
