import { timingSafeEqual } from 'node:crypto';
import { isStorageError, type StorageFault } from '../../errors/storage-error';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { Metrics } from '../../observability/metrics';
import type { CaseStore } from '../../storage/case-store';
import { sendJson, sendText } from './http-io';
import type { Route } from './http-types';

/** Who may read `/metrics`: the bearer of `token`, or anyone when `open` (development without a token). */
export interface MetricsAccess {
  token: string | undefined;
  open: boolean;
}

/** True when the request carries the metrics token, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** What readiness says of the database: writable, or why not. */
const DATABASE_FAULT_TEXT: Record<StorageFault, string> = {
  disk_full: 'not writable: the disk is full (or below its free-space floor, STORAGE_MIN_FREE_BYTES)',
  read_only: 'not writable: the database is read-only (its file or folder, or a read-only PostgreSQL)',
  storage_busy: 'not writable just now: another process holds the database write lock',
  unreachable: 'not writable: the PostgreSQL server (DATABASE_URL) cannot be reached',
  not_writable: 'not writable: the database refused a write',
};

/** Why the store cannot take a case now, or null when it can (a real write, no table scans: see checkWritable). */
async function writeFault(store: CaseStore): Promise<StorageFault | null> {
  try {
    await store.checkWritable();
    return null;
  } catch (error) {
    return isStorageError(error) ? error.fault : 'not_writable';
  }
}

/** Liveness, readiness (knowledge base loaded, database writable) and Prometheus metrics (behind METRICS_TOKEN). */
export function opsRoutes(kb: KnowledgeBase, store: CaseStore, metrics: Metrics, access: MetricsAccess = { token: undefined, open: true }): Route[] {
  return [
    { method: 'GET', path: '/healthz', handle: async ({ res }) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handle: async ({ res }) => {
        const councils = kb.councilIds().length;
        const fault = await writeFault(store);
        // One reason code for a load balancer or an alert: the database's fault first, as it stops every case.
        const reason = fault ?? (councils > 0 ? null : 'no_knowledge_base');
        sendJson(res, reason === null ? 200 : 503, {
          status: reason === null ? 'ready' : 'not ready',
          councils,
          database: fault ? DATABASE_FAULT_TEXT[fault] : 'writable',
          ...(reason ? { reason } : {}),
        });
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: async ({ req, res }) => {
        const allowed = access.token ? bearerMatches(req.headers.authorization, access.token) : access.open;
        if (!allowed) {
          sendJson(res, access.token ? 401 : 403, {
            error: {
              code: 'unauthorised',
              message: access.token ? 'send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"' : 'metrics are served only with METRICS_TOKEN set outside development',
            },
          });
          return;
        }
        sendText(res, 200, await metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
      },
    },
  ];
}
