import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

/**
 * The words of `natural`'s WordTokenizer (runs of letters, digits and underscores), matched rather than split
 * out: its split-then-filter costs three times as much per question for the same tokens.
 */
const tokenizer = new RegexpTokenizer({ pattern: /[A-Za-zА-Яа-я0-9_]+/g, gaps: false });
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

/** Lower-cased words of a message, with council spellings unified (not stemmed). */
export function words(text: string): string[] {
  const lower = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  const normalised = JOINED.test(lower) ? lower.replace(JOINED_GLOBAL, (match) => (match.length === 1 ? '' : match.replace('-', ''))) : lower;
  const out: string[] = [];
  for (const token of tokenizer.tokenize(normalised) ?? []) {
    // A Map, not an object: "constructor" or "__proto__" in a question must be words, not inherited properties.
    const mapped = SPELLINGS.get(token);
    if (mapped === undefined) out.push(token);
    else for (const word of mapped) out.push(word);
  }
  return out;
}
