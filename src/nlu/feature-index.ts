import { stem, words } from './tokenise';

/** What one word of a message contributes, worked out once per distinct word. */
interface WordEntry {
  /** The word's stem among the stems the model knows (`-1` if unknown): pairs are looked up by stem numbers. */
  stem: number;
  /** Ids of the word's own features (its stem, its letter 4-grams) that the model knows. */
  ids: Int32Array;
}

/** Words remembered at most: the vocabulary of council questions is small; random input is not kept forever. */
const WORD_CACHE_LIMIT = 50_000;
/** The stem number of the start of a message, in word pairs `b:<s>_…`. */
const START = -1;
/** A word whose stem the model does not know: no pair with it is known either. */
const UNKNOWN = -2;

/**
 * Turns a message into the ids of the features the model knows, the same set that `forEachFeature` visits
 * (test/nlu/feature-index.test.ts holds the two to each other), without building a string per feature: each
 * distinct word is stemmed and split into letter 4-grams once, and a word pair is one integer lookup.
 */
export class FeatureIndex {
  private readonly ids: Map<string, number>;
  /** Stem number of each `w:` feature's stem, and the id of the `w:` feature of each stem number. */
  private readonly stemNumbers = new Map<string, number>();
  /**
   * Word-pair feature ids by `(first + 2) * stride + second`, over stem numbers (`START` for the beginning): an
   * open-addressing table of two typed arrays (keys, ids), which looks a pair up several times faster than a Map.
   */
  private readonly pairKeys: Int32Array;
  private readonly pairIds: Int32Array;
  private readonly pairMask: number;
  private readonly stride: number;
  private readonly cache = new Map<string, WordEntry>();
  /** Marks ids already taken from the current message (`seen[id] === stamp`), without a Set per call. */
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(vocabulary: readonly string[]) {
    // Built at every start-up from the saved vocabulary: plain loops, without a temporary Map of the pairs.
    this.ids = new Map();
    for (let id = 0; id < vocabulary.length; id += 1) {
      const feature = vocabulary[id] as string;
      this.ids.set(feature, id);
      if (feature.startsWith('w:')) this.stemNumbers.set(feature.slice(2), this.stemNumbers.size);
    }
    this.stride = this.stemNumbers.size + 2;
    const pairKeys: number[] = [];
    const pairIds: number[] = [];
    for (let id = 0; id < vocabulary.length; id += 1) {
      const feature = vocabulary[id] as string;
      if (!feature.startsWith('b:')) continue;
      const split = feature.indexOf('_', 2);
      // Stems hold no underscore (the tokeniser splits on it), so the first one after the prefix separates the two.
      const first = feature.slice(2, split);
      const second = this.stemNumbers.get(feature.slice(split + 1));
      const firstNumber = first === '<s>' ? START : this.stemNumbers.get(first);
      if (firstNumber === undefined || second === undefined) continue;
      pairKeys.push((firstNumber + 2) * this.stride + second);
      pairIds.push(id);
    }
    let size = 1;
    while (size < pairKeys.length * 2) size *= 2;
    this.pairMask = size - 1;
    this.pairKeys = new Int32Array(size).fill(-1);
    this.pairIds = new Int32Array(size);
    // Each pair feature is one distinct string, so each key is inserted once.
    for (let i = 0; i < pairKeys.length; i += 1) {
      const key = pairKeys[i] as number;
      let slot = slotOf(key, this.pairMask);
      while (this.pairKeys[slot] !== -1) slot = (slot + 1) & this.pairMask;
      this.pairKeys[slot] = key;
      this.pairIds[slot] = pairIds[i] as number;
    }
    this.seen = new Int32Array(vocabulary.length);
  }

  /** The id of a feature string, if the model knows it. */
  idOf(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** The distinct ids of a message's known features, in the order they first occur. */
  featureIds(text: string): number[] {
    const out: number[] = [];
    const seen = this.seen;
    const stamp = (this.stamp = (this.stamp + 1) | 0);
    let previous = START;
    for (const token of words(text)) {
      const entry = this.entry(token);
      const own = entry.ids;
      if (entry.stem >= 0 && own.length > 0 && seen[own[0] as number] !== stamp) {
        seen[own[0] as number] = stamp;
        out.push(own[0] as number);
      }
      if (previous !== UNKNOWN && entry.stem >= 0) {
        const pair = this.pairId((previous + 2) * this.stride + entry.stem);
        if (pair >= 0 && seen[pair] !== stamp) {
          seen[pair] = stamp;
          out.push(pair);
        }
      }
      for (let i = entry.stem >= 0 ? 1 : 0; i < own.length; i += 1) {
        const id = own[i] as number;
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        out.push(id);
      }
      previous = entry.stem >= 0 ? entry.stem : UNKNOWN;
    }
    return out;
  }

  /** The id of a word pair's feature, or -1 if the model does not know the pair. */
  private pairId(key: number): number {
    const keys = this.pairKeys;
    for (let slot = slotOf(key, this.pairMask); ; slot = (slot + 1) & this.pairMask) {
      const found = keys[slot] as number;
      if (found === key) return this.pairIds[slot] as number;
      if (found === -1) return -1;
    }
  }

  private entry(token: string): WordEntry {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const stemmed = stem(token);
    const stemNumber = this.stemNumbers.get(stemmed);
    const ids: number[] = [];
    if (stemNumber !== undefined) ids.push(this.ids.get(`w:${stemmed}`) as number);
    if (token.length >= 6) {
      const padded = `^${token}$`;
      for (let i = 0; i + 4 <= padded.length; i += 1) {
        const id = this.ids.get(`c:${padded.slice(i, i + 4)}`);
        if (id !== undefined) ids.push(id);
      }
    }
    const entry: WordEntry = { stem: stemNumber ?? -1, ids: Int32Array.from(ids) };
    if (this.cache.size < WORD_CACHE_LIMIT) this.cache.set(token, entry);
    return entry;
  }
}

/** A pair key's first slot: a multiplicative hash, so neighbouring keys spread over the table. */
function slotOf(key: number, mask: number): number {
  const hash = Math.imul(key, 0x9e3779b1);
  return (hash ^ (hash >>> 16)) & mask;
}
