import type { KnowledgePoint } from '../knowledge/schemas/point-schema';
import type { Citation } from './citation';

/** Longest lead: what a person reads first stays a sentence or two (CONTRACTS.md "Answer"). */
export const MAX_LEAD = 400;

/**
 * An answer with its clause: "… (8.4)." The clause goes before the closing full stop, as a person writes a
 * reference ("… how long it will take (section 13).").
 */
export function withClause(answer: string, citation: Citation | undefined): string {
  const text = answer.trim();
  if (!citation) return text;
  const reference = ` (${citation.label})`;
  const end = /[.!?]$/.test(text) ? text.slice(-1) : '.';
  const body = /[.!?]$/.test(text) ? text.slice(0, -1) : text;
  return `${firstSentences(body, MAX_LEAD - reference.length - 1)}${reference}${end}`;
}

/**
 * As many whole sentences of `text` as fit in `limit` characters (at least the first, cut at a word if it alone
 * is too long): for leads made from a topic's longer guidance.
 */
export function firstSentences(text: string, limit: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return trimmed;
  const sentences = trimmed.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [trimmed];
  let out = '';
  for (const part of sentences) {
    const next = `${out}${part}`.trim();
    if (next.length > limit) break;
    out = `${out}${part}`;
  }
  if (out.trim() !== '') return out.trim();
  return `${trimmed.slice(0, limit - 1).replace(/\s+\S*$/, '')}…`;
}

/** A point as a button: its first phrasing that fits a button, with a capital letter. */
export function pointLabel(point: KnowledgePoint, limit = 75): string {
  const question = point.questions.find((q) => q.length <= limit) ?? [...point.questions].sort((a, b) => a.length - b.length)[0] ?? point.id;
  const fitted = question.length <= limit ? question : `${question.slice(0, limit - 1).replace(/\s+\S*$/, '')}…`;
  return fitted.charAt(0).toUpperCase() + fitted.slice(1);
}
