import type { AnswerEngine } from '../answer/answer-engine';
import type { ReplyModel } from '../answer/reply-model';
import type { LeadQuestion } from './lead-set';

/** One question's lead, scored. */
export interface LeadOutcome {
  id: string;
  inScope: boolean;
  declined: boolean;
  point: string | null;
  /** The chosen point's deciding clause is one of the question's deciding clauses. */
  rightPoint: boolean;
  /** Every fact group has an alternative in the lead (true when the question lists none). */
  factsStated: boolean;
  /** The facts groups with no alternative in the lead. */
  missingFacts: string[][];
  /** `citations[0]` is one of the question's deciding clauses. */
  decidingClauseFirst: boolean;
  leadLength: number;
  lead: string;
  /** The bot asked which topic or point was meant (`clarify`) instead of answering. */
  clarified: boolean;
  /** Answered (neither declined nor asked) on another topic than the question's, where the set gives one. */
  wrongTopic: boolean;
}

/** What `npm run eval` measures of the leads on one set. */
export interface LeadEvaluation {
  questions: number;
  inScope: number;
  outOfScope: number;
  /**
   * Share of in-scope questions whose chosen point's deciding clause is among the deciding clauses (a proxy), of
   * those that list deciding clauses: a question that lists none can be right by no answer, so it is not counted.
   */
  rightPoint: number;
  /** In-scope questions that list deciding clauses: the denominator of `rightPoint` and `decidingClauseFirst`. */
  withDecidingClauses: number;
  /** Share of in-scope questions with facts whose lead states every fact group; null when the set gives no facts. */
  factsStated: number | null;
  factsQuestions: number;
  /** Share of in-scope questions (of those that list deciding clauses) whose first citation is a deciding clause. */
  decidingClauseFirst: number;
  /** Share of in-scope questions the bot asked about ("is this about A or B?") instead of answering. */
  clarified: number;
  /**
   * Of the in-scope questions whose topic the set gives, the share answered on another topic without asking; and
   * of those, the share whose point is not the right one either (a point filed under another topic may still
   * decide the question).
   */
  wrongTopic: { share: number; wrongPointToo: number; questions: number };
  /** Lengths of the leads of in-scope questions not declined, in characters. */
  leadLength: { median: number; max: number };
  /** Leads given to more than one different question: how many such leads, and how many questions got them. */
  identicalLeads: { leads: number; questions: number; fromDifferentPoints: number; withDifferentDecidingClauses: number };
  /** Share of out-of-scope questions declined. */
  outOfScopeDeclined: number;
  /** Share of in-scope questions declined. */
  inScopeDeclined: number;
  outcomes: LeadOutcome[];
}

const share = (n: number, d: number) => (d === 0 ? 0 : n / d);

/** Lower case with curly quotes and runs of white space made plain, so "Five working days" matches "five  working days". */
function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ');
}

function scoreLead(question: LeadQuestion, reply: ReplyModel): LeadOutcome {
  // Only an answer can state the facts: a decline or a "which do you mean?" that happens to say "not" does not.
  const answered = !reply.outOfScope && (reply.clarify === null || reply.clarify.length === 0);
  const lead = answered ? plain(reply.lead) : '';
  const missingFacts = question.facts.filter((group) => !group.some((alternative) => lead.includes(plain(alternative))));
  const deciding = new Set(question.decidingClauses);
  const pointClause = reply.point === null ? undefined : reply.citations[0]?.clause;
  return {
    id: question.id,
    inScope: question.inScope,
    declined: reply.outOfScope,
    point: reply.point,
    rightPoint: reply.point !== null && pointClause !== undefined && deciding.has(pointClause),
    factsStated: missingFacts.length === 0,
    missingFacts,
    decidingClauseFirst: !reply.outOfScope && reply.citations[0] !== undefined && deciding.has(reply.citations[0].clause),
    leadLength: reply.lead.length,
    lead: reply.lead,
    clarified: reply.clarify !== null && reply.clarify.length > 0,
    wrongTopic: question.topic !== null && !reply.outOfScope && (reply.clarify === null || reply.clarify.length === 0) && reply.intent !== question.topic,
  };
}

/** Asks the engine every question of a set and scores the leads (CONTRACTS.md "Answer": `lead`, `point`, `citations[0]`). */
export function evaluateLeads(engine: Pick<AnswerEngine, 'ask'>, questions: readonly LeadQuestion[]): LeadEvaluation {
  const asked = questions.map((question) => ({ question, outcome: scoreLead(question, engine.ask({ council: question.council, role: question.role, question: question.question })) }));
  const inScope = asked.filter(({ question }) => question.inScope);
  const outOfScope = asked.filter(({ question }) => !question.inScope);
  const withFacts = inScope.filter(({ question }) => question.facts.length > 0);
  const withClauses = inScope.filter(({ question }) => question.decidingClauses.length > 0);
  const withTopic = inScope.filter(({ question }) => question.topic !== null);
  const wrongTopic = withTopic.filter(({ outcome }) => outcome.wrongTopic);
  const lengths = inScope
    .filter(({ outcome }) => !outcome.declined)
    .map(({ outcome }) => outcome.leadLength)
    .sort((a, b) => a - b);

  // the same lead for different questions: fine when one point answers both, a fault when the points differ
  const byLead = new Map<string, Array<(typeof asked)[number]>>();
  for (const entry of asked.filter(({ outcome }) => !outcome.declined)) {
    const group = byLead.get(entry.outcome.lead) ?? [];
    group.push(entry);
    byLead.set(entry.outcome.lead, group);
  }
  const shared = [...byLead.values()].filter((group) => new Set(group.map(({ question }) => question.question.trim().toLowerCase())).size > 1);
  const key = (clauses: readonly string[]) => [...clauses].sort().join('|');
  return {
    questions: asked.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    rightPoint: share(withClauses.filter(({ outcome }) => outcome.rightPoint).length, withClauses.length),
    withDecidingClauses: withClauses.length,
    factsStated: withFacts.length === 0 ? null : share(withFacts.filter(({ outcome }) => outcome.factsStated).length, withFacts.length),
    factsQuestions: withFacts.length,
    decidingClauseFirst: share(withClauses.filter(({ outcome }) => outcome.decidingClauseFirst).length, withClauses.length),
    clarified: share(inScope.filter(({ outcome }) => outcome.clarified).length, inScope.length),
    wrongTopic: {
      share: share(wrongTopic.length, withTopic.length),
      wrongPointToo: share(wrongTopic.filter(({ outcome }) => !outcome.rightPoint).length, withTopic.length),
      questions: withTopic.length,
    },
    leadLength: { median: lengths[Math.floor((lengths.length - 1) / 2)] ?? 0, max: lengths[lengths.length - 1] ?? 0 },
    identicalLeads: {
      leads: shared.length,
      questions: shared.reduce((total, group) => total + group.length, 0),
      fromDifferentPoints: shared.filter((group) => new Set(group.map(({ outcome }) => outcome.point)).size > 1).length,
      withDifferentDecidingClauses: shared.filter((group) => new Set(group.map(({ question }) => key(question.decidingClauses))).size > 1).length,
    },
    outOfScopeDeclined: share(outOfScope.filter(({ outcome }) => outcome.declined).length, outOfScope.length),
    inScopeDeclined: share(inScope.filter(({ outcome }) => outcome.declined).length, inScope.length),
    outcomes: asked.map(({ outcome }) => outcome),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The leads' figures as console lines. `showWrong` lists the ids of in-scope questions whose point or first clause
 * was wrong (ids only: a blind set's questions are not printed).
 */
export function renderLeadEvaluation(title: string, evaluation: LeadEvaluation, showWrong = true): string {
  const wrong = evaluation.outcomes.filter((o) => o.inScope && !o.rightPoint);
  const uncounted = evaluation.inScope - evaluation.withDecidingClauses;
  const lines = [
    `${title}: ${evaluation.questions} questions (${evaluation.inScope} in scope, ${evaluation.outOfScope} out of scope)`,
    `  right point (deciding clause of the point among the deciding clauses): ${pct(evaluation.rightPoint)}${uncounted > 0 ? `   (${uncounted} in-scope questions list no deciding clause: not counted)` : ''}`,
    `  lead states the facts:      ${evaluation.factsStated === null ? 'n/a (the set gives no facts)' : `${pct(evaluation.factsStated)}   (${evaluation.factsQuestions} questions with facts)`}`,
    `  deciding clause first:      ${pct(evaluation.decidingClauseFirst)}`,
    `  lead length:                median ${evaluation.leadLength.median}, max ${evaluation.leadLength.max} characters`,
    `  identical leads:            ${evaluation.identicalLeads.leads} leads shared by ${evaluation.identicalLeads.questions} different questions; from different points: ${evaluation.identicalLeads.fromDifferentPoints}; for different deciding clauses: ${evaluation.identicalLeads.withDifferentDecidingClauses}`,
    `  out-of-scope declined:      ${evaluation.outOfScope === 0 ? 'n/a' : pct(evaluation.outOfScopeDeclined)}`,
    `  in-scope declined:          ${pct(evaluation.inScopeDeclined)}`,
    `  clarification asked:        ${pct(evaluation.clarified)}`,
    `  wrong topic, not asked:     ${evaluation.wrongTopic.questions === 0 ? 'n/a (the set gives no topics)' : `${pct(evaluation.wrongTopic.share)}   (and not the right point either: ${pct(evaluation.wrongTopic.wrongPointToo)})`}`,
  ];
  if (showWrong && wrong.length > 0) lines.push(`  not the right point: ${wrong.map((o) => o.id).join(', ')}`);
  return lines.join('\n');
}
