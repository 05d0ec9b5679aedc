import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { HeldOutQuestion, OutOfScopeQuestion } from './eval-set';
import { readJsonLines } from './eval-set';

/**
 * One line of a blind held-out set (test/eval/blind/blind-questions.jsonl), written by someone who has not seen
 * the points: what was asked, whether it is in scope, the clauses any of which decides it, and the facts a right
 * lead states (each group: at least one of its alternatives, case-insensitively).
 */
const blindQuestionSchema = z.object({
  id: z.string().min(1),
  council: z.string().min(1),
  role: z.enum(['member', 'officer']),
  style: z.string().optional(),
  question: z.string().min(1),
  inScope: z.boolean(),
  topic: z.string().nullable().optional(),
  decidingClauses: z.array(z.string()).default([]),
  facts: z.array(z.array(z.string().min(1)).min(1)).default([]),
});

/** A question whose lead is measured: the blind set's lines, or the other held-out sets' as far as they go. */
export interface LeadQuestion {
  id: string;
  council: string;
  role: 'member' | 'officer';
  question: string;
  inScope: boolean;
  /** Clause ids, any of which, given first, decides the question. */
  decidingClauses: string[];
  /** Groups of alternatives; each group must have one alternative in the lead. Empty when the set gives none. */
  facts: string[][];
  /** The topic the question is about, where the set says (for "answered on the wrong topic"); null when not. */
  topic: string | null;
}

/** Reads a blind set, or returns null when the file is not there (it is kept apart and may be absent). */
export function loadBlindSet(file: string): LeadQuestion[] | null {
  if (!existsSync(file)) return null;
  return readJsonLines(file, blindQuestionSchema).map(({ id, council, role, question, inScope, decidingClauses, facts, topic }) => ({
    id,
    council,
    role,
    question,
    inScope,
    decidingClauses,
    facts,
    topic: topic ?? null,
  }));
}

/**
 * The existing held-out sets as lead questions: their expected clauses stand in for the deciding clauses (any of
 * them first counts), and they give no facts.
 */
export function leadQuestionsOf(inScope: readonly HeldOutQuestion[], outOfScope: readonly OutOfScopeQuestion[]): LeadQuestion[] {
  return [
    ...inScope.map(({ id, council, role, question, expectedClauses, expectedTopic }) => ({
      id,
      council,
      role,
      question,
      inScope: true,
      decidingClauses: expectedClauses,
      facts: [],
      topic: expectedTopic,
    })),
    ...outOfScope.map(({ id, council, role, question }) => ({ id, council, role, question, inScope: false, decidingClauses: [], facts: [], topic: null })),
  ];
}
