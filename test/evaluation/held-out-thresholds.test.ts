import path from 'node:path';
import { loadEvalSet } from '../../src/evaluation/eval-set';
import { evaluateAnswers } from '../../src/evaluation/evaluate-answers';
import { evaluationEngine } from '../../src/evaluation/evaluation-engine';
import { loadIntentCorpus } from '../../src/nlu/intent-corpus';
import { IntentClassifier } from '../../src/nlu/intent-classifier';
import { ROOT } from '../support/built-entry-points';

// The held-out set (written apart from intents/) gates every change at the figures issue 3 asks for: 90% answer
// accuracy and 90% out-of-scope recall, raised to what is reached (94% and 93%). `npm run eval` measures 94.5% (190 of 201; the point chosen may move a
// question to the runner-up topic it belongs to) and 93.8% (61 of 65) since the points' evidence weighs in
// (issue 21), with the engine built as the server builds it. Never lower these to make a change pass: a change
// that costs held-out accuracy needs better training data or a better model.
const FLOORS = { answerAccuracy: 0.94, outOfScopeRecall: 0.93 };
describe('held-out evaluation', () => {
  const corpus = loadIntentCorpus(path.join(ROOT, 'intents'));
  const engine = evaluationEngine(ROOT, IntentClassifier.train(corpus.intents, corpus.fingerprint));
  const evalSet = loadEvalSet(path.join(ROOT, 'test/eval/held-out-questions.jsonl'), path.join(ROOT, 'test/eval/out-of-scope-questions.jsonl'));
  const evaluation = evaluateAnswers(engine, evalSet.inScope, evalSet.outOfScope);

  it('has a held-out set of the size the issue asks for', () => {
    expect(evalSet.inScope.length).toBeGreaterThanOrEqual(150);
    expect(evalSet.outOfScope.length).toBeGreaterThanOrEqual(40);
    expect(new Set(evalSet.inScope.map((q) => q.council)).size).toBe(5);
  });

  it(`answers at least ${FLOORS.answerAccuracy * 100}% of held-out questions with the right topic and the expected clauses`, () => {
    expect(evaluation.answerAccuracy).toBeGreaterThanOrEqual(FLOORS.answerAccuracy);
  });

  it(`declines at least ${FLOORS.outOfScopeRecall * 100}% of out-of-scope questions`, () => {
    expect(evaluation.outOfScopeRecall).toBeGreaterThanOrEqual(FLOORS.outOfScopeRecall);
  });
});
