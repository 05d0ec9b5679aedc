import { z } from 'zod';
import { askerRole, clauseId, prose, subjectRole } from './identifiers';
import { partySchema } from './party-schema';

/**
 * What may start an escalation step, as the protocol gives it:
 * - `not-satisfied`: the complainant asks for it (not satisfied, still concerned, not resolved);
 * - `handler-refers`: the handler passes the case on (a manager seeking the Monitoring Officer's advice);
 * - `deadline-missed`: the protocol's own deadline passed unanswered (never the deployment's service standard);
 * - `unavailable`: only in place of the level before it, when nobody eligible holds that level.
 */
export const escalationTrigger = z.enum(['not-satisfied', 'handler-refers', 'deadline-missed', 'unavailable']);

/** One step up, with what may start it and, where the protocol limits it, which subjects it applies to. */
export const escalationStepSchema = partySchema
  .extend({
    when: prose,
    on: z.array(escalationTrigger).min(1, 'say what starts this step: not-satisfied, handler-refers, deadline-missed or unavailable'),
    /** The step applies only to complaints about these roles (Lydney's Chairman step: only about the Town Clerk). */
    onlyIfSubject: z.array(subjectRole).optional(),
  })
  .strict();

const routeKey = { from: askerRole, about: subjectRole };

/** A (complainant role, subject role) pair the protocol speaks to. */
export const statedRouteSchema = z
  .object({
    ...routeKey,
    protocolSpeaks: z.literal(true),
    recipient: partySchema,
    /** Others the protocol lets the complaint go to instead (e.g. "Executive Director or Chief Executive"). */
    alternatives: z.array(partySchema).default([]),
    copies: z.array(partySchema).default([]),
    /** Told that a complaint was made, without its content. */
    informed: z.array(partySchema).default([]),
    informalFirst: prose.nullable(),
    acknowledgeWithinWorkingDays: z.number().int().positive().nullable(),
    escalation: z.array(escalationStepSchema).default([]),
    /** Rules the complainant must be shown (e.g. members not insisting on discipline). */
    notes: z.array(prose).default([]),
    clauses: z.array(clauseId).min(1, 'a route must rest on at least one clause'),
  })
  .strict();

/** A pair the protocol does not speak to: we say so, and name the fallback the protocol gives. */
export const silentRouteSchema = z
  .object({
    ...routeKey,
    protocolSpeaks: z.literal(false),
    fallback: partySchema,
    /** Why this fallback: which general provision of the protocol points there. */
    fallbackReason: prose,
    acknowledgeWithinWorkingDays: z.number().int().positive().nullable().default(null),
    clauses: z.array(clauseId).min(1, 'the fallback must rest on at least one clause'),
  })
  .strict();

export const complaintRouteSchema = z.discriminatedUnion('protocolSpeaks', [statedRouteSchema, silentRouteSchema]);

/** `protocol-data/<council>/complaint-routes.yaml`. */
export const complaintRoutesFileSchema = z.object({ routes: z.array(complaintRouteSchema).min(1) }).strict();

export type EscalationTrigger = z.infer<typeof escalationTrigger>;
export type EscalationStep = z.infer<typeof escalationStepSchema>;
export type StatedRoute = z.infer<typeof statedRouteSchema>;
export type SilentRoute = z.infer<typeof silentRouteSchema>;
export type ComplaintRoute = z.infer<typeof complaintRouteSchema>;
