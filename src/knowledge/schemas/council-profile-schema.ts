import { z } from 'zod';
import { kebabId, prose, roleKey } from './identifiers';

/** How one council names one canonical role, e.g. `chief-executive` is "Town Clerk (CEO)" at Lydney. */
export const roleTitleSchema = z
  .object({
    title: prose,
    /** Other words people use for the same post ("Clerk", "head of paid service"); used to spot roles in questions. */
    aliases: z.array(prose).default([]),
    /** What the role is at this council, where the title alone does not say. */
    description: prose.optional(),
  })
  .strict();

/** `protocol-data/<council>/council.yaml`: who the council is and how it names its roles. */
export const councilProfileSchema = z
  .object({
    id: kebabId,
    name: prose,
    shortName: prose,
    protocolTitle: prose,
    protocolDate: prose,
    source: z
      .object({
        /** The source text kept beside the data, relative to the council folder. */
        file: prose,
        /** The file name in shared/protocols it was copied from. */
        originalFile: prose,
        attribution: prose,
      })
      .strict(),
    roles: z.record(roleKey, roleTitleSchema),
  })
  .strict();

export type RoleTitle = z.infer<typeof roleTitleSchema>;
export type CouncilProfile = z.infer<typeof councilProfileSchema>;
