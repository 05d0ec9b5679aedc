import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-14');

/** What a member gives to request an officer briefing or report for their party group. */
export const requestBriefingSchema = z.object({
  idempotencyKey: z.string().min(8, 'must be at least 8 characters').max(200),
  council: z.string().min(1),
  requester: z.object({ personId: z.string().min(1).max(200) }),
  group: z.string().trim().min(1, 'name your party group').max(200),
  subject: z.string().trim().min(3, 'say what the briefing is about').max(2_000),
  format: z.enum(['attendance', 'written-report']),
  meetingDate: isoDate,
  nonCouncillorsPresent: z.boolean(),
  /** The service the subject belongs to, so "the relevant Chief Officer" can be found. */
  department: z.string().trim().max(200).optional(),
});

export type RequestBriefingInput = z.input<typeof requestBriefingSchema>;

/** The sealed part of a briefing request: it reveals a political affiliation, so it is kept like complaint text. */
export interface BriefingContent {
  group: string;
  subject: string;
  format: 'attendance' | 'written-report';
  meetingDate: string;
  nonCouncillorsPresent: boolean;
  department: string;
  declineReason: string | null;
}
