import { z } from 'zod';
import { prose, roleKey } from './identifiers';

/** A role named in a route or rule; `title` overrides the council's title where the protocol words it differently. */
export const partySchema = z
  .object({
    role: roleKey,
    title: prose.optional(),
  })
  .strict();

export type Party = z.infer<typeof partySchema>;
