import { z } from 'zod';

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');

/** One person the bot may route to or hear from. */
export const personSchema = z
  .object({
    /** Stable id used in cases and audit records. */
    id: z.string().min(1),
    name: z.string().min(1),
    /** Role keys from the council's profile (`chief-officer`, `monitoring-officer`, `hr` …). */
    roles: z.array(kebab).min(1),
    /** For chief officers, directors and their staff: routes to "the relevant Chief Officer" match on it. */
    department: z.string().min(1).optional(),
    /** Councillors: the party group they belong to (briefings tell the other groups' leaders). */
    group: z.string().min(1).optional(),
    /** Id of this person's line manager, for routes that go to "your line manager". */
    lineManager: z.string().min(1).optional(),
    slackUserId: z.string().min(1).optional(),
    teamsUserId: z.string().min(1).optional(),
    /**
     * The person's id at the council's identity provider, for web sign-in: the Microsoft Entra object id (the
     * `oid` claim), or another provider's `sub`. Without it, web sign-in matches the person by `email`.
     */
    oid: z.string().min(1).optional(),
    email: z.string().email().optional(),
  })
  .strict();

/** Where HR hears about new cases and state changes. */
export const hrContactSchema = z
  .object({
    name: z.string().min(1),
    slackChannel: z.string().min(1).optional(),
    teamsConversationId: z.string().min(1).optional(),
    email: z.string().email().optional(),
  })
  .strict();

/** `DIRECTORY_FILE`: for each council, the people who hold each role and the HR contact. */
export const directorySchema = z
  .object({
    councils: z.record(
      kebab,
      z
        .object({
          people: z.array(personSchema).min(1),
          hr: hrContactSchema,
        })
        .strict(),
    ),
  })
  .strict();

export type Person = z.infer<typeof personSchema>;
export type HrContact = z.infer<typeof hrContactSchema>;
export type DirectoryData = z.infer<typeof directorySchema>;
