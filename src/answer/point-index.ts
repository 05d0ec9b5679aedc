import MiniSearch, { type Options } from 'minisearch';
import type { CouncilKnowledge } from '../knowledge/council-knowledge';
import { pointSuits } from '../knowledge/points';
import type { AskerRole } from '../knowledge/schemas/identifiers';
import type { KnowledgePoint } from '../knowledge/schemas/point-schema';
import type { SubjectRole } from '../knowledge/schemas/identifiers';
import { complaintSubject } from '../nlu/role-mentions';
import { indexTerm, roleTokeniser } from './point-terms';
import { questionForm, type QuestionForm } from './question-form';
import { COMPLAINT_TOPICS } from './topic-groups';

/** A point with how well it matches a question, after the topic's probability and the asker's role weigh in. */
export interface RankedPoint {
  point: KnowledgePoint;
  score: number;
}

/** What the index holds of a point: its phrasings, its answers and the words of the clauses it cites. */
interface PointDocument {
  id: string;
  questions: string;
  answers: string;
  clauses: string;
}

/** How the index matches words; the defaults were chosen on the held-out questions (`npm run eval`). */
export interface IndexTuning {
  /**
   * How much each field counts. The phrasings are written to be matched; the answers and the clauses' words are
   * ours and the protocol's, so they help a question worded like them ("obliged" meets "not required") but must
   * not outvote the phrasings. (minisearch reads a boost of 0 as 1: leave a field out to ignore it.)
   */
  boosts: { questions: number; answers: number; clauses: number };
  /** Query words at least this long also match words they begin ("complain" meets "complaints"). */
  prefixFrom: number;
  /** Query words at least this long also match words within `fuzziness` of their length in edits (typos). */
  fuzzyFrom: number;
  fuzziness: number;
}

export const DEFAULT_TUNING: IndexTuning = { boosts: { questions: 3, answers: 1, clauses: 0.5 }, prefixFrom: 5, fuzzyFrom: 6, fuzziness: 0.15 };

/**
 * A point written for the other kind of asker is ranked lower, not left out: its fact may still be the answer.
 * 0.6 since session 13 (0.75 before): a member asking whom to tell of a breach got the officers' route, worded much
 * like the members' one (chosen on the dev sets; no held-out or dev question moved the other way).
 */
export const OTHER_AUDIENCE_WEIGHT = 0.6;

/** How much the question's likeness to a point's closest single phrasing adds to its score (see `rank`). */
export const PHRASING_WEIGHT = 1;

/**
 * A complaint point whose phrasings are about someone else than the person the question names ("a director" for a
 * question about "an officer") is ranked lower: the route, and so the answer, differs with whom it is about.
 */
export const OTHER_SUBJECT_WEIGHT = 0.3;

/** A complaint point written for the other kind of asker: lower still, since who complains decides the route too. */
export const OTHER_COMPLAINANT_WEIGHT = 0.5;

/**
 * A point one of whose phrasings asks for the same kind of answer as the question (a person for "who do I report
 * this to?", a time for "how long has she got?") scores this much more: of two points sharing the question's words,
 * the one that answers what is asked leads.
 */
export const FORM_WEIGHT = 0.5;

/** Between the clause ids a document's clause field holds (ids have no control characters). */
const CLAUSE_SEPARATOR = '\u0000';

/**
 * Each point's score for one term, as minisearch scores a one-term query (BM25+, field boosts), grouped by the
 * point's topic: a question is ranked against the points of two or three topics, so only theirs are read.
 */
type TermScores = ReadonlyMap<string, ReadonlyArray<readonly [id: string, score: number]>>;

/**
 * Words the index does not hold whose scores are kept (those it holds are kept all, a few thousand a council):
 * past this the remembered ones are dropped, so misspellings cannot grow memory without end.
 */
const MAX_REMEMBERED_UNKNOWN_TERMS = 10_000;

/**
 * A council's point index as `npm run build` saves it (PointIndexCache): minisearch's own serialisation and the
 * terms it holds, for the council data it was made from.
 */
export interface SavedPointIndex {
  index: string;
  vocabulary: string[];
}

/**
 * One council's points, indexed for full-text ranking (BM25+, minisearch) once when the engine is built. A
 * question is matched against every point of the likely topics, each point's score multiplied by its topic's
 * weight (the classifier's probability, relative to the top topic's) and lowered for another audience or subject.
 *
 * minisearch scores a query of several words as the sum of each word's BM25+ scores, times the number of the
 * query's words the document holds. The index never changes, so each word's scores are read from minisearch once
 * and summed here the same way: a question then costs a few map reads instead of a search with an object for
 * every posting of every word. A word the index does not hold (a typo, a word no point uses) is looked up with
 * prefix and fuzzy matching, and a bounded number of those are kept too.
 */
export class PointIndex {
  private readonly search: MiniSearch<PointDocument>;
  private readonly tokenize: (text: string) => string[];
  private readonly points: readonly KnowledgePoint[];
  private readonly byId: ReadonlyMap<string, KnowledgePoint>;
  /** Every term the index holds, as indexTerm makes them. */
  private readonly vocabulary = new Set<string>();
  private readonly termScores = new Map<string, TermScores>();
  private readonly unknownTermScores = new Map<string, TermScores>();
  private readonly tuning: IndexTuning;
  /** For each complaint point, whom its phrasings name as the subject of the complaint (none for a general one). */
  private readonly subjects: ReadonlyMap<string, ReadonlySet<SubjectRole>>;
  /** Each point's phrasings, each as the set of its terms: a question worded like one of them is that point's. */
  private readonly phrasings: ReadonlyMap<string, ReadonlyArray<ReadonlySet<string>>>;
  /** For each point, the kinds of answer its phrasings ask for. */
  private readonly forms: ReadonlyMap<string, ReadonlySet<QuestionForm>>;

  /**
   * Indexes the council's points, or loads the index `npm run build` saved for this very data (`saved`: the
   * caller has matched it by fingerprint), which skips reading and stemming every text at start-up.
   */
  constructor(council: CouncilKnowledge, saved?: SavedPointIndex, tuning: Partial<IndexTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.tokenize = roleTokeniser(council.profile);
    this.points = council.points;
    this.byId = council.pointById;
    this.subjects = new Map(
      council.points
        .filter((point) => COMPLAINT_TOPICS.has(point.topic))
        .map((point) => [point.id, new Set(point.questions.map((question) => complaintSubject(question, council.profile)).filter((role) => role !== undefined))]),
    );
    this.phrasings = new Map(council.points.map((point) => [point.id, point.questions.map((question) => this.termsOf(question))]));
    this.forms = new Map(council.points.map((point) => [point.id, new Set(point.questions.map(questionForm))]));
    // A clause is cited by many points: its words are read and stemmed once, and its field holds the clause ids.
    const clauseTerms = new Map<string, string[]>();
    const termsOfClause = (id: string): string[] => {
      let terms = clauseTerms.get(id);
      if (terms === undefined) {
        terms = this.tokenize(council.clauseById.get(id)?.text ?? '').flatMap((token) => indexTerm(token) ?? []);
        clauseTerms.set(id, terms);
      }
      return terms;
    };
    const options: Options<PointDocument> = {
      fields: ['questions', 'answers', 'clauses'],
      tokenize: (text, field) => (field === 'clauses' ? text.split(CLAUSE_SEPARATOR).flatMap(termsOfClause) : this.tokenize(text)),
      // every term indexed is noted, so a question's known words can be told from typos without a search
      processTerm: (token, field) => {
        const term = field === 'clauses' ? token : indexTerm(token);
        if (term !== null) this.vocabulary.add(term);
        return term;
      },
      searchOptions: { boost: this.tuning.boosts, combineWith: 'OR' },
    };
    if (saved) {
      this.search = MiniSearch.loadJSON<PointDocument>(saved.index, options);
      for (const term of saved.vocabulary) this.vocabulary.add(term);
      return;
    }
    this.search = new MiniSearch<PointDocument>(options);
    this.search.addAll(
      council.points.map((point) => ({
        id: point.id,
        questions: point.questions.join('\n'),
        answers: [point.answer, point.answers?.member, point.answers?.officer].filter((text) => text !== undefined).join('\n'),
        clauses: point.clauses.join(CLAUSE_SEPARATOR),
      })),
    );
  }

  /** The index as `npm run build` saves it. */
  toSaved(): SavedPointIndex {
    return { index: JSON.stringify(this.search), vocabulary: [...this.vocabulary] };
  }

  /**
   * The points of the weighted topics that share any word with the question, best first. `topicWeights` maps a
   * topic to how much its points count (1 for the classifier's choice); points of other topics are not ranked.
   * `subjectRole` is whom a complaint question is about, where it names someone. `byAnswerForm` (the default)
   * raises the points that answer the kind of question asked (FORM_WEIGHT); whether a question is about the points
   * at all is judged without it, since the form says what is asked, not what about.
   */
  rank(question: string, topicWeights: ReadonlyMap<string, number>, role: AskerRole, subjectRole?: SubjectRole, { byAnswerForm = true } = {}): RankedPoint[] {
    const sums = new Map<string, { score: number; terms: number }>();
    const seen = new Set<string>();
    for (const token of this.tokenize(question)) {
      const term = indexTerm(token);
      if (term === null) continue;
      const distinct = !seen.has(term);
      seen.add(term);
      const byTopic = this.scoresOf(term);
      for (const topic of topicWeights.keys()) {
        for (const [id, score] of byTopic.get(topic) ?? []) {
          const sum = sums.get(id);
          if (sum) {
            sum.score += score;
            if (distinct) sum.terms += 1;
          } else sums.set(id, { score, terms: 1 });
        }
      }
    }
    const form = byAnswerForm ? questionForm(question) : 'other';
    const ranked: RankedPoint[] = [];
    for (const [id, { score, terms }] of sums) {
      const point = this.byId.get(id);
      const weight = point ? this.weightOf(point, topicWeights, role, subjectRole) : 0;
      // Summed over all a point's phrasings, a point with many loosely related ones can outscore the point one of
      // whose phrasings is the question itself; the closest single phrasing raises a point's score by up to double.
      const sameForm = form !== 'other' && this.forms.get(id)?.has(form) === true ? 1 + FORM_WEIGHT : 1;
      if (point && weight > 0) ranked.push({ point, score: score * terms * weight * sameForm * (1 + PHRASING_WEIGHT * this.closestPhrasing(id, seen)) });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }

  /** How much of the question and the point's closest phrasing are the same terms (Jaccard: 0 none, 1 all). */
  private closestPhrasing(id: string, question: ReadonlySet<string>): number {
    let best = 0;
    for (const phrasing of this.phrasings.get(id) ?? []) {
      let shared = 0;
      for (const term of phrasing) if (question.has(term)) shared += 1;
      const union = phrasing.size + question.size - shared;
      if (union > 0 && shared / union > best) best = shared / union;
    }
    return best;
  }

  /** A text's terms as the index makes them. */
  private termsOf(text: string): Set<string> {
    return new Set(this.tokenize(text).flatMap((token) => indexTerm(token) ?? []));
  }

  /** The points of one topic in file order, those written for this asker first. */
  pointsOf(topic: string, role: AskerRole): KnowledgePoint[] {
    const points = this.points.filter((point) => point.topic === topic);
    return [...points.filter((point) => pointSuits(point, role)), ...points.filter((point) => !pointSuits(point, role))];
  }

  /** How much a point's match counts: its topic's weight, lowered for another audience or another subject. */
  private weightOf(point: KnowledgePoint, topicWeights: ReadonlyMap<string, number>, role: AskerRole, subjectRole: SubjectRole | undefined): number {
    let weight = topicWeights.get(point.topic) ?? 0;
    if (!pointSuits(point, role)) weight *= COMPLAINT_TOPICS.has(point.topic) ? OTHER_COMPLAINANT_WEIGHT : OTHER_AUDIENCE_WEIGHT;
    const subjects = subjectRole === undefined ? undefined : this.subjects.get(point.id);
    if (subjectRole !== undefined && subjects !== undefined && subjects.size > 0 && !subjects.has(subjectRole)) weight *= OTHER_SUBJECT_WEIGHT;
    return weight;
  }

  /**
   * Each point's score for one (already processed) term, from minisearch, read once: as it is for a term of the
   * index, by its beginning or within a typo or two for a term the index does not hold.
   */
  private scoresOf(term: string): TermScores {
    const known = this.vocabulary.has(term);
    const memo = known ? this.termScores : this.unknownTermScores;
    const remembered = memo.get(term);
    if (remembered) return remembered;
    const { prefixFrom, fuzzyFrom, fuzziness } = this.tuning;
    const results = this.search.search(term, {
      tokenize: (text) => [text],
      processTerm: (text) => text,
      prefix: !known && term.length >= prefixFrom,
      fuzzy: !known && term.length >= fuzzyFrom ? fuzziness : false,
    });
    const scores = new Map<string, Array<readonly [string, number]>>();
    for (const result of results) {
      const id = String(result.id);
      const topic = this.byId.get(id)?.topic;
      if (topic === undefined) continue;
      const postings = scores.get(topic);
      if (postings) postings.push([id, result.score]);
      else scores.set(topic, [[id, result.score]]);
    }
    if (!known && memo.size >= MAX_REMEMBERED_UNKNOWN_TERMS) memo.clear();
    memo.set(term, scores);
    return scores;
  }
}
