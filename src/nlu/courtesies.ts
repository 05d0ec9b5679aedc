/**
 * Greetings and thanks that open or close a question ("hey, is it ok…", "…? cheers"). People type them around a
 * real question; read with them, the classifier can take "hey, is it ok for me to ask the clerk…" for a greeting.
 */
const OPENING = /^\s*(?:(?:hi|hey|hiya|hello|morning|good (?:morning|afternoon|evening)|afternoon|evening)(?:\s+(?:there|all|team|bot))?)(?:\s*[,.!:;-]+\s*|\s+)/i;
const CLOSING = /(?:[\s,.!?]+)(?:thanks(?: in advance| a lot| very much)?|thank you(?: very much)?|cheers|ta|many thanks|thx)[\s.!]*$/i;

/** A question at least this many words long once its courtesies are taken off is read without them. */
const QUESTION_WORDS = 4;

/** The question without an opening greeting or closing thanks; a bare "hi" or "thanks" is left as it is. */
export function withoutCourtesies(text: string): string {
  const trimmed = text.replace(OPENING, '').replace(CLOSING, '').trim();
  return trimmed.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length >= QUESTION_WORDS ? trimmed : text;
}
