import path from 'node:path';
import fc from 'fast-check';
import { extractFeatures } from '../../src/nlu/feature-extractor';
import { FeatureIndex } from '../../src/nlu/feature-index';
import { loadIntentCorpus } from '../../src/nlu/intent-corpus';
import { words } from '../../src/nlu/tokenise';
import { hostileText, mixedScriptText, propertyRuns } from '../support/hostile-input';
import { ROOT } from '../support/built-entry-points';

/** The vocabulary a model trained on intents/ knows, as training builds it. */
const utterances = loadIntentCorpus(path.join(ROOT, 'intents')).intents.flatMap((intent) => intent.utterances);
const vocabulary = [...new Set(utterances.flatMap((utterance) => extractFeatures(utterance)))];
const index = new FeatureIndex(vocabulary);

/** What the fast path must equal: the known features of the string extractor, as a set of strings. */
const expected = (text: string) => extractFeatures(text).filter((feature) => index.idOf(feature) !== undefined).sort();
const actual = (text: string) => index.featureIds(text).map((id) => vocabulary[id] as string).sort();

describe('the feature index a question is classified through', () => {
  it('finds exactly the known features the string extractor finds, for every training utterance', () => {
    const differing = utterances.filter((utterance) => JSON.stringify(actual(utterance)) !== JSON.stringify(expected(utterance)));
    expect(differing).toEqual([]);
  });

  it('agrees with the string extractor on new wording, typos and hostile text', () => {
    const councilWords = fc.constantFrom(...new Set(utterances.flatMap((utterance) => utterance.split(' '))));
    const sentence = fc.array(fc.oneof(councilWords, councilWords.map((word) => word.slice(1)), hostileText), { maxLength: 25 }).map((parts) => parts.join(' '));
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
