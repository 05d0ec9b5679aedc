import path from 'node:path';
import { AnswerEngine } from '../answer/answer-engine';
import { QuestionNormaliser } from '../answer/question-normaliser';
import { PointIndexCache } from '../answer/point-index-cache';
import type { Settings } from '../config/settings-schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { loadOrTrainClassifier, type ClassifierSource } from '../nlu/load-classifier';
import { loadConfiguredKnowledgeBase } from './load-configured-knowledge-base';
import { projectRoot } from './project-root';

/** The engine with how its parts were obtained, for start-up logs. */
export interface BuiltEngine {
  engine: AnswerEngine;
  classifierSource: ClassifierSource;
}

/** Where the training utterances live: `INTENTS_DIR` if set, else the project's `intents/`. */
export function intentsDir(settings: Settings): string {
  return settings.INTENTS_DIR ? path.resolve(settings.INTENTS_DIR) : path.join(projectRoot(), 'intents');
}

/** Where `npm run build` saves the councils' point indexes (scripts/save-point-indexes.ts). */
export function builtPointIndexFile(): string {
  return path.join(projectRoot(), 'dist', 'point-indexes.json');
}

/** Loads the knowledge base, the classifier (cached in DATA_DIR) and the built point indexes, and builds the answer engine. */
export function buildAnswerEngine(settings: Settings, loaded?: KnowledgeBase): BuiltEngine {
  const kb = loaded ?? loadConfiguredKnowledgeBase(settings);
  const classifierSource = loadOrTrainClassifier(intentsDir(settings), path.resolve(settings.DATA_DIR), Date.now, path.join(projectRoot(), 'dist', 'model'));
  if (settings.COUNCIL !== undefined) kb.council(settings.COUNCIL);
  return {
    engine: new AnswerEngine({
      kb,
      classifier: classifierSource.classifier,
      defaultCouncil: settings.COUNCIL,
      serviceStandardWorkingDays: settings.SERVICE_STANDARD_WORKING_DAYS,
      savedPointIndexes: PointIndexCache.load(builtPointIndexFile()),
      normaliser: new QuestionNormaliser(kb, classifierSource.classifier.trainingWordCounts()),
    }),
    classifierSource,
  };
}
