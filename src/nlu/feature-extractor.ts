import { stem, words } from './tokenise';

/**
 * Features of a message: stemmed words, stemmed word pairs (to tell "complaint about a member" from
 * "complaint by a member"), and letter 4-grams of longer words (to survive typos such as "councilor").
 * Returned as distinct strings; the model maps them to indices.
 */
export function extractFeatures(text: string): string[] {
  const features = new Set<string>();
  const tokens = words(text);
  let previous = '<s>';
  for (const token of tokens) {
    const stemmed = stem(token);
    features.add(`w:${stemmed}`);
    features.add(`b:${previous}_${stemmed}`);
    previous = stemmed;
    if (token.length >= 6) {
      const padded = `^${token}$`;
      for (let i = 0; i + 4 <= padded.length; i += 1) features.add(`c:${padded.slice(i, i + 4)}`);
    }
  }
  return [...features];
}
