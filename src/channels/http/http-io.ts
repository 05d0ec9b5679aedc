import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../errors/app-error';

/** Largest request body accepted anywhere (Slack and Teams payloads are far smaller). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Bodies already read, by request: a handler run again (the database was busy) reads the same bytes. */
const READ_BODIES = new WeakMap<IncomingMessage, Buffer>();

/**
 * Reads a request body up to `limit` bytes; larger bodies are refused with `payload_too_large`. A second read of
 * the same request gives the same bytes (kept in memory), so a handler can be run again after a busy database.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const already = READ_BODIES.get(req);
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new AppError('payload_too_large', `the request body is larger than ${limit} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AppError('payload_too_large', `the request body is larger than ${limit} bytes`));
        // Not req.destroy(): that drops the socket before the 413 is written, and the caller sees a reset instead of
        // the reason. The rest is discarded, and the 413 closes the connection (createHttpServer), which ends it.
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      READ_BODIES.set(req, body);
      resolve(body);
    });
    req.on('error', reject);
  });
}

/** Parses a JSON body, or fails with `malformed_json`. */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('malformed_json', 'the request body is not valid JSON');
  }
}

/** Writes a JSON response (encoded once: the byte count and the bytes sent come from the same buffer). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length), ...headers });
  res.end(payload);
}

/** Writes a text or HTML response. */
export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** HTTP status for an error code: the caller's mistakes are 4xx, everything else 500. */
export function statusFor(error: unknown): number {
  if (!(error instanceof AppError)) return 500;
  switch (error.code) {
    case 'bad_request':
    case 'malformed_json':
    case 'question_empty':
    case 'question_too_long':
    case 'unknown_council':
    case 'unknown_topic':
    case 'unknown_point':
    case 'invalid_transition':
      return error.code === 'invalid_transition' ? 409 : 400;
    case 'payload_too_large':
      return 413;
    case 'unauthorised':
      return 401;
    case 'not_permitted':
    case 'csrf_refused':
      return 403;
    case 'idempotency_conflict':
      return 409;
    case 'case_not_found':
      return 404;
    case 'rate_limited':
      return 429;
    case 'storage_unavailable':
    case 'storage_busy':
    case 'no_handler':
    case 'sign_in_unavailable':
      return 503;
    default:
      return 500;
  }
}
