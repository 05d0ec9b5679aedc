import type { CouncilProfile } from '../knowledge/schemas/council-profile-schema';
import { rolePhrases } from '../nlu/role-mentions';
import { stem, words } from '../nlu/tokenise';

/**
 * Words too common in questions to tell two points apart. The question words (who, when, how, can, must) are
 * kept: "who do I complain to" and "how long until I hear back" are different points. "here", "tbh", "hey" and
 * "hi" are how people open or pad a message ("cllr here - …"): matched, they tied "who keeps an eye on how
 * councillors and staff get on here?" to a phrasing beginning "cllr here".
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the of to in on at for from by with about into as and or but if so is are was were be been being am i me my mine we us our you your it its this that these those there their they them he she his her do does did done have has had having would could should will shall just any some here tbh hey hi'.split(
    ' ',
  ),
);

/**
 * Words people use for the same thing in these questions, mapped to one before stemming: phrasings are matched
 * word by word, and "is the clerk obliged to turn up" must meet "does the clerk have to attend". Only words that
 * mean the same wherever they occur here; kept short on purpose.
 */
const SAME_AS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    advice: 'advise',
    obliged: 'required',
    obligated: 'required',
    compelled: 'required',
    forced: 'required',
    must: 'required',
    require: 'required',
    requires: 'required',
    decline: 'refuse',
    declines: 'refuse',
    declined: 'refuse',
    reject: 'refuse',
    demand: 'insist',
    demands: 'insist',
    come: 'attend',
    comes: 'attend',
    coming: 'attend',
    present: 'attend',
    complaint: 'complain',
    complaints: 'complain',
    grievance: 'complain',
    grievances: 'complain',
  }),
);

/** A word as the point index keeps it: stop words dropped, the rest stemmed, so "complaints" meets "complaint". */
export function indexTerm(term: string): string | null {
  return STOP_WORDS.has(term) ? null : stem(SAME_AS.get(term) ?? term);
}

/** A phrase made one token: its words as `words()` reads them, and the token. */
interface Phrase {
  words: readonly string[];
  token: string;
}

/** "How long", "how many days", "how soon": a question about a deadline, not the "how" of "how do I complain". */
const DEADLINE_PHRASES = ['how long', 'how many', 'how soon', 'how quickly'];

/**
 * Tokenising as the classifier does (the same council spellings and apostrophes), with every name of a role the
 * council uses made one word for its role: "the chief exec" and "the Head of the Paid Service" both read as
 * `role_chief_executive`, and "Chief Executive" no longer half-matches "Chief Officer". Phrases are found word by
 * word, longest first (a pattern of every phrase took most of the time of building the index).
 */
export function roleTokeniser(profile: CouncilProfile): (text: string) => string[] {
  const byFirstWord = new Map<string, Phrase[]>();
  const taken = new Set<string>();
  const add = (phrase: string, token: string) => {
    const phraseWords = words(phrase.replace(/\s*\(.*?\)\s*/g, ' '));
    const key = phraseWords.join(' ');
    const first = phraseWords[0];
    if (first === undefined || key.length < 2 || taken.has(key)) return;
    taken.add(key);
    const list = byFirstWord.get(first) ?? [];
    list.push({ words: phraseWords, token });
    byFirstWord.set(first, list);
  };
  for (const phrase of DEADLINE_PHRASES) add(phrase, 'how_long');
  for (const [role, title] of Object.entries(profile.roles)) for (const phrase of [title.title, ...title.aliases]) add(phrase, roleToken(role));
  for (const [role, phrases] of rolePhrases(profile)) for (const phrase of phrases) add(phrase, roleToken(role));
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);

  return (text) => {
    const all = words(text);
    const out: string[] = [];
    for (let i = 0; i < all.length; i += 1) {
      const phrase = byFirstWord.get(all[i] as string)?.find((candidate) => matchesAt(all, i, candidate.words));
      if (phrase) {
        out.push(phrase.token);
        i += phrase.words.length - 1;
      } else out.push(all[i] as string);
    }
    return out;
  };
}

/** `role_chief_executive` for `chief-executive`. */
function roleToken(role: string): string {
  return `role_${role.replace(/-/g, '_')}`;
}

/** Whether `phrase` stands in `all` from `start`, its last word also as a plural ("officers"). */
function matchesAt(all: readonly string[], start: number, phrase: readonly string[]): boolean {
  if (start + phrase.length > all.length) return false;
  for (let k = 0; k < phrase.length; k += 1) {
    const word = all[start + k] as string;
    const wanted = phrase[k] as string;
    if (word !== wanted && !(k === phrase.length - 1 && word === `${wanted}s`)) return false;
  }
  return true;
}
