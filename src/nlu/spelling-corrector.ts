/** Words shorter than this are never corrected: too many short words are one letter apart ("bin", "bid"). */
const MIN_LENGTH = 5;

/**
 * Corrects misspelt words against a vocabulary (the classifier's training words and the knowledge base's): a word
 * the vocabulary does not hold becomes the most frequent vocabulary word one edit away (two for words of eight
 * letters or more), counting a swap of neighbouring letters as one edit. Words it holds, common English words
 * (`commonWords`: "shocking" is a word, not a misspelt "shouting"), short words, numbers and words with no close match
 * are left as they are.
 */
export class SpellingCorrector {
  /** Vocabulary words by first letter, so a word is compared with few candidates. */
  private readonly byInitial = new Map<string, Array<{ word: string; count: number }>>();
  /** Words already looked at: the same few misspellings come again and again. */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly commonWords: ReadonlySet<string> = new Set(),
  ) {
    for (const [word, count] of counts) {
      if (word.length < MIN_LENGTH - 1 || /\d/.test(word)) continue;
      const list = this.byInitial.get(word[0] as string) ?? [];
      list.push({ word, count });
      this.byInitial.set(word[0] as string, list);
    }
  }

  /** The word as it was meant, or the word itself. */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || this.counts.has(word) || this.commonWords.has(word) || /\d/.test(word)) return word;
    const known = this.seen.get(word);
    if (known !== undefined) return known;
    const corrected = this.nearest(word);
    if (this.seen.size < 20_000) this.seen.set(word, corrected);
    return corrected;
  }

  private nearest(word: string): string {
    const allowed = word.length >= 8 ? 2 : 1;
    let best: { word: string; count: number; distance: number } | undefined;
    for (const candidate of this.byInitial.get(word[0] as string) ?? []) {
      if (Math.abs(candidate.word.length - word.length) > allowed) continue;
      const distance = editDistanceWithin(word, candidate.word, allowed);
      if (distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && candidate.count > best.count)) best = { ...candidate, distance };
    }
    return best?.word ?? word;
  }
}

/**
 * The optimal-string-alignment distance between two words (insertions, deletions, substitutions and swaps of
 * neighbouring letters), or `limit + 1` as soon as it must exceed `limit`. natural's DamerauLevenshteinDistance
 * gives the same numbers but always fills the whole table; with a cut-off, checking a word against every
 * candidate of its letter takes microseconds, which keeps a question's answer fast.
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] as number, limit + 1);
}
