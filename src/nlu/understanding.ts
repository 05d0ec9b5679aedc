import type { IntentClassifier, ScoredIntent } from './intent-classifier';
import { OUT_OF_SCOPE } from './intent-corpus';

/** When to abstain and when to ask "did you mean"; chosen on the held-out set (`npm run eval`). */
export interface DecisionThresholds {
  /** Below this confidence the bot abstains. */
  minConfidence: number;
  /** When the runner-up topic is within this margin of the top, the bot offers both. */
  ambiguityMargin: number;
}

export const DEFAULT_THRESHOLDS: DecisionThresholds = { minConfidence: 0.2, ambiguityMargin: 0.12 };

/** What the classifier made of a message, after abstention and ambiguity are decided. */
export interface Understanding {
  /** The chosen intent, or null when the bot abstains. */
  intent: string | null;
  kind: ScoredIntent['kind'] | null;
  confidence: number;
  outOfScope: boolean;
  /** True when the runner-up is close enough to offer as "did you mean". */
  ambiguous: boolean;
  /** The next best in-scope intents (never out-of-scope), best first. */
  alternatives: ScoredIntent[];
}

/** Classifies a message and decides: answer, offer two, or abstain. */
export function understand(classifier: IntentClassifier, text: string, thresholds: DecisionThresholds = DEFAULT_THRESHOLDS): Understanding {
  // The best five always hold the top and three in-scope alternatives: at most one of them is out of scope.
  const ranked = classifier.rank(text, 5);
  const top = ranked[0];
  const inScope = ranked.filter((scored) => scored.intent !== OUT_OF_SCOPE);
  if (!top || top.intent === OUT_OF_SCOPE || top.confidence < thresholds.minConfidence) {
    return {
      intent: null,
      kind: null,
      confidence: top?.intent === OUT_OF_SCOPE ? top.confidence : 1 - (top?.confidence ?? 0),
      outOfScope: true,
      ambiguous: false,
      alternatives: inScope.slice(0, 3),
    };
  }
  const alternatives = inScope.filter((scored) => scored.intent !== top.intent).slice(0, 3);
  const runnerUp = alternatives[0];
  const ambiguous = runnerUp !== undefined && runnerUp.kind === 'topic' && top.confidence - runnerUp.confidence < thresholds.ambiguityMargin;
  return { intent: top.intent, kind: top.kind, confidence: top.confidence, outOfScope: false, ambiguous, alternatives };
}
