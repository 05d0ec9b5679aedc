// natural's package root loads database back-ends and prints to stdout (shared/STACK.md), so we import the
// sub-module we use directly; this is its shape.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string };
  export = PorterStemmer;
}
