import type { CouncilKnowledge } from '../knowledge/council-knowledge';
import type { Clause } from '../knowledge/schemas/clause-schema';

/** A cited clause as the contract shows it: council, paragraph number, heading words and exact words. */
export interface Citation {
  council: string;
  section: string;
  title: string;
  quote: string;
  /** Our stable id of the clause (differs from `section` where a section has several paragraphs). */
  clause: string;
  /** How a person cites it in a sentence: "8.4", "section 13", "Complaints, Councillors, item 1". */
  label: string;
}

/** A clause's words on one line, worked out once per clause (clauses are loaded once and never change). */
const quotes = new WeakMap<object, string>();
function quoteOf(clause: { text: string }): string {
  let quote = quotes.get(clause);
  if (quote === undefined) quotes.set(clause, (quote = clause.text.replace(/\s+/g, ' ').trim()));
  return quote;
}

/**
 * How a clause is cited in a sentence, as its citation numbers it: its own paragraph number ("8.4", "4.2(a)"),
 * "section 13" where every paragraph of a section is cited by the section, a footnote by its number, and for a
 * protocol without numbers its heading's words and its place under the heading.
 */
export function clauseLabel(clause: Clause): string {
  const footnote = /^Footnote (\d+)$/i.exec(clause.title)?.[1];
  if (/^\d/.test(clause.section)) {
    const section = clause.section !== clause.id && /^\d+$/.test(clause.section) ? `section ${clause.section}` : clause.section;
    return footnote ? `${section}, footnote ${footnote}` : section;
  }
  if (footnote) return `footnote ${footnote}`;
  const heading = clause.title
    .replace(/^In terms of\s+/i, '')
    .replace(/,?\s+will:?$/i, '')
    .replace(/:$/, '');
  const words = heading.charAt(0).toUpperCase() + heading.slice(1);
  const item = clause.id.startsWith(`${clause.section}.`) ? clause.id.slice(clause.section.length + 1) : '';
  if (item === '') return words;
  return /^p\d/.test(item) ? `${words}, paragraph ${item.slice(1)}` : `${words}, item ${item}`;
}

/** Citations for clause ids, in the order given, without repeats; unknown ids are skipped (the loader forbids them). */
export function citeClauses(council: CouncilKnowledge, ids: readonly string[]): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const id of ids) {
    const clause = council.clauseById.get(id);
    if (!clause || seen.has(id)) continue;
    seen.add(id);
    citations.push({ council: council.profile.id, section: clause.section, title: clause.title, quote: quoteOf(clause), clause: clause.id, label: clauseLabel(clause) });
  }
  return citations;
}
