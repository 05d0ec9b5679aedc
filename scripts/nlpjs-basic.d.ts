// @nlpjs/basic ships no types; this is the little of it the benchmark uses.
declare module '@nlpjs/basic' {
  interface NlpProcessResult {
    intent: string;
    score: number;
  }
  interface Nlp {
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpProcessResult>;
  }
  interface Container {
    get(name: 'nlp'): Nlp;
  }
  export function dockStart(settings?: unknown): Promise<Container>;
}
