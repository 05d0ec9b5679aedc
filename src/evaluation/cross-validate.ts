import { IntentClassifier } from '../nlu/intent-classifier';
import type { IntentExamples } from '../nlu/intent-corpus';
import { seededRandom, shuffled } from '../nlu/seeded-random';

/** k-fold cross-validation result over intents/. */
export interface CrossValidation {
  folds: number;
  accuracy: number;
  perFold: number[];
  /** Out-of-fold (confidence, right?) pairs, for calibration. */
  predictions: Array<{ confidence: number; right: boolean }>;
}

/**
 * Stratified k-fold over the training utterances: each intent's utterances are dealt into k folds; each fold
 * is classified by a model trained on the others.
 */
export function crossValidate(corpus: readonly IntentExamples[], folds = 5, seed = 11): CrossValidation {
  const random = seededRandom(seed);
  const assignment = corpus.map((intent) =>
    shuffled(
      intent.utterances.map((_, i) => i),
      random,
    ).map((index, position) => ({ index, fold: position % folds })),
  );
  const perFold: number[] = [];
  const predictions: CrossValidation['predictions'] = [];
  for (let fold = 0; fold < folds; fold += 1) {
    const training = corpus.map((intent, i) => ({
      ...intent,
      utterances: (assignment[i] ?? []).filter((a) => a.fold !== fold).map((a) => intent.utterances[a.index] as string),
    }));
    const classifier = IntentClassifier.train(training, `cv-${fold}`);
    let right = 0;
    let total = 0;
    corpus.forEach((intent, i) => {
      for (const a of (assignment[i] ?? []).filter((x) => x.fold === fold)) {
        const top = classifier.rank(intent.utterances[a.index] as string)[0];
        const isRight = top?.intent === intent.intent;
        predictions.push({ confidence: top?.confidence ?? 0, right: isRight });
        right += isRight ? 1 : 0;
        total += 1;
      }
    });
    perFold.push(total === 0 ? 0 : right / total);
  }
  return { folds, accuracy: perFold.reduce((a, b) => a + b, 0) / folds, perFold, predictions };
}
