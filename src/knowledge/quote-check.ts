/**
 * Verbatim checks of quoted clauses against the protocol's source text.
 *
 * The sources are PDF conversions: page headers ("Appendix 1"), footnote markers and bodies, list bullets,
 * bold markers and line wraps are artefacts of the conversion, not the protocol's words. We normalise exactly
 * those and nothing else, so a quote that passes is the protocol's own wording.
 */

const PAGE_HEADER = /^\s*Appendix \d+\s*$/;
const FOOTNOTE_BODY = /^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s/;
const FOOTNOTE_MARKERS = /[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;

/** Strips conversion artefacts from one line: list bullets, bold markers and footnote markers. */
function normaliseLine(line: string): string {
  return line
    .replace(/^\s*-\s+/, '')
    .replace(/\*\*/g, '')
    .replace(FOOTNOTE_MARKERS, '');
}

/** Collapses every run of white space to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Normalises a quote the same way as the source, so the two can be compared. */
export function normaliseQuote(quote: string): string {
  return collapseWhitespace(normaliseLine(quote.replace(FOOTNOTE_MARKERS, '')));
}

/** A source text prepared for verbatim look-ups of quotes. */
export interface QuoteIndex {
  /** True when the quote stands word for word in the source (artefacts aside). */
  contains(quote: string): boolean;
}

/**
 * Prepares a source text for quote checks. Footnote bodies sit in the middle of paragraphs after conversion,
 * so a quote is accepted if it stands in the text with them (a footnote quoted on its own) or without them
 * (a paragraph that a footnote interrupted).
 */
export function buildQuoteIndex(source: string): QuoteIndex {
  const lines = source.split(/\r?\n/).filter((line) => !PAGE_HEADER.test(line));
  const withFootnotes = collapseWhitespace(lines.map(normaliseLine).join('\n'));
  const withoutFootnotes = collapseWhitespace(
    lines
      .filter((line) => !FOOTNOTE_BODY.test(line))
      .map(normaliseLine)
      .join('\n'),
  );
  return {
    contains(quote: string): boolean {
      const needle = normaliseQuote(quote);
      return needle.length > 0 && (withoutFootnotes.includes(needle) || withFootnotes.includes(needle));
    },
  };
}
