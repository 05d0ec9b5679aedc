import { timingSafeEqual } from 'node:crypto';
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

/** Liveness, readiness (knowledge base loaded, database writable) and Prometheus metrics (behind METRICS_TOKEN). */
export function opsRoutes(kb: KnowledgeBase, store: CaseStore, metrics: Metrics, access: MetricsAccess = { token: undefined, open: true }): Route[] {
  return [
    { method: 'GET', path: '/healthz', handle: async ({ res }) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handle: async ({ res }) => {
        const councils = kb.councilIds().length;
        try {
          store.checkWritable();
          sendJson(res, councils > 0 ? 200 : 503, { status: councils > 0 ? 'ready' : 'not ready', councils, database: 'writable' });
        } catch {
          sendJson(res, 503, { status: 'not ready', councils, database: 'not writable' });
        }
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      handle: async ({ req, res }) => {
        const allowed = access.token ? bearerMatches(req.headers.authorization, access.token) : access.open;
        if (!allowed) {
          sendJson(res, access.token ? 401 : 403, { error: { code: 'unauthorised', message: access.token ? 'send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"' : 'metrics are served only with METRICS_TOKEN set outside development' } });
          return;
        }
        sendText(res, 200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
      },
    },
  ];
}
