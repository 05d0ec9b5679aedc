import { stem, words } from './tokenise';

/**
 * Visits the features of a message: stemmed words, stemmed word pairs (to tell "complaint about a member" from
 * "complaint by a member"), and letter 4-grams of longer words (to survive typos such as "councilor").
 * A feature may be visited more than once; callers that need distinct features dedupe.
 */
export function forEachFeature(text: string, visit: (feature: string) => void): void {
  let previous = '<s>';
  for (const token of words(text)) {
    const stemmed = stem(token);
    visit(`w:${stemmed}`);
    visit(`b:${previous}_${stemmed}`);
    previous = stemmed;
    if (token.length >= 6) {
      const padded = `^${token}$`;
      for (let i = 0; i + 4 <= padded.length; i += 1) visit(`c:${padded.slice(i, i + 4)}`);
    }
  }
}

/** The distinct features of a message, as strings; the model maps them to indices. */
export function extractFeatures(text: string): string[] {
  const features = new Set<string>();
  forEachFeature(text, (feature) => features.add(feature));
  return [...features];
}
