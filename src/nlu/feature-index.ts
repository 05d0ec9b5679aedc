import { forEachLetterGram } from './feature-extractor';
import { grown, hashStep, TokenTable, TOKEN_HASH_START } from './token-table';
import { isWordCode, normaliseText, spelledAs, stem } from './tokenise';

/** Tokens remembered at most: the vocabulary of council questions is small; random input is not kept forever. */
const TOKEN_LIMIT = 50_000;
/** The stem number of the start of a message, in word pairs `b:<s>_…`. */
const START = -1;
/** A word whose stem the model does not know: no pair with it is known either. */
const UNKNOWN = -2;

/**
 * A message's known feature ids, in scratch space that the next read reuses (Node answers one question at a time):
 * a question's features are read without building an array for them.
 */
export interface FeatureList {
  /** Every distinct known feature, in the order first met: `ids[0 .. count)`. */
  ids: Int32Array;
  count: number;
  /** Those that are words or word pairs, the features the neighbour vote reads: `voters[0 .. voterCount)`. */
  voters: Int32Array;
  voterCount: number;
}

/**
 * Turns a message into the ids of the features the model knows, the same set that `forEachFeature` visits
 * (test/nlu/feature-index.test.ts holds the two to each other), without building a string per feature: each
 * distinct token is stemmed and split into letter 4-grams once, and a word pair is one integer lookup.
 *
 * What a token contributes is kept flat: the token table gives `(first word << 2) | word count` (a token such as
 * "purdah" stands for up to three words), word `w` is `words[3w]` its stem number (`-1` if unknown; pairs are
 * looked up by stem numbers) and `ownIds[words[3w + 1] .. words[3w + 2])` the ids of its own features (its stem,
 * its letter 4-grams). So reading a known word touches a few typed arrays and allocates nothing.
 */
export class FeatureIndex {
  private readonly ids: Map<string, number>;
  /** Stem number of each `w:` feature's stem, and the id of the `w:` feature of each stem number. */
  private readonly stemNumbers = new Map<string, number>();
  /**
   * Word-pair feature ids by `(first + 2) * stride + second`, over stem numbers (`START` for the beginning): an
   * open-addressing table with each slot's key and id side by side (`pairSlots[2s]`, `pairSlots[2s + 1]`), so a look-up
   * reads one cache line; several times faster than a Map.
   */
  private readonly pairSlots: Int32Array;
  private readonly pairMask: number;
  private readonly stride: number;
  private readonly tokens: TokenTable;
  private words = new Int32Array(3 * 1024);
  private wordCount = 0;
  private ownIds = new Int32Array(4096);
  private ownIdCount = 0;
  /**
   * Marks ids already taken from the current message (`seen[id] === stamp`), without a Set per call: a byte per
   * feature (a quarter of the memory a question's look-ups are spread over), cleared once every 255 messages.
   */
  private readonly seen: Uint8Array;
  private stamp = 0;
  private readonly list: FeatureList = { ids: new Int32Array(256), count: 0, voters: new Int32Array(128), voterCount: 0 };

  /** `tokenLimit`: how many distinct tokens are remembered (tests make it small to reach it). */
  constructor(vocabulary: readonly string[], tokenLimit = TOKEN_LIMIT) {
    this.tokens = new TokenTable(tokenLimit);
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
    this.pairSlots = new Int32Array(2 * size).fill(-1);
    // Each pair feature is one distinct string, so each key is inserted once.
    for (let i = 0; i < pairKeys.length; i += 1) {
      const key = pairKeys[i] as number;
      let slot = slotOf(key, this.pairMask);
      while (this.pairSlots[2 * slot] !== -1) slot = (slot + 1) & this.pairMask;
      this.pairSlots[2 * slot] = key;
      this.pairSlots[2 * slot + 1] = pairIds[i] as number;
    }
    this.seen = new Uint8Array(vocabulary.length);
  }

  /** How many words' features are held for remembered tokens (at most three a token: bounded by the token limit). */
  get heldWords(): number {
    return this.wordCount;
  }

  /** The id of a feature string, if the model knows it. */
  idOf(feature: string): number | undefined {
    return this.ids.get(feature);
  }

  /** The distinct ids of a message's known features, in the order they first occur. */
  featureIds(text: string): number[] {
    const list = this.read(text);
    return Array.from(list.ids.subarray(0, list.count));
  }

  /**
   * A message's known features, as `featureIds` lists them, with the words and word pairs among them listed apart.
   * The list returned is reused by the next read: read it first.
   */
  read(text: string): FeatureList {
    const list = this.list;
    list.count = 0;
    list.voterCount = 0;
    const seen = this.seen;
    let stamp = (this.stamp + 1) & 255;
    if (stamp === 0) {
      seen.fill(0);
      stamp = 1;
    }
    this.stamp = stamp;
    const normalised = normaliseText(text);
    const length = normalised.length;
    let previous = START;
    let i = 0;
    while (i < length) {
      let code = normalised.charCodeAt(i);
      if (!isWordCode(code)) {
        i += 1;
        continue;
      }
      const start = i;
      let hash = TOKEN_HASH_START;
      while (isWordCode(code)) {
        hash = hashStep(hash, code);
        i += 1;
        if (i === length) break;
        code = normalised.charCodeAt(i);
      }
      let token = this.tokens.find(normalised, start, i, hash);
      // A token the table has no room for is worked out into the arrays' tails, and dropped once it is read.
      const wordsBefore = this.wordCount;
      const idsBefore = this.ownIdCount;
      let dropAfter = false;
      if (token < 0) {
        const stored = this.tokens.size;
        token = this.readToken(normalised, start, i, hash);
        dropAfter = this.tokens.size === stored;
      }
      const words = this.words;
      const ownIds = this.ownIds;
      for (let w = token >> 2, last = w + (token & 3); w < last; w += 1) {
        const stemNumber = words[3 * w] as number;
        const from = words[3 * w + 1] as number;
        const to = words[3 * w + 2] as number;
        let next = from;
        if (stemNumber >= 0 && to > from) {
          const id = ownIds[from] as number;
          next += 1;
          if (seen[id] !== stamp) {
            seen[id] = stamp;
            this.take(id, true);
          }
        }
        if (previous !== UNKNOWN && stemNumber >= 0) {
          const pair = this.pairId((previous + 2) * this.stride + stemNumber);
          if (pair >= 0 && seen[pair] !== stamp) {
            seen[pair] = stamp;
            this.take(pair, true);
          }
        }
        for (let p = next; p < to; p += 1) {
          const id = ownIds[p] as number;
          if (seen[id] === stamp) continue;
          seen[id] = stamp;
          this.take(id, false);
        }
        previous = stemNumber >= 0 ? stemNumber : UNKNOWN;
      }
      if (dropAfter) {
        this.wordCount = wordsBefore;
        this.ownIdCount = idsBefore;
      }
    }
    return list;
  }

  /** Adds a feature to the list (`voter`: a word or word pair), growing the scratch space if need be. */
  private take(id: number, voter: boolean): void {
    const list = this.list;
    if (list.count === list.ids.length) list.ids = grown(list.ids, 2 * list.ids.length);
    list.ids[list.count] = id;
    list.count += 1;
    if (!voter) return;
    if (list.voterCount === list.voters.length) list.voters = grown(list.voters, 2 * list.voters.length);
    list.voters[list.voterCount] = id;
    list.voterCount += 1;
  }

  /** The id of a word pair's feature, or -1 if the model does not know the pair. */
  private pairId(key: number): number {
    const slots = this.pairSlots;
    for (let slot = slotOf(key, this.pairMask); ; slot = (slot + 1) & this.pairMask) {
      const found = slots[2 * slot] as number;
      if (found === key) return slots[2 * slot + 1] as number;
      if (found === -1) return -1;
    }
  }

  /**
   * Works out a token met for the first time: the words it stands for, each stemmed and split into letter 4-grams,
   * appended to `words` and `ownIds`, and stored in the token table if it has room. Returns the token's value.
   */
  private readToken(text: string, start: number, end: number, hash: number): number {
    const first = this.wordCount;
    const spelled = spelledAs(text.slice(start, end));
    if (spelled.length > 3) throw new Error('a token stands for at most three words (its value keeps the count in two bits)');
    for (const word of spelled) {
      const stemmed = stem(word);
      const stemNumber = this.stemNumbers.get(stemmed);
      const ids: number[] = [];
      if (stemNumber !== undefined) ids.push(this.ids.get(`w:${stemmed}`) as number);
      forEachLetterGram(word, (gram) => {
        const id = this.ids.get(gram);
        if (id !== undefined) ids.push(id);
      });
      if (3 * (this.wordCount + 1) > this.words.length) this.words = grown(this.words, 2 * this.words.length);
      if (this.ownIdCount + ids.length > this.ownIds.length) this.ownIds = grown(this.ownIds, 2 * (this.ownIdCount + ids.length));
      const at = 3 * this.wordCount;
      this.words[at] = stemNumber ?? -1;
      this.words[at + 1] = this.ownIdCount;
      this.ownIds.set(ids, this.ownIdCount);
      this.ownIdCount += ids.length;
      this.words[at + 2] = this.ownIdCount;
      this.wordCount += 1;
    }
    const value = (first << 2) | spelled.length;
    this.tokens.add(text, start, end, hash, value);
    return value;
  }
}

/** A pair key's first slot: a multiplicative hash, so neighbouring keys spread over the table. */
function slotOf(key: number, mask: number): number {
  const hash = Math.imul(key, 0x9e3779b1);
  return (hash ^ (hash >>> 16)) & mask;
}
