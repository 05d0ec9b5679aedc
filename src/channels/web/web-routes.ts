import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toContractAnswer } from '../../answer/contract-answer';
import type { Bot } from '../../app/bot';
import { projectRoot } from '../../app/project-root';
import { AppError } from '../../errors/app-error';
import { summariseCouncils } from '../cli/commands/councils-command';
import { readJson, sendJson, sendText } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';
import { RateLimitedError, type SlidingWindowLimiter } from '../../security/rate-limiter';
import { caseConsoleRoutes } from './case-console-routes';
import { devSessionCookie } from './dev-session';
import type { WebAuth } from './web-auth';
import { parseSubjectChoice } from '../../workflows/complaints/complaint-form';
import { complaintReceiptText } from '../../workflows/complaints/complaint-receipt-text';

/** Options of the web channel. */
export interface WebOptions {
  /** Who is signed in, CSRF checks, and the keys visitors are counted under. */
  auth: WebAuth;
  /** Helpful / not helpful votes: a per-person limit, and whether anonymous visitors may vote (never in production). */
  feedback: { limiter: SlidingWindowLimiter; anonymous: boolean };
}

const STATIC: Record<string, string> = {
  '/': 'index.html',
  '/static/chat.js': 'chat.js',
  '/static/chat.css': 'chat.css',
  // the privacy notice and terms the Teams app manifest links to
  '/privacy': 'privacy.html',
  '/terms': 'terms.html',
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** A record from a JSON body, or a `bad_request`. */
function objectBody(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('bad_request', 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * A required text field: missing is empty; anything but a string is passed on as it is, so the schema refuses it by
 * name rather than String() filing a complaint that reads "[object Object]".
 */
const textField = (value: unknown) => (value === undefined || value === null ? '' : value) as string;

const optionalString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

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

/** The web chat and HTTP API routes (CONTRACTS.md "HTTP"). */
export function webRoutes(bot: Bot, options: WebOptions): Route[] {
  const publicDir = path.join(projectRoot(), 'public');
  const pages = new Map(Object.entries(STATIC).map(([url, file]) => [url, { body: readFileSync(path.join(publicDir, file), 'utf8'), type: TYPES[path.extname(file)] ?? 'text/plain' }]));

  const { auth } = options;
  const signedIn = (ctx: RequestContext) => auth.signedIn(ctx.req);
  /** A state-changing route: refused unless it comes from our page with its session's CSRF token. */
  const csrfChecked =
    (handle: Route['handle']): Route['handle'] =>
    async (ctx) => {
      auth.checkCsrf(ctx.req);
      await handle(ctx);
    };

  // A link to a case (`/cases/C-…`, in notification emails) opens the web chat, which opens that case's console.
  const index = pages.get('/');
  if (index) pages.set('/cases/*', index);
  const routes: Route[] = [...pages.entries()].map(([url, page]) => ({
    method: 'GET' as const,
    path: url,
    handle: async ({ res }) => sendText(res, 200, page.body, page.type, { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }),
  }));

  routes.push(
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
        const asker = auth.limitKey(req);
        const reply = point === undefined ? bot.ask(asked, asker) : bot.askPoint({ ...asked, point }, asker);
        sendJson(res, 200, toContractAnswer(reply, optionalString(body.id)));
      },
    },
    {
      method: 'GET',
      path: '/api/compare',
      handle: async ({ url, res }) => sendJson(res, 200, { topic: url.searchParams.get('topic'), positions: bot.engine.compare(url.searchParams.get('topic') ?? '') }),
    },
    {
      method: 'POST',
      path: '/api/feedback',
      handle: csrfChecked(async ({ req, res }) => {
        // anonymous votes only outside production, where the development page has no real sign-in to offer
        if (!options.feedback.anonymous) signedIn({ req } as RequestContext);
        const wait = options.feedback.limiter.take(auth.limitKey(req));
        if (wait > 0) throw new RateLimitedError('You have rated a lot of answers in the last hour; thank you. Please try again later.', Math.ceil(wait / 1000));
        const body = objectBody(await readJson(req, 4 * 1024));
        if (body.vote !== 'helpful' && body.vote !== 'not-helpful') throw new AppError('bad_request', '"vote" must be helpful or not-helpful');
        const council = optionalString(body.council) ?? bot.defaultCouncil ?? '';
        bot.kb.council(council);
        bot.recordFeedback('web', council, optionalString(body.intent) ?? null, body.vote);
        sendJson(res, 200, { recorded: true });
      }),
    },
    {
      method: 'POST',
      path: '/api/complaints',
      handle: csrfChecked(async ({ req, res }) => {
        const me = signedIn({ req, res } as RequestContext);
        const body = objectBody(await readJson(req, 64 * 1024));
        const receipt = bot.openComplaint({
          idempotencyKey: textField(body.idempotencyKey),
          council: me.council,
          complainant: { personId: me.personId, role: me.role ?? (body.role === 'officer' ? 'officer' : 'member') },
          subject: { ...parseSubjectChoice(body.about), name: optionalString(body.name), department: optionalString(body.department) },
          description: textField(body.description),
          triedInformally: optionalString(body.triedInformally),
          desiredOutcome: optionalString(body.desiredOutcome),
        });
        sendJson(res, receipt.created ? 201 : 200, { ...receipt, text: complaintReceiptText(receipt) });
      }),
    },
    {
      method: 'GET',
      path: '/api/complaint-form',
      handle: async ({ req, res }) => {
        const me = signedIn({ req, res } as RequestContext);
        sendJson(res, 200, bot.complaintForm(me));
      },
    },
    {
      method: 'GET',
      path: '/api/briefing-form',
      handle: async ({ url, res }) => sendJson(res, 200, bot.briefingForm(url.searchParams.get('council') ?? bot.defaultCouncil ?? '')),
    },
    {
      method: 'POST',
      path: '/api/briefings',
      handle: csrfChecked(async ({ req, res }) => {
        const me = signedIn({ req, res } as RequestContext);
        const body = objectBody(await readJson(req, 64 * 1024));
        const receipt = bot.requestBriefing({
          idempotencyKey: textField(body.idempotencyKey),
          council: me.council,
          requester: { personId: me.personId },
          group: textField(body.group),
          subject: textField(body.subject),
          format: body.format as never,
          meetingDate: textField(body.meetingDate),
          nonCouncillorsPresent: body.nonCouncillorsPresent === true,
          department: optionalString(body.department),
        });
        sendJson(res, receipt.created ? 201 : 200, receipt);
      }),
    },
    {
      method: 'GET',
      path: '/api/cases',
      handle: async ({ req, res }) => {
        const me = signedIn({ req, res } as RequestContext);
        // `cases` as before; `cards` the same cases with what this person may do on each now (the case console)
        sendJson(res, 200, { cases: bot.complaints.listFor(me.personId), cards: bot.cases.cardsFor(me.personId) });
      },
    },
  );

  routes.push(...caseConsoleRoutes(bot, auth));

  if (auth.devSignIn) {
    routes.push(
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
        handle: csrfChecked(async ({ req, res }) => {
          const body = objectBody(await readJson(req, 4 * 1024));
          if (body.personId === undefined || body.personId === null || body.personId === '') {
            sendJson(res, 200, { name: null }, { 'set-cookie': devSessionCookie(null) });
            return;
          }
          const { council, personId } = devSignInFields(body);
          bot.kb.council(council);
          const identity = bot.identify({ channel: 'web', council, userId: personId });
          if (!identity.inDirectory) throw new AppError('bad_request', `no person "${personId}" at ${council}`);
          sendJson(res, 200, { name: identity.name, role: identity.role ?? null }, { 'set-cookie': devSessionCookie({ council, personId }) });
        }),
      },
    );
  }
  return routes;
}
