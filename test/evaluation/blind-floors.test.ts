import path from 'node:path';
import { evaluateLeads } from '../../src/evaluation/evaluate-leads';
import { evaluationEngine } from '../../src/evaluation/evaluation-engine';
import { loadBlindSet } from '../../src/evaluation/lead-set';
import { loadIntentCorpus } from '../../src/nlu/intent-corpus';
import { IntentClassifier } from '../../src/nlu/intent-classifier';
import { ROOT } from '../support/built-entry-points';

// The blind set (test/eval/blind/, written from the protocols alone; never tuned on, never copied into intents/
// or the points) gates every change at what `npm run eval` reached on 2026-12-02 (sessions 14 and 15), one question
// of 80 below it: right point 82.5%, facts stated 75.0%, deciding clause first 82.5%, in-scope declined 0% (2.5% in
// session 14), asked 8.8%, out-of-scope declined 96.0% (of 25), median lead 180 characters. Issues 19 and 21 ask for more (right
// point, facts and clause first 90%, declined 2%); raise these as the bot gets there, never lower them. (Facts
// stated was 77.5% in session 13 because a decline's or a clarifying question's text that happened to contain a
// fact's word, such as "not", counted; since session 14 only an answer can state the facts, which put the same
// bot at 75.0%.)
const ONE_QUESTION = 1 / 80;
const FLOORS = { rightPoint: 0.825 - ONE_QUESTION, factsStated: 0.75 - ONE_QUESTION, decidingClauseFirst: 0.825 - ONE_QUESTION, inScopeDeclinedAtMost: 0 + ONE_QUESTION };

describe('the blind set', () => {
  const blind = loadBlindSet(path.join(ROOT, 'test/eval/blind/blind-questions.jsonl'));
  const corpus = loadIntentCorpus(path.join(ROOT, 'intents'));
  const evaluation = blind && evaluateLeads(evaluationEngine(ROOT, IntentClassifier.train(corpus.intents, corpus.fingerprint)), blind);

  it('holds its floors: the right point, its facts and its deciding clause first', () => {
    expect(evaluation?.inScope).toBeGreaterThanOrEqual(80);
    expect(evaluation?.rightPoint).toBeGreaterThanOrEqual(FLOORS.rightPoint);
    expect(evaluation?.factsStated).toBeGreaterThanOrEqual(FLOORS.factsStated);
    expect(evaluation?.decidingClauseFirst).toBeGreaterThanOrEqual(FLOORS.decidingClauseFirst);
  });

  it('answers rather than refuses or asks, declines out-of-scope questions, and keeps leads short and distinct', () => {
    expect(evaluation?.inScopeDeclined).toBeLessThanOrEqual(FLOORS.inScopeDeclinedAtMost);
    expect(evaluation?.clarified).toBeLessThanOrEqual(0.1);
    expect(evaluation?.outOfScopeDeclined).toBeGreaterThanOrEqual(0.95);
    expect(evaluation?.leadLength.median).toBeLessThanOrEqual(300);
    expect(evaluation?.identicalLeads.fromDifferentPoints).toBe(0);
  });
});
