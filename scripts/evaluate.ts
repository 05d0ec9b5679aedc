import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/app/project-root';
import { crossValidate } from '../src/evaluation/cross-validate';
import { loadEvalSet } from '../src/evaluation/eval-set';
import { evaluateAnswers } from '../src/evaluation/evaluate-answers';
import { evaluationEngine } from '../src/evaluation/evaluation-engine';
import { evaluateLeads, renderLeadEvaluation } from '../src/evaluation/evaluate-leads';
import { leadQuestionsOf, loadBlindSet } from '../src/evaluation/lead-set';
import { renderEvalHtml, renderEvalText } from '../src/evaluation/render-eval-report';
import { measureSeedSpread, renderSeedSpread } from '../src/evaluation/seed-spread';
import { IntentClassifier } from '../src/nlu/intent-classifier';
import { loadIntentCorpus } from '../src/nlu/intent-corpus';
import { DEFAULT_TRAINING } from '../src/nlu/softmax-model';

/** Thresholds the test suite also enforces (test/evaluation/held-out-thresholds.test.ts). */
export const REQUIRED = { answerAccuracy: 0.9, outOfScopeRecall: 0.9 };

// `npm run eval`: trains on intents/, scores the held-out set, cross-validates, measures the leads on the held-out
// sets and, if present, on the blind set (BLIND_QUESTIONS, default test/eval/blind/blind-questions.jsonl), and writes
// reports/nlu-eval.html and reports/nlu-eval.json. With `-- --seeds 1,2,3,4` it also trains with those seeds and
// reports each lead figure's spread over them and the default seed (src/evaluation/seed-spread.ts).
const extraSeeds = seedsOption(process.argv);
const root = projectRoot();
const corpus = loadIntentCorpus(path.join(root, 'intents'));
const classifier = IntentClassifier.train(corpus.intents, corpus.fingerprint);
const engine = evaluationEngine(root, classifier);
const evalSet = loadEvalSet(path.join(root, 'test/eval/held-out-questions.jsonl'), path.join(root, 'test/eval/out-of-scope-questions.jsonl'));
const evaluation = evaluateAnswers(engine, evalSet.inScope, evalSet.outOfScope);
const cv = crossValidate(corpus.intents);

process.stdout.write(`${renderEvalText(evaluation, cv)}\n`);

// The leads: on the held-out sets (their expected clauses stand in for deciding clauses) and on the blind set, kept
// apart and written by someone else, whose questions are never printed (ids only).
const heldOutLeads = evaluateLeads(engine, leadQuestionsOf(evalSet.inScope, evalSet.outOfScope));
process.stdout.write(`\n${renderLeadEvaluation('leads on the held-out sets', heldOutLeads)}\n`);
const blindFile = process.env.BLIND_QUESTIONS ? path.resolve(process.env.BLIND_QUESTIONS) : path.join(root, 'test/eval/blind/blind-questions.jsonl');
const blindSet = loadBlindSet(blindFile);
const blindLeads = blindSet ? evaluateLeads(engine, blindSet) : null;
process.stdout.write(`\n${blindLeads ? renderLeadEvaluation(`leads on the blind set (${path.relative(root, blindFile)})`, blindLeads) : `blind set: none at ${path.relative(root, blindFile)}`}\n`);
// The tuning sets (test/eval/dev/*.jsonl, written blind like the measurement set but used to find what is wrong):
// their figures, one line each, so a change that helps one set at another's cost shows.
const devDir = path.join(root, 'test/eval/dev');
const devFiles = existsSync(devDir)
  ? readdirSync(devDir)
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
  : [];
const devSets = devFiles.flatMap((name) => {
  const set = loadBlindSet(path.join(devDir, name));
  return set ? [{ name: `the tuning set test/eval/dev/${name}`, questions: set }] : [];
});
for (const { name, questions } of devSets) process.stdout.write(`\n${renderLeadEvaluation(`leads on ${name}`, evaluateLeads(engine, questions))}\n`);
if (extraSeeds !== null) {
  const seeds = [DEFAULT_TRAINING.seed, ...extraSeeds.filter((seed) => seed !== DEFAULT_TRAINING.seed)];
  const engineFor = (seed: number) => (seed === DEFAULT_TRAINING.seed ? engine : evaluationEngine(root, IntentClassifier.train(corpus.intents, corpus.fingerprint, { ...DEFAULT_TRAINING, seed })));
  const sets = [
    { name: 'the held-out sets', questions: leadQuestionsOf(evalSet.inScope, evalSet.outOfScope) },
    ...(blindSet ? [{ name: `the blind set (${path.relative(root, blindFile)})`, questions: blindSet }] : []),
    ...devSets,
  ];
  process.stdout.write(`\n${renderSeedSpread(measureSeedSpread(seeds, engineFor, sets))}\n`);
}
const reportDir = path.join(root, 'reports');
mkdirSync(reportDir, { recursive: true });
writeFileSync(path.join(reportDir, 'nlu-eval.html'), renderEvalHtml(evaluation, cv, new Date().toISOString()));
writeFileSync(
  path.join(reportDir, 'nlu-eval.json'),
  JSON.stringify(
    {
      evaluation,
      crossValidation: { ...cv, predictions: undefined },
      leads: { heldOut: heldOutLeads, blind: blindLeads && { ...blindLeads, outcomes: blindLeads.outcomes.map(({ missingFacts: _facts, ...rest }) => rest) } },
    },
    null,
    2,
  ),
);
process.stdout.write(`\nreport: ${path.join('reports', 'nlu-eval.html')}\n`);
const passed = evaluation.answerAccuracy >= REQUIRED.answerAccuracy && evaluation.outOfScopeRecall >= REQUIRED.outOfScopeRecall;
if (!passed) {
  process.stdout.write(`FAILED: answer accuracy must be >= ${REQUIRED.answerAccuracy * 100}% and out-of-scope recall >= ${REQUIRED.outOfScopeRecall * 100}%\n`);
  process.exitCode = 1;
}

/** `--seeds 1,2,3,4`: the extra training seeds, or null without the flag; read before anything is trained, so a bad value fails at once. */
function seedsOption(argv: readonly string[]): number[] | null {
  const at = argv.indexOf('--seeds');
  if (at < 0) return null;
  const parts = (argv[at + 1] ?? '').split(',').filter((part) => part.trim() !== '');
  const seeds = parts.map(Number);
  if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed))) {
    process.stderr.write(`--seeds takes whole numbers separated by commas, e.g. --seeds 1,2,3,4 (got "${argv[at + 1] ?? ''}")\n`);
    process.exit(2);
  }
  return seeds;
}
