import { toContractAnswer } from '../../answer/contract-answer';
import type { Bot } from '../../app/bot';
import { AppError } from '../../errors/app-error';
import { summariseCouncils } from '../cli/commands/councils-command';
import { readJson, sendJson } from '../http/http-io';
import type { Route } from '../http/http-types';
import type { WebAuth } from './web-auth';
import { objectBody, optionalString } from './web-request-fields';

/** Questions: the councils, an answer (counted against the asker's limit), how the councils compare. */
export function askRoutes(bot: Bot, auth: WebAuth): Route[] {
  return [
    { method: 'GET', path: '/api/councils', handle: async ({ res }) => sendJson(res, 200, summariseCouncils(bot.kb)) },
    {
      method: 'POST',
      path: '/api/ask',
      handle: async ({ req, res }) => {
        const body = objectBody(await readJson(req, 16 * 1024));
        if (typeof body.question !== 'string') throw new AppError('bad_request', '"question" must be a string');
        const asked = { council: optionalString(body.council), role: optionalString(body.role), question: body.question };
        // a point's button ("did you mean", related points) names the point: it is answered with that point
        const point = optionalString(body.point);
        const asker = await auth.limitKey(req);
        const reply = point === undefined ? await bot.ask(asked, asker) : await bot.askPoint({ ...asked, point }, asker);
        sendJson(res, 200, toContractAnswer(reply, optionalString(body.id)));
      },
    },
    {
      method: 'GET',
      path: '/api/compare',
      handle: async ({ url, res }) => sendJson(res, 200, { topic: url.searchParams.get('topic'), positions: bot.engine.compare(url.searchParams.get('topic') ?? '') }),
    },
  ];
}
