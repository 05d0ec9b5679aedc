import { z } from 'zod';
import { clauseId, kebabId, prose, roleKey } from './identifiers';

/** Guidance on a topic the council's protocol covers, written in our words and resting on its clauses. */
export const coveredTopicSchema = z
  .object({
    covered: z.literal(true),
    /** The short direct answer, in the council's own titles. */
    answer: prose,
    do: z.array(prose).default([]),
    dont: z.array(prose).default([]),
    /** Roles to contact, rendered with the council's titles. */
    contacts: z.array(roleKey).default([]),
    clauses: z.array(clauseId).min(1, 'guidance must rest on at least one clause'),
  })
  .strict();

/** An explicit statement that the protocol does not speak to the topic. */
export const uncoveredTopicSchema = z
  .object({
    covered: z.literal(false),
    /** Optional pointer, e.g. to a clause on a neighbouring subject or to whom to ask. */
    note: prose.optional(),
    /** Clauses the note relies on, if it names any. */
    clauses: z.array(clauseId).default([]),
  })
  .strict();

export const topicGuidanceSchema = z.discriminatedUnion('covered', [coveredTopicSchema, uncoveredTopicSchema]);

/** `protocol-data/<council>/topics.yaml`. */
export const topicGuidanceFileSchema = z.object({ topics: z.record(kebabId, topicGuidanceSchema) }).strict();

export type CoveredTopic = z.infer<typeof coveredTopicSchema>;
export type UncoveredTopic = z.infer<typeof uncoveredTopicSchema>;
export type TopicGuidance = z.infer<typeof topicGuidanceSchema>;
