/** A message's sentences: split after ".", "?" or "!" and at line breaks, those with no letter left out. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

/**
 * The sentence of a message that asks its question: the last one ending in "?", else the last one. People give
 * the context first and ask last ("…, the deadline is Friday. Who do I report this to?").
 */
export function askingSentence(text: string): string {
  const sentences = sentencesOf(text);
  return [...sentences].reverse().find((s) => s.endsWith('?')) ?? sentences.at(-1) ?? text;
}
