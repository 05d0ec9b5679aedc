import type { AskerRole, SubjectRole } from '../knowledge/schemas/identifiers';
import type { KnowledgePoint } from '../knowledge/schemas/point-schema';
import type { Understanding } from '../nlu/understanding';
import type { PointIndex, RankedPoint } from './point-index';

/** How the points of the likely topics are weighed and when one is clearly best (chosen on `npm run eval`). */
export const POINT_CHOICE = {
  /** The classifier's choice and at most this many runner-up topics have their points ranked. */
  runnerUpTopics: 2,
  /** A runner-up topic's points are ranked only if its probability is at least this share of the top one's. */
  minRelativeProbability: 0.3,
  /** A point scoring at least this share of the best one's is close enough to offer as "did you mean". */
  closeShare: 0.8,
  /** Below this score no point fits: the best shares only a common word or two with the question. */
  minScore: 15,
  /** Neighbouring points of the same topic offered as follow-up buttons. */
  neighbours: 3,
} as const;

/** What ranking found for one question. */
export interface PointChoice {
  /** The point to lead with, or null when no point of the likely topics fits the question. */
  best: RankedPoint | null;
  /** A point close behind the best, offered as "did you mean", or null when the best is clearly best. */
  closeSecond: KnowledgePoint | null;
  /** The next best points of the best one's topic, for follow-up buttons. */
  neighbours: KnowledgePoint[];
}

/** Each likely topic and how much its points count: 1 for the classifier's choice, the others by their probability. */
export function topicWeights(understanding: Understanding): Map<string, number> {
  const weights = new Map<string, number>();
  if (understanding.intent === null) return weights;
  weights.set(understanding.intent, 1);
  const top = understanding.confidence;
  const runnersUp = understanding.alternatives.filter((alt) => alt.kind === 'topic' && alt.intent !== understanding.intent).slice(0, POINT_CHOICE.runnerUpTopics);
  for (const alt of runnersUp) {
    if (top > 0 && alt.confidence >= POINT_CHOICE.minRelativeProbability * top) weights.set(alt.intent, alt.confidence / top);
  }
  return weights;
}

/**
 * Ranks the points of the likely topics against the question and decides: lead with the best, offer a close
 * second as "did you mean", or (below the fit score) lead with none.
 */
export function choosePoint(index: PointIndex, question: string, weights: ReadonlyMap<string, number>, role: AskerRole, subjectRole: SubjectRole | undefined): PointChoice {
  const ranked = index.rank(question, weights, role, subjectRole);
  const first = ranked[0];
  if (!first || first.score < POINT_CHOICE.minScore) return { best: null, closeSecond: null, neighbours: [] };
  const second = ranked[1];
  const closeSecond = second && second.score >= POINT_CHOICE.closeShare * first.score ? second.point : null;
  const neighbours = ranked
    .slice(1)
    .map((entry) => entry.point)
    .filter((point) => point.topic === first.point.topic && point !== closeSecond)
    .slice(0, POINT_CHOICE.neighbours);
  return { best: first, closeSecond, neighbours };
}
