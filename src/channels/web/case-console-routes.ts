import type { Bot } from '../../app/bot';
import { AppError } from '../../errors/app-error';
import { isCaseActionId } from '../../workflows/cases/case-action';
import { readJson, sendJson } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';
import type { WebAuth } from './web-auth';

/** A case reference from the query, or a `bad_request` saying what is expected. */
function referenceParam(url: URL): string {
  const reference = url.searchParams.get('reference') ?? '';
  if (!/^[CB]-[A-Z0-9]{4,16}$/.test(reference)) throw new AppError('bad_request', '"reference" must be a case reference such as C-7K2QXM4P');
  return reference;
}

const optionalText = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AppError('bad_request', `"${name}" must be text`);
  return value;
};

/**
 * The web case console's API: the signed-in person's cases as cards, one case whole, the people to choose from for
 * an action, an action on a case (CSRF-checked) and the complainant's download of their own case. Every decision
 * (who may see what, which actions now) is the core's case desk; this only translates HTTP.
 */
export function caseConsoleRoutes(bot: Bot, auth: WebAuth): Route[] {
  const me = (ctx: RequestContext) => auth.signedIn(ctx.req);
  return [
    {
      method: 'GET',
      path: '/api/case',
      handle: async (ctx) => sendJson(ctx.res, 200, await bot.cases.details(referenceParam(ctx.url), (await me(ctx)).personId)),
    },
    {
      method: 'GET',
      path: '/api/case/choices',
      handle: async (ctx) => {
        const action = ctx.url.searchParams.get('action');
        if (!isCaseActionId(action)) throw new AppError('bad_request', '"action" must be an action on a case, such as assign or approve');
        sendJson(ctx.res, 200, { groups: await bot.cases.choices(referenceParam(ctx.url), (await me(ctx)).personId, action) });
      },
    },
    {
      method: 'POST',
      path: '/api/case/action',
      handle: async (ctx) => {
        await auth.checkCsrf(ctx.req);
        const person = await me(ctx);
        const body = (await readJson(ctx.req, 32 * 1024)) as Record<string, unknown> | null;
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('bad_request', 'the request body must be a JSON object');
        if (typeof body.reference !== 'string') throw new AppError('bad_request', '"reference" must be a case reference');
        const card = await bot.cases.act(body.reference, person.personId, body.action, {
          text: optionalText(body.text, 'text'),
          notes: optionalText(body.notes, 'notes'),
          personId: optionalText(body.personId, 'personId'),
        });
        sendJson(ctx.res, 200, { card });
      },
    },
    {
      method: 'GET',
      path: '/api/case/export',
      handle: async (ctx) => {
        const reference = referenceParam(ctx.url);
        const exported = await bot.complaints.exportForComplainant(reference, (await me(ctx)).personId);
        sendJson(ctx.res, 200, exported, { 'content-disposition': `attachment; filename="${reference}.json"`, 'cache-control': 'no-store' });
      },
    },
    {
      method: 'GET',
      path: '/api/hr/cases',
      handle: async (ctx) => {
        const person = await me(ctx);
        sendJson(ctx.res, 200, { cases: await bot.cases.hrCases(person.council, person.personId) });
      },
    },
  ];
}
