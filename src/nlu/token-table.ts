/** FNV-1a over UTF-16 code units: the hash a span's characters are looked up by. */
export const TOKEN_HASH_START = 0x811c9dc5 | 0;

/** The next FNV-1a hash after one more code unit. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Spans longer than this are never stored (words are short; a run of thousands of letters is not one). */
const LONGEST_TOKEN = 64;

/**
 * Distinct tokens, each with one integer value, looked up by a span of a string and its hash: an open-addressing
 * table over flat typed arrays (each token's hash, place, length and value side by side; their characters in one
 * pool). Looking a word of a message up this way makes no string and reads no object: a few cache lines, where a
 * `Map` from strings reads its own table, the key string and the value object. Bounded: `add` refuses once
 * `limit` tokens are stored.
 */
export class TokenTable {
  /** Slot -> token number + 1 (0: empty). */
  private slots = new Int32Array(1024);
  /** Token t: `[4t]` hash, `[4t + 1]` first character in `chars`, `[4t + 2]` length, `[4t + 3]` value. */
  private entries = new Int32Array(4 * 256);
  private chars = new Uint16Array(4096);
  private charCount = 0;
  private count = 0;

  constructor(private readonly limit: number) {}

  /** How many tokens are stored. */
  get size(): number {
    return this.count;
  }

  /** The value stored for `text[start, end)` (whose hash is `hash`), or -1 if it is not stored. */
  find(text: string, start: number, end: number, hash: number): number {
    const { slots, entries, chars } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = slotOf(hash, mask); ; slot = (slot + 1) & mask) {
      const stored = slots[slot] as number;
      if (stored === 0) return -1;
      const at = 4 * (stored - 1);
      if (entries[at] !== hash || entries[at + 2] !== length) continue;
      const first = entries[at + 1] as number;
      let same = true;
      for (let i = 0; i < length && same; i += 1) same = chars[first + i] === text.charCodeAt(start + i);
      if (same) return entries[at + 3] as number;
    }
  }

  /**
   * Stores `value` for `text[start, end)`, which must not be stored yet. Returns false, storing nothing, when the
   * table is full or the span is too long to be a word.
   */
  add(text: string, start: number, end: number, hash: number, value: number): boolean {
    const length = end - start;
    if (this.count >= this.limit || length > LONGEST_TOKEN) return false;
    if (2 * (this.count + 1) > this.slots.length) this.rehash(2 * this.slots.length);
    if (4 * (this.count + 1) > this.entries.length) this.entries = grown(this.entries, 2 * this.entries.length);
    if (this.charCount + length > this.chars.length) this.chars = grown(this.chars, 2 * (this.charCount + length));
    for (let i = 0; i < length; i += 1) this.chars[this.charCount + i] = text.charCodeAt(start + i);
    const at = 4 * this.count;
    this.entries[at] = hash;
    this.entries[at + 1] = this.charCount;
    this.entries[at + 2] = length;
    this.entries[at + 3] = value;
    this.charCount += length;
    this.count += 1;
    this.place(this.count, hash);
    return true;
  }

  private place(stored: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = slotOf(hash, mask);
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = stored;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let t = 0; t < this.count; t += 1) this.place(t + 1, this.entries[4 * t] as number);
  }
}

/** A hash's first slot: its high bits folded in, since FNV's low bits alone spread short words poorly. */
function slotOf(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/** A copy of a typed array with room for `size` values. */
export function grown<T extends Int32Array | Uint16Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}
