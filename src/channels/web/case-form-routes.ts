import type { Bot } from '../../app/bot';
import { parseSubjectChoice } from '../../workflows/complaints/complaint-form';
import { complaintReceiptText } from '../../workflows/complaints/complaint-receipt-text';
import { readJson, sendJson } from '../http/http-io';
import type { RequestContext, Route } from '../http/http-types';
import { csrfChecked } from './csrf-checked';
import type { WebAuth } from './web-auth';
import { objectBody, optionalString, textField } from './web-request-fields';

/** Filing cases from the web: the complaint and briefing forms, their submissions (CSRF-checked), "My cases". */
export function caseFormRoutes(bot: Bot, auth: WebAuth): Route[] {
  const signedIn = (ctx: RequestContext) => auth.signedIn(ctx.req);
  return [
    {
      method: 'POST',
      path: '/api/complaints',
      handle: csrfChecked(auth, async ({ req, res }) => {
        const me = await signedIn({ req, res } as RequestContext);
        const body = objectBody(await readJson(req, 64 * 1024));
        const receipt = await bot.openComplaint({
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
        const me = await signedIn({ req, res } as RequestContext);
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
      handle: csrfChecked(auth, async ({ req, res }) => {
        const me = await signedIn({ req, res } as RequestContext);
        const body = objectBody(await readJson(req, 64 * 1024));
        const receipt = await bot.requestBriefing({
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
        const me = await signedIn({ req, res } as RequestContext);
        // `cases` as before; `cards` the same cases with what this person may do on each now (the case console)
        sendJson(res, 200, { cases: await bot.complaints.listFor(me.personId), cards: await bot.cases.cardsFor(me.personId) });
      },
    },
  ];
}
