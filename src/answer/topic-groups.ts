/** Topics whose answer is a complaint route for the asker and the person complained about. */
export const COMPLAINT_TOPICS: ReadonlySet<string> = new Set(['complaint-about-officer', 'complaint-about-member']);

/** The subject assumed for a complaint topic when the question names nobody. */
export const DEFAULT_SUBJECT: Readonly<Record<string, 'officer' | 'member'>> = {
  'complaint-about-officer': 'officer',
  'complaint-about-member': 'member',
};

/** Words that show the asker already complained and it went nowhere, so escalation comes first. */
export const ESCALATION_CUE =
  /\b(never|not|hasn'?t|haven'?t|didn'?t|no one|nobody|ignored|unhappy with the (outcome|response)|not satisfied|dissatisfied|where do i go now|what next|next step|escalat|still waiting|no response|no reply|heard nothing)\b/i;

/**
 * Intents whose reply depends on whom the question is about: the complaint topics (their route) and the request
 * to start one (its button). Only these need the roles a question names worked out.
 */
export const SUBJECT_INTENTS: ReadonlySet<string> = new Set([...COMPLAINT_TOPICS, 'start-complaint']);

const MEMBER_SUBJECTS: ReadonlySet<string> = new Set(['member', 'group-leader', 'chair']);

/**
 * The two complaint topics differ only in whom the complaint is about, which words alone rarely settle
 * ("complain about the Leader"): when the question names the subject's role, the role decides.
 */
export function complaintTopicFor(intent: string, subjectRole: string | undefined): string {
  if (!COMPLAINT_TOPICS.has(intent) || subjectRole === undefined) return intent;
  return MEMBER_SUBJECTS.has(subjectRole) ? 'complaint-about-member' : 'complaint-about-officer';
}
