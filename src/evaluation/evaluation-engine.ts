import path from 'node:path';
import { AnswerEngine } from '../answer/answer-engine';
import { QuestionNormaliser } from '../answer/question-normaliser';
import { loadKnowledgeBase } from '../knowledge/load-knowledge-base';
import type { IntentClassifier } from '../nlu/intent-classifier';

/**
 * The engine the evaluation measures, put together as the server puts it (src/app/build-answer-engine.ts): the
 * councils' synonyms and spelling correction are read before classifying. Measured without them, the figures
 * would be those of a bot no one talks to.
 */
export function evaluationEngine(root: string, classifier: IntentClassifier): AnswerEngine {
  const kb = loadKnowledgeBase(path.join(root, 'protocol-data'));
  return new AnswerEngine({ kb, classifier, normaliser: new QuestionNormaliser(kb, classifier.trainingWordCounts()) });
}
