import { z } from 'zod';
import { AppError } from '../../errors/app-error';
import { askerRole, subjectRole } from '../../knowledge/schemas/identifiers';

/** What a person submits to open a complaint. */
export const openComplaintSchema = z.object({
  /** Unique per submission (Slack view id, Teams activity id, form token): a retry never makes a second case. */
  idempotencyKey: z.string().min(8, 'must be at least 8 characters').max(200),
  council: z.string().min(1),
  complainant: z.object({ personId: z.string().min(1).max(200), role: askerRole }),
  /**
   * Who it is about: a person of the council's directory (`personId`, their role follows from the directory), or
   * someone not listed, described in words with the kind of person they are (`role`, `name`).
   */
  subject: z
    .object({
      personId: z.string().min(1).max(200).optional(),
      role: subjectRole.optional(),
      name: z.string().trim().max(200).optional(),
      department: z.string().trim().max(200).optional(),
    })
    .refine((s) => s.personId !== undefined || s.role !== undefined, { message: 'choose who it is about, or "someone not listed" and what kind of person they are', path: ['personId'] }),
  description: z.string().trim().min(10, 'please say what happened (at least 10 characters)').max(10_000, 'please keep it under 10,000 characters'),
  triedInformally: z.string().trim().max(5_000).default(''),
  desiredOutcome: z.string().trim().max(5_000).default(''),
});

export type OpenComplaintInput = z.input<typeof openComplaintSchema>;
export type OpenComplaint = z.output<typeof openComplaintSchema>;

/** The sealed part of a complaint: everything a person wrote. */
export interface ComplaintContent {
  subjectName: string;
  subjectDepartment: string;
  description: string;
  triedInformally: string;
  desiredOutcome: string;
  /** What the complainant is told. */
  outcome: string | null;
  /** The handler's investigation notes: never shown to the complainant. */
  investigationNotes: string | null;
}

/** Validates input with zod; field problems become one `bad_request` error listing `field: message`. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new AppError('bad_request', `the submission has ${details.length} problem(s): ${details.join('; ')}`, details);
}
