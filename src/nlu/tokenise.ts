import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

const tokenizer = new WordTokenizer();

/**
 * Words council staff write in several ways, mapped to one spelling before stemming, so that a phrasing seen
 * in training with one spelling is recognised with another.
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
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
};

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
  const normalised = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/e-mail/g, 'email')
    .replace(/pre-election/g, 'preelection');
  const out: string[] = [];
  for (const token of tokenizer.tokenize(normalised)) {
    const mapped = SPELLINGS[token];
    if (mapped) out.push(...mapped);
    else out.push(token);
  }
  return out;
}
