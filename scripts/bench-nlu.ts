import path from 'node:path';
import { dockStart } from '@nlpjs/basic';
import { projectRoot } from '../src/app/project-root';
import { loadEvalSet } from '../src/evaluation/eval-set';
import { IntentClassifier } from '../src/nlu/intent-classifier';
import { loadIntentCorpus, OUT_OF_SCOPE } from '../src/nlu/intent-corpus';
import { understand } from '../src/nlu/understanding';

// `npm run bench:nlu`: our classifier and nlp.js trained on the same intents/, scored on the same held-out set
// in one run. Run with --expose-gc for steadier memory figures (the npm script does).

interface Row {
  name: string;
  accuracy: number;
  outOfScopeRecall: number;
  p50: number;
  p99: number;
  /** p50 over one pass, each held-out question the first time it is asked. */
  firstP50: number;
  trainMs: number;
  heapMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapNow = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const root = projectRoot();
  const corpus = loadIntentCorpus(path.join(root, 'intents'));
  const evalSet = loadEvalSet(path.join(root, 'test/eval/held-out-questions.jsonl'), path.join(root, 'test/eval/out-of-scope-questions.jsonl'));
  const inScope = evalSet.inScope.map((q) => ({ text: q.question, expected: q.expectedTopic }));
  const outOfScope = evalSet.outOfScope.map((q) => q.question);
  const questions = [...inScope.map((x) => x.text), ...outOfScope];
  const repeats = 20;

  // Ours.
  let before = heapNow();
  let started = process.hrtime.bigint();
  const classifier = IntentClassifier.train(corpus.intents, corpus.fingerprint);
  const oursTrainMs = Number(process.hrtime.bigint() - started) / 1e6;
  const oursHeap = (heapNow() - before) / 1024 / 1024;
  const decide = (text: string) => {
    const u = understand(classifier, text);
    return u.outOfScope ? OUT_OF_SCOPE : (u.intent ?? OUT_OF_SCOPE);
  };
  // Warm-up, the same for both classifiers: one pass over the training utterances, as a bot that has been
  // answering questions in its councils' vocabulary (ours remembers each word it has stemmed). The held-out
  // questions are then timed once each, the first time they are asked, and again over repeated passes.
  for (const intent of corpus.intents) for (const utterance of intent.utterances) decide(utterance);
  const oursFirst: number[] = [];
  for (const q of questions) {
    const t0 = process.hrtime.bigint();
    decide(q);
    oursFirst.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  oursFirst.sort((a, b) => a - b);
  const oursTimes: number[] = [];
  for (let r = 0; r < repeats; r += 1) {
    for (const q of questions) {
      const t0 = process.hrtime.bigint();
      decide(q);
      oursTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  oursTimes.sort((a, b) => a - b);
  const ours: Row = {
    name: 'ours (natural + softmax)',
    accuracy: inScope.filter((q) => decide(q.text) === q.expected).length / inScope.length,
    outOfScopeRecall: outOfScope.filter((q) => decide(q) === OUT_OF_SCOPE).length / outOfScope.length,
    p50: percentile(oursTimes, 0.5),
    p99: percentile(oursTimes, 0.99),
    firstP50: percentile(oursFirst, 0.5),
    trainMs: oursTrainMs,
    heapMb: oursHeap,
  };

  // nlp.js, with its built-in "None" and the same out-of-scope examples as an intent.
  before = heapNow();
  started = process.hrtime.bigint();
  const dock = await dockStart({ use: ['Basic'], settings: { nlp: { autoSave: false, autoLoad: false, log: false, nlu: { log: false } } } });
  const nlp = dock.get('nlp');
  nlp.addLanguage('en');
  for (const intent of corpus.intents) for (const utterance of intent.utterances) nlp.addDocument('en', utterance, intent.intent);
  await nlp.train();
  const theirTrainMs = Number(process.hrtime.bigint() - started) / 1e6;
  const theirHeap = (heapNow() - before) / 1024 / 1024;
  const theirDecide = async (text: string) => {
    const result = await nlp.process('en', text);
    return result.intent === 'None' ? OUT_OF_SCOPE : result.intent;
  };
  for (const intent of corpus.intents) for (const utterance of intent.utterances) await theirDecide(utterance); // warm-up, as above
  const theirFirst: number[] = [];
  for (const q of questions) {
    const t0 = process.hrtime.bigint();
    await theirDecide(q);
    theirFirst.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  theirFirst.sort((a, b) => a - b);
  const theirTimes: number[] = [];
  for (let r = 0; r < Math.max(3, repeats / 4); r += 1) {
    for (const q of questions) {
      const t0 = process.hrtime.bigint();
      await theirDecide(q);
      theirTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  theirTimes.sort((a, b) => a - b);
  let right = 0;
  for (const q of inScope) if ((await theirDecide(q.text)) === q.expected) right += 1;
  let declined = 0;
  for (const q of outOfScope) if ((await theirDecide(q)) === OUT_OF_SCOPE) declined += 1;
  const theirs: Row = {
    name: 'nlp.js 4.27 (@nlpjs/basic)',
    accuracy: right / inScope.length,
    outOfScopeRecall: declined / outOfScope.length,
    p50: percentile(theirTimes, 0.5),
    p99: percentile(theirTimes, 0.99),
    firstP50: percentile(theirFirst, 0.5),
    trainMs: theirTrainMs,
    heapMb: theirHeap,
  };

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `held-out: ${inScope.length} in-scope, ${outOfScope.length} out-of-scope questions; training: ${corpus.intents.reduce((n, i) => n + i.utterances.length, 0)} utterances, ${corpus.intents.length} intents`,
    '',
    '| classifier | accuracy | out-of-scope recall | µs/question p50 | µs/question p99 | µs p50, first time asked | training ms | heap MB after training |',
    '|---|---|---|---|---|---|---|---|',
    ...[ours, theirs].map(
      (r) =>
        `| ${r.name} | ${pct(r.accuracy)} | ${pct(r.outOfScopeRecall)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.firstP50.toFixed(1)} | ${r.trainMs.toFixed(0)} | ${r.heapMb.toFixed(1)} |`,
    ),
    '',
    `speed-up at p50: ${(theirs.p50 / ours.p50).toFixed(1)}x (repeated passes), ${(theirs.firstP50 / ours.firstP50).toFixed(1)}x (each question the first time it is asked)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:nlu failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
