import path from 'node:path';
import fc from 'fast-check';
import { extractFeatures } from '../../src/nlu/feature-extractor';
import { FeatureIndex } from '../../src/nlu/feature-index';
import { loadIntentCorpus } from '../../src/nlu/intent-corpus';
import { spelledAs, words } from '../../src/nlu/tokenise';
import { hostileText, mixedScriptText, propertyRuns } from '../support/hostile-input';
import { ROOT } from '../support/built-entry-points';

/** The vocabulary a model trained on intents/ knows, as training builds it. */
const utterances = loadIntentCorpus(path.join(ROOT, 'intents')).intents.flatMap((intent) => intent.utterances);
const vocabulary = [...new Set(utterances.flatMap((utterance) => extractFeatures(utterance)))];
const index = new FeatureIndex(vocabulary);

/** What the fast path must equal: the known features of the string extractor, as a set of strings. */
const expected = (text: string) =>
  extractFeatures(text)
    .filter((feature) => index.idOf(feature) !== undefined)
    .sort();
const actual = (text: string) =>
  index
    .featureIds(text)
    .map((id) => vocabulary[id] as string)
    .sort();

describe('the feature index a question is classified through', () => {
  it('finds exactly the known features the string extractor finds, for every training utterance', () => {
    const differing = utterances.filter((utterance) => JSON.stringify(actual(utterance)) !== JSON.stringify(expected(utterance)));
    expect(differing).toEqual([]);
  });

  it('agrees with the string extractor on new wording, typos and hostile text', () => {
    const councilWords = fc.constantFrom(...new Set(utterances.flatMap((utterance) => utterance.split(' '))));
    const sentence = fc
      .array(
        fc.oneof(
          councilWords,
          councilWords.map((word) => word.slice(1)),
          hostileText,
        ),
        { maxLength: 25 },
      )
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(sentence, mixedScriptText), (text) => {
        expect(actual(text)).toEqual(expected(text));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('lists each feature once however often it occurs', () => {
    const ids = index.featureIds('purdah purdah PURDAH, purdah rules for the councillor and the councillor');
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('treats words that name inherited object properties as plain words', () => {
    expect(words('who is the constructor of the __proto__ toString')).toEqual(['who', 'is', 'the', 'constructor', 'of', 'the', '__proto__', 'tostring']);
    expect(() => index.featureIds('constructor __proto__ hasOwnProperty')).not.toThrow();
  });
});

describe('the feature index once it remembers as many tokens as it may', () => {
  it('still finds exactly the known features, for remembered and new words alike, and holds no more', () => {
    const small = new FeatureIndex(vocabulary, 3);
    const read = (text: string) =>
      small
        .featureIds(text)
        .map((id) => vocabulary[id] as string)
        .sort();
    const questions = [
      'can a councillor ask an officer for a briefing',
      'purdah rules for the Cllr and the CEO, xqzvwk councillor',
      'may I e-mail the chief executive about a complaint',
      'can a councillor ask an officer for a briefing',
    ];
    for (const question of questions) expect(read(question)).toEqual(expected(question));
    // Asked again after the table filled up, the first question still reads the same.
    expect(read(questions[0] as string)).toEqual(expected(questions[0] as string));
    const held = small.heldWords;
    expect(held).toBeLessThanOrEqual(9);
    small.featureIds(Array.from({ length: 2000 }, (_, i) => `unheardof${i} councillor`).join(' '));
    expect(small.heldWords).toBe(held);
  });
});

describe('the words of a message', () => {
  /** The tokeniser's definition: longest runs of Latin or Cyrillic letters, digits and underscores. */
  const byPattern = (text: string) => {
    const lower = text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019']/g, '')
      .replace(/e-mail|pre-election/g, (joined) => joined.replace('-', ''));
    return (lower.match(/[A-Za-zА-Яа-я0-9_]+/g) ?? []).flatMap((token) => [...spelledAs(token)]);
  };

  it('are runs of Latin and Cyrillic letters, digits and underscores, with council spellings unified', () => {
    expect(words('Cllr O’Brien’s e-mail: pre-election (purdah) rules — Совет_2 café №5')).toEqual([
      'councillor',
      'obriens',
      'email',
      'pre',
      'election',
      'pre',
      'election',
      'period',
      'rules',
      'совет_2',
      'caf',
      'no5',
    ]);
  });

  it('are the same as the pattern finds, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, mixedScriptText), (text) => {
        expect(words(text)).toEqual(byPattern(text));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
