import { z } from 'zod';
import { kebabId, prose } from './identifiers';

/** Words people write, and the words the bot reads them as. */
export const synonymSchema = z
  .object({
    says: z.array(z.string().trim().min(1, 'must not be empty').max(60)).min(1, 'give at least one way people write it'),
    means: prose,
  })
  .strict();

/** `protocol-data/vocabulary.yaml`: synonyms everywhere, and each council's own. */
export const vocabularyFileSchema = z
  .object({
    everywhere: z.array(synonymSchema).default([]),
    councils: z.record(kebabId, z.array(synonymSchema)).default({}),
  })
  .strict();

export type Synonym = z.infer<typeof synonymSchema>;
export type Vocabulary = z.infer<typeof vocabularyFileSchema>;
