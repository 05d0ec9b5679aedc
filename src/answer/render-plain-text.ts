import type { CouncilPosition } from './compare-councils';
import type { ReplyModel } from './reply-model';

const QUOTE_LIMIT = 240;

/** Shortened quotes by their full words: clauses never change, so each is shortened once. */
const shortened = new Map<string, string>();

/** Shortens a quote for a chat line; the full words stay in the citation. */
function shortQuote(quote: string): string {
  if (quote.length <= QUOTE_LIMIT) return quote;
  let short = shortened.get(quote);
  if (short === undefined) {
    short = `${quote.slice(0, QUOTE_LIMIT - 1).replace(/\s+\S*$/, '')}…`;
    if (shortened.size < 10_000) shortened.set(quote, short);
  }
  return short;
}

/**
 * The sources block: one entry per paragraph, in the order first cited, its heading once and then each quoted
 * passage of it, so that a section cited for ten of its sentences reads as one source, not ten.
 */
function renderSources(citations: ReplyModel['citations']): string {
  const byParagraph = new Map<string, { heading: string; quotes: string[] }>();
  for (const c of citations) {
    const key = `${c.section}\u0000${c.title}`;
    let paragraph = byParagraph.get(key);
    if (!paragraph) byParagraph.set(key, (paragraph = { heading: `[${c.section}] ${c.title}:`, quotes: [] }));
    paragraph.quotes.push(`"${shortQuote(c.quote)}"`);
  }
  const lines: string[] = [];
  for (const { heading, quotes } of byParagraph.values()) {
    if (quotes.length === 1) lines.push(`${heading} ${quotes[0] as string}`);
    else lines.push(heading, ...quotes.map((quote) => `  ${quote}`));
  }
  return lines.join('\n');
}

/**
 * The plain-text rendering of a reply: the lead, a close second point or topic as "did you mean", then what is
 * behind "More" (`renderMoreParts`).
 */
export function renderPlainText(reply: ReplyModel): string {
  return [reply.lead, ...renderDidYouMean(reply), ...renderMoreParts(reply)].join('\n\n');
}

/** The "did you mean" line offered with the lead, if the reply has one. */
export function renderDidYouMean(reply: ReplyModel): string[] {
  const offered = reply.followUps.filter((f) => f.kind === 'did-you-mean' || f.kind === 'did-you-mean-point');
  return offered.length > 0 ? [offered.map((f) => f.label).join('\n')] : [];
}

/**
 * What a person opens "More" for, as plain-text paragraphs: the topic in general or the complaint route, what to
 * do, whom to contact, the clauses' words, other councils, related points and, for a declined question, examples.
 */
export function renderMoreParts(reply: ReplyModel): string[] {
  const parts: string[] = [];
  if (reply.summary !== '' && reply.summary !== reply.lead) parts.push(reply.summary);
  if (reply.doList.length > 0) parts.push(`Do:\n${reply.doList.map((line) => `- ${line}`).join('\n')}`);
  if (reply.dontList.length > 0) parts.push(`Don't:\n${reply.dontList.map((line) => `- ${line}`).join('\n')}`);
  if (reply.contacts.length > 0) parts.push(`Who to contact: ${[...new Set(reply.contacts.map((c) => c.title))].join('; ')}.`);
  if (reply.citations.length > 0) parts.push(`Source: ${reply.councilName}\n${renderSources(reply.citations)}`);
  if (reply.elsewhere.length > 0) {
    parts.push(
      `Other councils' protocols (theirs, not yours):\n${reply.elsewhere
        .map((note) => `- ${note.councilName}: ${note.summary}${note.citations[0] ? ` [${note.citations[0].section}]` : ''}`)
        .join('\n')}`,
    );
  }
  const related = reply.followUps.filter((f) => f.kind === 'related-point');
  if (related.length > 0) parts.push(`${reply.point === null ? 'Points on this' : 'Related questions'}:\n${related.map((f) => `- ${f.label}`).join('\n')}`);
  if (reply.outOfScope) parts.push(`You could ask, for example:\n${reply.followUps.map((f) => `- ${f.label}`).join('\n')}`);
  return parts;
}

/** What "More" holds, in a few words each, for a one-line hint under the lead; empty when there is nothing more. */
export function moreContents(reply: ReplyModel): string[] {
  const paragraphs = new Set(reply.citations.map((c) => `${c.section}\u0000${c.title}`)).size;
  const related = reply.followUps.filter((f) => f.kind === 'related-point').length;
  return [
    ...(reply.summary !== '' && reply.summary !== reply.lead ? [reply.route ? 'the complaint route in full' : 'the topic in general'] : []),
    ...(reply.doList.length + reply.dontList.length > 0 ? ['what to do and not to do'] : []),
    ...(reply.contacts.length > 0 ? ['who to contact'] : []),
    ...(paragraphs > 0 ? [`the protocol's words (${paragraphs} paragraph${paragraphs > 1 ? 's' : ''})`] : []),
    ...(reply.elsewhere.length > 0 ? ["other councils' protocols"] : []),
    ...(related > 0 ? [`${related} related question${related > 1 ? 's' : ''}`] : []),
    ...(reply.outOfScope ? ['example questions'] : []),
  ];
}

/** Plain text for "how do other councils handle this?": one block per council, each cited. */
export function renderComparison(topicTitle: string, positions: readonly CouncilPosition[]): string {
  const blocks = positions.map((position) => {
    const sources = position.citations.map((c) => `[${c.section}] ${c.title}`).join('; ');
    return `${position.councilName}:\n${position.summary}${sources ? `\n(${sources})` : ''}`;
  });
  return `How the five protocols handle ${topicTitle.toLowerCase()}:\n\n${blocks.join('\n\n')}`;
}
