import { z } from 'zod';
import { clauseId, kebabId, prose } from './identifiers';

/** Who would ask a point's questions: a councillor, an officer or either. */
export const AUDIENCES = ['member', 'officer', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Longest answer a point may give: the bot appends the clause, and a lead stays under 400 characters. */
export const MAX_POINT_ANSWER = 300;

/**
 * A clause number written into an answer ("(4.2)", "(paragraph 8.4)"): the bot appends the clause itself, so an
 * answer that carries one would cite it twice.
 */
const CLAUSE_NUMBER_IN_TEXT = /\(\s*(?:paragraph|para|section|clause)?\s*\d+(?:\.\d+)*(?:\([a-z]\))?\s*\)/i;

const answerText = prose
  .max(MAX_POINT_ANSWER, `an answer is at most ${MAX_POINT_ANSWER} characters (the bot appends the clause)`)
  .refine((text) => !CLAUSE_NUMBER_IN_TEXT.test(text), 'an answer must not carry its clause number: the bot appends it');

/** The same point worded for each asker, where a member and an officer need different words. */
export const pointAnswersSchema = z
  .object({
    member: answerText.optional(),
    officer: answerText.optional(),
  })
  .strict();

/** One specific thing a protocol says, written as the direct answer to the questions it lists (protocol-data/README.md). */
export const pointSchema = z
  .object({
    /** Stable and unique in the file: kebab-case with the council's prefix (`lyd-briefing-other-groups-told`). */
    id: kebabId,
    /** One topic of protocol-data/topics.yaml. */
    topic: kebabId,
    audience: z.enum(AUDIENCES),
    /** Phrasings in people's own words; they are what the ranker matches a question against. */
    questions: z.array(prose).min(3, 'a point needs at least 3 questions').max(8, 'a point has at most 8 questions'),
    /** One answer when the same words suit every asker. */
    answer: answerText.optional(),
    /** Or the member's and the officer's wording. */
    answers: pointAnswersSchema.optional(),
    /** Deciding clause first, then the supporting ones. */
    clauses: z.array(clauseId).min(1, 'a point rests on at least one clause').max(4, 'a point rests on at most 4 clauses'),
  })
  .strict()
  .superRefine(checkAnswers);

/** Exactly one of `answer` and `answers`, with wording for everyone the audience names. */
function checkAnswers(point: { audience: Audience; answer?: string | undefined; answers?: { member?: string | undefined; officer?: string | undefined } | undefined }, ctx: z.RefinementCtx): void {
  if (point.answer !== undefined && point.answers !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['answers'], message: 'give either answer or answers, not both' });
    return;
  }
  if (point.answer !== undefined) return;
  if (point.answers === undefined) {
    ctx.addIssue({ code: 'custom', path: ['answer'], message: 'missing field (give answer, or answers.member and/or answers.officer)' });
    return;
  }
  const needed = point.audience === 'both' ? (['member', 'officer'] as const) : [point.audience];
  for (const role of needed) {
    if (point.answers[role] === undefined) {
      ctx.addIssue({ code: 'custom', path: ['answers', role], message: `missing field (audience ${point.audience} needs answers.${role}, or one answer for all)` });
    }
  }
}

/** `protocol-data/<council>/points.yaml`. */
export const pointsFileSchema = z.object({ points: z.array(pointSchema).min(1) }).strict();

export type KnowledgePoint = z.infer<typeof pointSchema>;
