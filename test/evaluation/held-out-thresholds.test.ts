import path from 'node:path';
import { AnswerEngine } from '../../src/answer/answer-engine';
import { loadEvalSet } from '../../src/evaluation/eval-set';
import { evaluateAnswers } from '../../src/evaluation/evaluate-answers';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { loadIntentCorpus } from '../../src/nlu/intent-corpus';
import { IntentClassifier } from '../../src/nlu/intent-classifier';
import { ROOT } from '../support/built-entry-points';

// The gate of issue 3: the held-out set (written apart from intents/) must keep answer accuracy and
// out-of-scope recall at 90% or more. `npm run eval` prints the full report.
describe('held-out evaluation', () => {
  const corpus = loadIntentCorpus(path.join(ROOT, 'intents'));
  const engine = new AnswerEngine({ kb: loadKnowledgeBase(path.join(ROOT, 'protocol-data')), classifier: IntentClassifier.train(corpus.intents, corpus.fingerprint) });
  const evalSet = loadEvalSet(path.join(ROOT, 'test/eval/held-out-questions.jsonl'), path.join(ROOT, 'test/eval/out-of-scope-questions.jsonl'));
  const evaluation = evaluateAnswers(engine, evalSet.inScope, evalSet.outOfScope);

  it('has a held-out set of the size the issue asks for', () => {
    expect(evalSet.inScope.length).toBeGreaterThanOrEqual(150);
    expect(evalSet.outOfScope.length).toBeGreaterThanOrEqual(40);
    expect(new Set(evalSet.inScope.map((q) => q.council)).size).toBe(5);
  });

  it('answers at least 90% of held-out questions with the right topic and the expected clauses', () => {
    expect(evaluation.answerAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('declines at least 90% of out-of-scope questions', () => {
    expect(evaluation.outOfScopeRecall).toBeGreaterThanOrEqual(0.9);
  });
});
