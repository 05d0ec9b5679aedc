import type { AskerRole, SubjectRole } from '../knowledge/schemas/identifiers';
import type { ScoredIntent } from '../nlu/intent-classifier';
import { SMALL_TALK, type Understanding } from '../nlu/understanding';
import type { PointIndex } from './point-index';

/**
 * When the points' match overrules the classifier's doubt (chosen on the held-out sets and the dev set, `npm run
 * eval`). Scores are the point index's (PointIndex.rank): a question sharing several of one point's distinctive
 * words with one of its phrasings scores in the hundreds; one sharing a common word or two, under 50.
 */
export const POINT_EVIDENCE = {
  /** An unsure topic is answered when one point of the topics it would ask about scores at least this… */
  unsureScore: 250,
  /**
   * …and a question the classifier reads as out of scope, or as small talk, without being sure of it, when one
   * point of its likely topics scores at least this (more, since the classifier's reading is against it)…
   */
  againstScore: 500,
  /** …and, either way, the best point of any other topic scores at most this share of the best one's. */
  rivalShare: 0.65,
  /** A decline or a conversational reading at least this probable is not weighed against the points. */
  firm: 0.8,
} as const;

/**
 * The classifier reads the whole question against every topic's training sentences; the point index reads it
 * against the specific points the protocol makes. When the classifier is unsure (it would ask "is this about A or
 * B?"), or leans without being firm to out of scope ("can I raise the planning team's mistakes at full council?")
 * or to small talk, one point that matches the question far better than any point of another topic settles it:
 * the question is about that point's topic, and asking or declining would only make the person say again what
 * they said. The weaker the classifier's contrary reading, the less of the points' evidence it takes. Otherwise
 * the understanding is returned unchanged: an unsure question is asked about even when no point of its topics
 * fits, since doubt between topics is not a reading of "out of scope" (docs/nlu.md).
 */
export function weighPointEvidence(understanding: Understanding, index: PointIndex, question: string, role: AskerRole, subjectRole: SubjectRole | undefined): Understanding {
  const candidates = topicsInDoubt(understanding);
  if (candidates.length === 0) return understanding;
  const unsure = !understanding.outOfScope && understanding.kind === 'topic';
  const needed = unsure ? POINT_EVIDENCE.unsureScore : (POINT_EVIDENCE.againstScore * understanding.confidence) / POINT_EVIDENCE.firm;
  // Between the topics it would ask about, the classifier's order still counts; when it leans away from every
  // topic, its order among the weak runners-up says little, and the points alone decide.
  const top = candidates[0]?.confidence ?? 1;
  const ranked = index.rank(question, new Map(candidates.map((alt) => [alt.intent, unsure ? alt.confidence / top : 1])), role, subjectRole, {
    byAnswerForm: false,
  });
  const best = ranked[0];
  if (!best || best.score < Math.max(needed, POINT_EVIDENCE.unsureScore)) return understanding;
  const rival = ranked.find((entry) => entry.point.topic !== best.point.topic);
  if (rival !== undefined && rival.score > POINT_EVIDENCE.rivalShare * best.score) return understanding;
  const chosen = candidates.find((alt) => alt.intent === best.point.topic);
  if (!chosen) return understanding;
  return {
    intent: chosen.intent,
    kind: 'topic',
    confidence: chosen.confidence,
    outOfScope: false,
    ambiguous: false,
    alternatives: understanding.alternatives.filter((alt) => alt.intent !== chosen.intent),
    clarify: [],
  };
}

/** The topics to weigh the points of: those the bot would ask about, or a soft decline's or small talk's runners-up. */
function topicsInDoubt(understanding: Understanding): ScoredIntent[] {
  if (!understanding.outOfScope && understanding.kind === 'topic') return understanding.clarify.length > 1 ? understanding.clarify : [];
  const soft = understanding.outOfScope || (understanding.intent !== null && SMALL_TALK.has(understanding.intent));
  if (!soft || understanding.confidence >= POINT_EVIDENCE.firm) return [];
  return understanding.alternatives.filter((alt) => alt.kind === 'topic');
}
