import type { AskerRole, SubjectRole } from '../knowledge/schemas/identifiers';
import type { KnowledgePoint } from '../knowledge/schemas/point-schema';
import type { Understanding } from '../nlu/understanding';
import type { PointIndex, RankedPoint } from './point-index';
import { askingSentence } from '../nlu/asking-sentence';

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
  /**
   * How much the sentence that asks counts against the whole message, when the message has context first
   * ("a member keeps leaning on me over a delegated decision. Who do I report it to?"): the points are ranked
   * against both, each scaled to its best, so the point that answers what is asked can overtake the one that
   * matches the context.
   */
  askingWeight: 0.25,
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
  const ranked = rankWithAsking(index, question, weights, role, subjectRole);
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

/** The points ranked against the whole question, with the sentence that asks weighed in (POINT_CHOICE.askingWeight). */
function rankWithAsking(index: PointIndex, question: string, weights: ReadonlyMap<string, number>, role: AskerRole, subjectRole: SubjectRole | undefined): RankedPoint[] {
  const whole = index.rank(question, weights, role, subjectRole);
  const asking = askingSentence(question);
  if (asking.length === question.trim().length) return whole;
  const asked = index.rank(asking, weights, role, subjectRole);
  const wholeBest = whole[0]?.score ?? 0;
  const askedBest = asked[0]?.score ?? 0;
  if (wholeBest === 0 || askedBest === 0) return whole;
  const askedScore = new Map(asked.map((entry) => [entry.point.id, entry.score]));
  return whole
    .map((entry) => ({ point: entry.point, score: entry.score + POINT_CHOICE.askingWeight * (askedScore.get(entry.point.id) ?? 0) * (wholeBest / askedBest) }))
    .sort((a, b) => b.score - a.score)
    .map((entry) => ({ point: entry.point, score: entry.score / (1 + POINT_CHOICE.askingWeight) }));
}
