import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

// eslint-disable-next-line no-control-regex -- the range spells out "any ASCII character", control characters included
const NON_ASCII = /[^\x00-\x7f]/;
/** Apostrophes go ("don't" is one word); "e-mail" and "pre-election" are written as one word. */
const JOINED = /[\u2018\u2019']|e-mail|pre-election/;
const JOINED_GLOBAL = new RegExp(JOINED.source, 'g');

/**
 * Words council staff write in several ways, mapped to one spelling before stemming, so that a phrasing seen
 * in training with one spelling is recognised with another.
 */
const SPELLINGS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    cllr: ['councillor'],
    cllrs: ['councillors'],
    councilor: ['councillor'],
    councilors: ['councillors'],
    counciller: ['councillor'],
    councillers: ['councillors'],
    ceo: ['chief', 'executive'],
    chiefexec: ['chief', 'executive'],
    exec: ['executive'],
    purdah: ['pre', 'election', 'period'],
    preelection: ['pre', 'election'],
    email: ['email'],
    emails: ['email'],
    mail: ['email'],
    emailed: ['email'],
    hr: ['human', 'resources'],
    mo: ['monitoring', 'officer'],
    offcer: ['officer'],
    offcers: ['officers'],
    oficer: ['officer'],
    recieve: ['receive'],
    recieved: ['received'],
    mgr: ['manager'],
    dept: ['department'],
    govt: ['government'],
    tel: ['telephone'],
    phone: ['telephone'],
    phoned: ['telephone'],
    ringing: ['telephone'],
    rang: ['telephone'],
    chairman: ['chair'],
    chairwoman: ['chair'],
    chairperson: ['chair'],
  }),
);

const stemCache = new Map<string, string>();

/** Porter stem, memoised: the vocabulary is small, so each word is stemmed once per process. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Whether a UTF-16 code unit belongs to a word: the characters of `natural`'s WordTokenizer (`[A-Za-zА-Яа-я0-9_]`:
 * Latin and Cyrillic letters, digits, underscore). A word is a longest run of them. Scanned by hand rather than
 * matched with a pattern, so that the feature index can read a message's words without making a string of each.
 */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95 || (code >= 0x410 && code <= 0x44f);
}

/** A message as its words are read from it: NFKC (only if not ASCII), lower case, apostrophes and joined words. */
export function normaliseText(text: string): string {
  const lower = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  return JOINED.test(lower) ? lower.replace(JOINED_GLOBAL, (match) => (match.length === 1 ? '' : match.replace('-', ''))) : lower;
}

/** The words a token of a message stands for: its council spelling unified ("cllr": councillor), else itself. */
export function spelledAs(token: string): readonly string[] {
  // A Map, not an object: "constructor" or "__proto__" in a question must be words, not inherited properties.
  return SPELLINGS.get(token) ?? [token];
}

/** Lower-cased words of a message, with council spellings unified (not stemmed). */
export function words(text: string): string[] {
  const normalised = normaliseText(text);
  const out: string[] = [];
  let i = 0;
  while (i < normalised.length) {
    if (!isWordCode(normalised.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < normalised.length && isWordCode(normalised.charCodeAt(i))) i += 1;
    for (const word of spelledAs(normalised.slice(start, i))) out.push(word);
  }
  return out;
}
