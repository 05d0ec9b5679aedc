import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { Metrics } from '../../observability/metrics';
import type { CaseStore } from '../../storage/case-store';
import { sendJson, sendText } from './http-io';
import type { Route } from './http-types';

/** Liveness, readiness (knowledge base loaded, database writable) and Prometheus metrics. */
export function opsRoutes(kb: KnowledgeBase, store: CaseStore, metrics: Metrics): Route[] {
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
    { method: 'GET', path: '/metrics', handle: async ({ res }) => sendText(res, 200, metrics.render(), 'text/plain; version=0.0.4; charset=utf-8') },
  ];
}
