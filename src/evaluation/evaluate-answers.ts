import type { AnswerEngine } from '../answer/answer-engine';
import type { HeldOutQuestion, OutOfScopeQuestion } from './eval-set';

/** Precision, recall and F1 of one topic. */
export interface TopicScore {
  topic: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/** One question's outcome, for the report's tables and histogram. */
export interface QuestionOutcome {
  id: string;
  council: string;
  question: string;
  expected: string;
  predicted: string;
  confidence: number;
  topicRight: boolean;
  citationsRight: boolean;
  missingClauses: string[];
}

/** What `npm run eval` measures on the held-out set. */
export interface AnswerEvaluation {
  questions: number;
  /** Right topic (top intent, did-you-mean counts only its first choice). */
  topicAccuracy: number;
  /** Right topic and every expected clause cited. */
  answerAccuracy: number;
  outOfScopeQuestions: number;
  /** Share of out-of-scope questions the bot declined. */
  outOfScopeRecall: number;
  /** Share of in-scope questions the bot wrongly declined. */
  falseAbstentionRate: number;
  perTopic: TopicScore[];
  confusedPairs: Array<{ expected: string; predicted: string; count: number }>;
  outcomes: QuestionOutcome[];
  outOfScopeOutcomes: Array<{ id: string; question: string; declined: boolean; predicted: string; confidence: number }>;
}

const ABSTAINED = '(declined)';

/** Runs the engine over the held-out questions and scores it. */
export function evaluateAnswers(engine: AnswerEngine, inScope: readonly HeldOutQuestion[], outOfScope: readonly OutOfScopeQuestion[]): AnswerEvaluation {
  const outcomes: QuestionOutcome[] = inScope.map((q) => {
    const reply = engine.ask({ council: q.council, role: q.role, question: q.question });
    const predicted = reply.outOfScope ? ABSTAINED : (reply.intent ?? ABSTAINED);
    const cited = new Set(reply.citations.map((c) => c.clause));
    const missingClauses = q.expectedClauses.filter((id) => !cited.has(id));
    const topicRight = predicted === q.expectedTopic;
    return {
      id: q.id,
      council: q.council,
      question: q.question,
      expected: q.expectedTopic,
      predicted,
      confidence: reply.confidence,
      topicRight,
      citationsRight: topicRight && missingClauses.length === 0,
      missingClauses,
    };
  });
  const outOfScopeOutcomes = outOfScope.map((q) => {
    const reply = engine.ask({ council: q.council, role: q.role, question: q.question });
    return { id: q.id, question: q.question, declined: reply.outOfScope, predicted: reply.intent ?? ABSTAINED, confidence: reply.confidence };
  });

  const topics = [...new Set(outcomes.map((o) => o.expected))].sort();
  const perTopic = topics.map((topic) => {
    const truePositive = outcomes.filter((o) => o.expected === topic && o.predicted === topic).length;
    const predictedCount = outcomes.filter((o) => o.predicted === topic).length;
    const support = outcomes.filter((o) => o.expected === topic).length;
    const precision = predictedCount === 0 ? 0 : truePositive / predictedCount;
    const recall = support === 0 ? 0 : truePositive / support;
    return { topic, support, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
  const pairCounts = new Map<string, number>();
  for (const o of outcomes.filter((x) => !x.topicRight)) pairCounts.set(`${o.expected}\t${o.predicted}`, (pairCounts.get(`${o.expected}\t${o.predicted}`) ?? 0) + 1);
  const confusedPairs = [...pairCounts.entries()]
    .map(([key, count]) => {
      const [expected = '', predicted = ''] = key.split('\t');
      return { expected, predicted, count };
    })
    .sort((a, b) => b.count - a.count);

  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    questions: outcomes.length,
    topicAccuracy: share(outcomes.filter((o) => o.topicRight).length, outcomes.length),
    answerAccuracy: share(outcomes.filter((o) => o.citationsRight).length, outcomes.length),
    outOfScopeQuestions: outOfScopeOutcomes.length,
    outOfScopeRecall: share(outOfScopeOutcomes.filter((o) => o.declined).length, outOfScopeOutcomes.length),
    falseAbstentionRate: share(outcomes.filter((o) => o.predicted === ABSTAINED).length, outcomes.length),
    perTopic,
    confusedPairs,
    outcomes,
    outOfScopeOutcomes,
  };
}
