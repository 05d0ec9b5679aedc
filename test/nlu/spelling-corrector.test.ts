import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import fc from 'fast-check';
import { commonEnglishWords } from '../../src/nlu/common-english-words';
import { editDistanceWithin, SpellingCorrector } from '../../src/nlu/spelling-corrector';

describe('spelling correction against the vocabulary', () => {
  const corrector = new SpellingCorrector(
    new Map([
      ['officer', 40],
      ['committee', 12],
      ['receive', 3],
      ['councillor', 50],
      ['planning', 9],
      ['planting', 1],
    ]),
  );

  it('corrects a misspelt word to the most frequent vocabulary word one or two edits away', () => {
    expect(corrector.correct('offcer')).toBe('officer');
    expect(corrector.correct('comittee')).toBe('committee');
    expect(corrector.correct('recieve')).toBe('receive');
    expect(corrector.correct('councilor')).toBe('councillor');
    expect(corrector.correct('plannng')).toBe('planning');
  });

  it('leaves known words, short words, numbers and words with nothing close as they are', () => {
    expect(corrector.correct('planting')).toBe('planting');
    expect(corrector.correct('bins')).toBe('bins');
    expect(corrector.correct('2026a')).toBe('2026a');
    expect(corrector.correct('pothole')).toBe('pothole');
  });

  it('leaves common English words alone, though a vocabulary word is close: they are words, not typos', () => {
    const vocabulary = new Map([
      ['shouting', 5],
      ['hearing', 4],
      ['friends', 3],
      ['planning', 9],
    ]);
    const withWords = new SpellingCorrector(vocabulary, commonEnglishWords());
    expect(withWords.correct('shocking')).toBe('shocking');
    expect(withWords.correct('heading')).toBe('heading');
    expect(withWords.correct('friendly')).toBe('friendly');
    // a rare word that is a common typo is still corrected
    expect(withWords.correct('planing')).toBe('planning');
    expect(new SpellingCorrector(vocabulary).correct('shocking')).toBe('shouting');
  });

  it('measures distance as the optimal string alignment does, up to its limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, limit) => {
          const exact = DamerauLevenshteinDistance(a, b, { restricted: true });
          expect(editDistanceWithin(a, b, limit)).toBe(exact <= limit ? exact : limit + 1);
        },
      ),
    );
  });
});
