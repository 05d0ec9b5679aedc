import { askingSentence } from '../nlu/asking-sentence';

/**
 * What kind of answer a question asks for: a person ("who do I tell?"), a time ("how many working days?"), a yes
 * or no ("can I…?"), what to do ("what should I do?"), or none of these plainly. Read from the sentence that asks:
 * people give the context first and ask last ("…, the deadline is Friday. Who do I report this to?").
 */
export type QuestionForm = 'who' | 'when' | 'yes-no' | 'what-to-do' | 'other';

// An asking "who" opens the sentence or follows a word that introduces a question ("not sure who…", "so who…"); a
// relative one ("a councillor who sits on…") does not.
const WHO =
  /(?:^|[,;:(-]\s*|\b(?:so|and|but|then|now|know|tell me|ask|sure|wondering|idea|check|out|exactly|actually)\s+)who(?:m|'s)?\b|\bto whom\b|\bwhich (?:officer|person|director|member|councillor|cllr|manager|committee)\b/i;
const WHEN = /\bhow (?:many|long|soon|quickly|far ahead)\b|\bby when\b|\bwhen (?:do|does|should|must|will|can|would)\b|\bdeadline\b|\bwithin how\b/i;
const YES_NO =
  /^(?:(?:and|but|so|ok|okay|also|then|now)\s+)?(?:can|could|may|might|am|is|are|was|were|should|shall|must|do|does|did|will|would|have|has|isn't|aren't|don't|doesn't|shouldn't|can't|won't)\b|\bis (?:it|that|this) (?:ok|okay|alright|all right|allowed|fine|appropriate|acceptable|right)\b|\b(?:am i|are we|are they|is he|is she) (?:allowed|able|entitled|obliged|required|expected)\b/i;
const WHAT_TO_DO = /\bwhat (?:should|do|can|must|could|would|shall) (?:i|we)\b|\bhow (?:do|should|can|would) (?:i|we)\b|\bwhat (?:are )?(?:my|our) options\b|\bwhat (?:happens|next)\b/i;

/** The kind of answer a question (or a point's phrasing) asks for. */
export function questionForm(text: string): QuestionForm {
  const asking = askingSentence(text);
  if (WHO.test(asking)) return 'who';
  if (WHEN.test(asking)) return 'when';
  if (WHAT_TO_DO.test(asking)) return 'what-to-do';
  if (YES_NO.test(asking)) return 'yes-no';
  return 'other';
}
