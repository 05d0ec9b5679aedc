import type { Bot } from '../../app/bot';
import { AppError } from '../../errors/app-error';
import { readJson, sendJson } from '../http/http-io';
import type { Route } from '../http/http-types';
import { devSessionCookie } from './dev-session';
import { csrfChecked } from './csrf-checked';
import type { WebAuth } from './web-auth';
import { objectBody } from './web-request-fields';

/** A directory id as people are given them (`lc-member`): letters, digits, `.`, `_` and `-`, at most 100. */
const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The council and person of a development sign-in, or a `bad_request` naming what is wrong with them. */
function devSignInFields(body: Record<string, unknown>): { council: string; personId: string } {
  if (typeof body.council !== 'string' || body.council === '') throw new AppError('bad_request', '"council" must be a council id such as london-councils');
  if (typeof body.personId !== 'string' || !PERSON_ID.test(body.personId)) {
    throw new AppError('bad_request', '"personId" must be a directory id: letters, digits, ".", "_" and "-", at most 100 characters');
  }
  return { council: body.council, personId: body.personId };
}

/** The development sign-in: the people of a council, and signing in as one of them (refused in production). */
export function devSignInRoutes(bot: Bot, auth: WebAuth): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/dev/people',
      handle: async ({ url, res }) => {
        const council = url.searchParams.get('council') ?? '';
        bot.kb.council(council);
        sendJson(res, 200, { warning: 'development sign-in: not available in production', people: bot.directory.holdersOfAny(council).map(({ id, name, roles }) => ({ id, name, roles })) });
      },
    },
    {
      method: 'POST',
      path: '/api/dev/sign-in',
      handle: csrfChecked(auth, async ({ req, res }) => {
        const body = objectBody(await readJson(req, 4 * 1024));
        if (body.personId === undefined || body.personId === null || body.personId === '') {
          sendJson(res, 200, { name: null }, { 'set-cookie': devSessionCookie(null) });
          return;
        }
        const { council, personId } = devSignInFields(body);
        bot.kb.council(council);
        const identity = await bot.identify({ channel: 'web', council, userId: personId });
        if (!identity.inDirectory) throw new AppError('bad_request', `no person "${personId}" at ${council}`);
        sendJson(res, 200, { name: identity.name, role: identity.role ?? null }, { 'set-cookie': devSessionCookie({ council, personId }) });
      }),
    },
  ];
}
