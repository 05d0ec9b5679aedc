import { z } from 'zod';
import { clauseId, kebabId, prose } from './identifiers';
import { partySchema } from './party-schema';

const provisionShape = {
  applies: z.boolean(),
  rule: prose.nullable().default(null),
  clauses: z.array(clauseId).default([]),
};

/** A provision that applies must say what it requires and rest on clauses. */
function checkProvision(value: { applies: boolean; rule: string | null; clauses: string[] }, ctx: z.RefinementCtx): void {
  if (value.applies && value.rule === null) {
    ctx.addIssue({ code: 'custom', path: ['rule'], message: 'a provision that applies must say what it requires' });
  }
  if (value.applies && value.clauses.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['clauses'], message: 'a provision that applies must rest on at least one clause' });
  }
}

const provisionSchema = z.object(provisionShape).strict().superRefine(checkProvision);

/** One rule the assigned officer is given as a checklist item. */
export const safeguardSchema = z
  .object({
    id: kebabId,
    text: prose,
    clauses: z.array(clauseId).min(1, 'a safeguard must rest on at least one clause'),
  })
  .strict();

/** `protocol-data/<council>/briefing-rules.yaml`: how a party group gets an officer briefing or report. */
export const briefingRulesSchema = z
  .object({
    /** Whom the group asks. */
    requestTo: partySchema,
    /** Who approves or declines. */
    decidedBy: partySchema,
    /** Others who must be advised of the request (e.g. the Chief Executive in the district code). */
    alsoAdvised: z.array(partySchema).default([]),
    /** Whether the decider may send another officer or a representative instead. */
    mayDelegate: provisionSchema,
    /** Whether the other groups are told that a briefing or report took place (never its content). */
    informOtherGroups: provisionSchema,
    /** Whether the other groups may ask for, or are offered, the same. */
    otherGroupsMayRequestSame: provisionSchema,
    /** Extra care, or someone's agreement, when people who are not councillors attend. */
    nonCouncillorsPresent: z
      .object({ ...provisionShape, requiresAgreementOf: partySchema.nullable().default(null) })
      .strict()
      .superRefine(checkProvision),
    /** What applies in a pre-election period. */
    preElection: z
      .object({ ...provisionShape, contact: partySchema.nullable().default(null) })
      .strict()
      .superRefine(checkProvision),
    safeguards: z.array(safeguardSchema).min(1),
    clauses: z.array(clauseId).min(1),
  })
  .strict();

export type Provision = z.infer<typeof provisionSchema>;
export type Safeguard = z.infer<typeof safeguardSchema>;
export type BriefingRules = z.infer<typeof briefingRulesSchema>;
