import { z } from 'zod';
import { kebabId, prose } from './identifiers';

/** One topic of the taxonomy the bot answers on. */
export const topicSchema = z
  .object({
    id: kebabId,
    title: prose,
    description: prose,
  })
  .strict();

/** `protocol-data/topics.yaml`. */
export const topicTaxonomyFileSchema = z.object({ topics: z.array(topicSchema).min(1) }).strict();

export type Topic = z.infer<typeof topicSchema>;
