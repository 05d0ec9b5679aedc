// natural's package root loads database back-ends and prints to stdout (shared/STACK.md), so we import the
// two sub-modules we use directly; these are their shapes.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
  export class WordTokenizer {
    tokenize(text: string): string[];
  }
  /** With `gaps: false` the pattern matches the tokens, and `tokenize` returns null when there are none. */
  export class RegexpTokenizer {
    constructor(options: { pattern: RegExp; gaps: boolean });
    tokenize(text: string): string[] | null;
  }
}
