import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../app/project-root';
import { sendText } from '../http/http-io';
import type { Route } from '../http/http-types';

const STATIC: Record<string, string> = {
  '/': 'index.html',
  '/static/chat.js': 'chat.js',
  '/static/chat.css': 'chat.css',
  // the privacy notice and terms the Teams app manifest links to
  '/privacy': 'privacy.html',
  '/terms': 'terms.html',
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * The web chat page, its script and style, the privacy notice and terms, read once at start-up. A link to a case
 * (`/cases/C-…`, in notification emails) opens the web chat, which opens that case's console.
 */
export function staticPages(): Route[] {
  const publicDir = path.join(projectRoot(), 'public');
  const pages = new Map(Object.entries(STATIC).map(([url, file]) => [url, { body: readFileSync(path.join(publicDir, file), 'utf8'), type: TYPES[path.extname(file)] ?? 'text/plain' }]));
  const index = pages.get('/');
  if (index) pages.set('/cases/*', index);
  return [...pages.entries()].map(([url, page]) => ({
    method: 'GET' as const,
    path: url,
    handle: async ({ res }) => sendText(res, 200, page.body, page.type, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }),
  }));
}
