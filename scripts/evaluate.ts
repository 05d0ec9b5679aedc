import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AnswerEngine } from '../src/answer/answer-engine';
import { projectRoot } from '../src/app/project-root';
import { crossValidate } from '../src/evaluation/cross-validate';
import { loadEvalSet } from '../src/evaluation/eval-set';
import { evaluateAnswers } from '../src/evaluation/evaluate-answers';
import { renderEvalHtml, renderEvalText } from '../src/evaluation/render-eval-report';
import { loadKnowledgeBase } from '../src/knowledge/load-knowledge-base';
import { IntentClassifier } from '../src/nlu/intent-classifier';
import { loadIntentCorpus } from '../src/nlu/intent-corpus';

/** Thresholds the test suite also enforces (test/evaluation/held-out-thresholds.test.ts). */
export const REQUIRED = { answerAccuracy: 0.9, outOfScopeRecall: 0.9 };

// `npm run eval`: trains on intents/, scores the held-out set, cross-validates, writes reports/nlu-eval.html.
const root = projectRoot();
const corpus = loadIntentCorpus(path.join(root, 'intents'));
const classifier = IntentClassifier.train(corpus.intents, corpus.fingerprint);
const engine = new AnswerEngine({ kb: loadKnowledgeBase(path.join(root, 'protocol-data')), classifier });
const evalSet = loadEvalSet(path.join(root, 'test/eval/held-out-questions.jsonl'), path.join(root, 'test/eval/out-of-scope-questions.jsonl'));
const evaluation = evaluateAnswers(engine, evalSet.inScope, evalSet.outOfScope);
const cv = crossValidate(corpus.intents);

process.stdout.write(`${renderEvalText(evaluation, cv)}\n`);
const reportDir = path.join(root, 'reports');
mkdirSync(reportDir, { recursive: true });
writeFileSync(path.join(reportDir, 'nlu-eval.html'), renderEvalHtml(evaluation, cv, new Date().toISOString()));
writeFileSync(path.join(reportDir, 'nlu-eval.json'), JSON.stringify({ evaluation, crossValidation: { ...cv, predictions: undefined } }, null, 2));
process.stdout.write(`\nreport: ${path.join('reports', 'nlu-eval.html')}\n`);
const passed = evaluation.answerAccuracy >= REQUIRED.answerAccuracy && evaluation.outOfScopeRecall >= REQUIRED.outOfScopeRecall;
if (!passed) {
  process.stdout.write(`FAILED: answer accuracy must be >= ${REQUIRED.answerAccuracy * 100}% and out-of-scope recall >= ${REQUIRED.outOfScopeRecall * 100}%\n`);
  process.exitCode = 1;
}
