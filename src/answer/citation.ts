import type { CouncilKnowledge } from '../knowledge/council-knowledge';

/** A cited clause as the contract shows it: council, paragraph number, heading words and exact words. */
export interface Citation {
  council: string;
  section: string;
  title: string;
  quote: string;
  /** Our stable id of the clause (differs from `section` where a section has several paragraphs). */
  clause: string;
}

/** A clause's words on one line, worked out once per clause (clauses are loaded once and never change). */
const quotes = new WeakMap<object, string>();
function quoteOf(clause: { text: string }): string {
  let quote = quotes.get(clause);
  if (quote === undefined) quotes.set(clause, (quote = clause.text.replace(/\s+/g, ' ').trim()));
  return quote;
}

/** Citations for clause ids, in the order given, without repeats; unknown ids are skipped (the loader forbids them). */
export function citeClauses(council: CouncilKnowledge, ids: readonly string[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const id of ids) {
    const clause = council.clauseById.get(id);
    if (!clause || seen.has(id)) continue;
    seen.add(id);
    citations.push({ council: council.profile.id, section: clause.section, title: clause.title, quote: quoteOf(clause), clause: clause.id });
  }
  return citations;
}
