import type { Route } from '../http/http-types';
import type { WebAuth } from './web-auth';

/** A state-changing route: refused unless it comes from our page with its session's CSRF token. */
export function csrfChecked(auth: WebAuth, handle: Route['handle']): Route['handle'] {
  return async (ctx) => {
    await auth.checkCsrf(ctx.req);
    await handle(ctx);
  };
}
