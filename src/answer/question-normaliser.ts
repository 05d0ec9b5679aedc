import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { commonEnglishWords } from '../nlu/common-english-words';
import { SpellingCorrector } from '../nlu/spelling-corrector';
import { words } from '../nlu/tokenise';

/** Words and phrases people write, with what the bot reads them as, compiled for one council. */
interface PhraseTable {
  pattern: RegExp | null;
  means: ReadonlyMap<string, string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites a question the way the classifier reads best: each council's synonyms and abbreviations as data
 * (`vocabulary.yaml`: "exec head", "pfh", "the clerk") become the words the protocols use, and misspelt words are
 * corrected against the vocabulary the bot knows (its training words and the knowledge base's own text).
 */
export class QuestionNormaliser {
  private readonly tables = new Map<string, PhraseTable>();
  private readonly corrector: SpellingCorrector;

  constructor(
    private readonly kb: KnowledgeBase,
    trainingWords: ReadonlyMap<string, number>,
  ) {
    const counts = new Map(trainingWords);
    const add = (text: string) => {
      for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    };
    for (const council of kb.councils()) {
      for (const clause of council.clauses) add(clause.text);
      for (const role of Object.values(council.profile.roles)) add([role.title, ...(role.aliases ?? [])].join(' '));
    }
    for (const synonym of [...kb.vocabulary.everywhere, ...Object.values(kb.vocabulary.councils).flat()]) add(synonym.means);
    this.corrector = new SpellingCorrector(counts, commonEnglishWords());
  }

  /** The question as the classifier should read it at `councilId`; the words a person sees are never changed. */
  normalise(question: string, councilId: string): string {
    const table = this.tableFor(councilId);
    const corrected = question.toLowerCase().replace(/[a-z]+/g, (word) => (table.means.has(word) ? word : this.corrector.correct(word)));
    return table.pattern ? corrected.replace(table.pattern, (phrase) => table.means.get(phrase.replace(/\s+/g, ' ')) ?? phrase) : corrected;
  }

  private tableFor(councilId: string): PhraseTable {
    let table = this.tables.get(councilId);
    if (!table) {
      const means = new Map<string, string>();
      // A council's own words come first, so they win over everyone's.
      for (const synonym of this.kb.synonymsFor(councilId)) for (const says of synonym.says) if (!means.has(says.toLowerCase())) means.set(says.toLowerCase(), synonym.means);
      // Longest first, so "exec head" is read before "head"; whole words only.
      const phrases = [...means.keys()].sort((a, b) => b.length - a.length).map((p) => escape(p).replace(/ /g, '\\s+'));
      table = { pattern: phrases.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : null, means };
      this.tables.set(councilId, table);
    }
    return table;
  }
}
