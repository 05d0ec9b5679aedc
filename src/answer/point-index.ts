import MiniSearch from 'minisearch';
import type { CouncilKnowledge } from '../knowledge/council-knowledge';
import { pointSuits } from '../knowledge/points';
import type { AskerRole } from '../knowledge/schemas/identifiers';
import type { KnowledgePoint } from '../knowledge/schemas/point-schema';
import { complaintSubject, rolePhrases } from '../nlu/role-mentions';
import type { CouncilProfile } from '../knowledge/schemas/council-profile-schema';
import { stem, words } from '../nlu/tokenise';
import type { SubjectRole } from '../knowledge/schemas/identifiers';
import { COMPLAINT_TOPICS } from './topic-groups';

/** A point with how well it matches a question, after the topic's probability and the asker's role weigh in. */
export interface RankedPoint {
  point: KnowledgePoint;
  score: number;
}

/** What the index holds of a point: its phrasings, and the words of the clauses it cites. */
interface PointDocument {
  id: string;
  topic: string;
  audience: KnowledgePoint['audience'];
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

/** A point written for the other kind of asker is ranked lower, not left out: its fact may still be the answer. */
export const OTHER_AUDIENCE_WEIGHT = 0.75;

/**
 * A complaint point whose phrasings are about someone else than the person the question names ("a director" for a
 * question about "an officer") is ranked lower: the route, and so the answer, differs with whom it is about.
 */
export const OTHER_SUBJECT_WEIGHT = 0.3;

/** A complaint point written for the other kind of asker: lower still, since who complains decides the route too. */
export const OTHER_COMPLAINANT_WEIGHT = 0.5;

/**
 * Words too common in questions to tell two points apart. The question words (who, when, how, can, must) are
 * kept: "who do I complain to" and "how long until I hear back" are different points.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the of to in on at for from by with about into as and or but if so is are was were be been being am i me my mine we us our you your it its this that these those there their they them he she his her do does did done have has had having would could should will shall just any some'.split(' '),
);

/**
 * Words people use for the same thing in these questions, mapped to one before stemming: phrasings are matched
 * word by word, and "is the clerk obliged to turn up" must meet "does the clerk have to attend". Only words that
 * mean the same wherever they occur here; kept short on purpose.
 */
const SAME_AS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    advice: 'advise',
    obliged: 'required',
    obligated: 'required',
    compelled: 'required',
    forced: 'required',
    must: 'required',
    require: 'required',
    requires: 'required',
    decline: 'refuse',
    declines: 'refuse',
    declined: 'refuse',
    reject: 'refuse',
    demand: 'insist',
    demands: 'insist',
    come: 'attend',
    comes: 'attend',
    coming: 'attend',
    present: 'attend',
    complaint: 'complain',
    complaints: 'complain',
    grievance: 'complain',
    grievances: 'complain',
  }),
);

/** A word as the index keeps it: stop words dropped, the rest stemmed, so "complaints" meets "complaint". */
function indexTerm(term: string): string | null {
  return STOP_WORDS.has(term) ? null : stem(SAME_AS.get(term) ?? term);
}

/**
 * Tokenising as the classifier does (the same council spellings and apostrophes), after every name of a role the
 * council uses is made one word for its role: "the chief exec" and "the Head of the Paid Service" both read as
 * `role_chief_executive`, and "Chief Executive" no longer half-matches "Chief Officer".
 */
function roleTokeniser(profile: CouncilProfile): (text: string) => string[] {
  const tokenOf = new Map<string, string>();
  const add = (phrase: string, role: string) => {
    const key = phrase.toLowerCase().replace(/\s*\(.*?\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
    if (key.length > 1 && !tokenOf.has(key)) tokenOf.set(key, `role_${role.replace(/-/g, '_')}`);
  };
  for (const [role, title] of Object.entries(profile.roles)) for (const phrase of [title.title, ...title.aliases]) add(phrase, role);
  for (const [role, phrases] of rolePhrases(profile)) for (const phrase of phrases) add(phrase, role);
  const alternatives = [...tokenOf.keys()].sort((a, b) => b.length - a.length).map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![a-z])(${alternatives.join('|')})s?(?![a-z])`, 'g');
  return (text) =>
    words(
      text
        .toLowerCase()
        .replace(/[\u2018\u2019]/g, "'")
        .replace(/\s+/g, ' ')
        .replace(HOW_LONG, ' how_long ')
        .replace(pattern, (_match, phrase: string) => ` ${tokenOf.get(phrase) ?? phrase} `),
    );
}

/** "How long", "how many days", "how soon": a question about a deadline, not the "how" of "how do I complain". */
const HOW_LONG = /\bhow (?:long|many|soon|quickly)\b/g;

/**
 * One council's points, indexed for full-text ranking (BM25+, minisearch) once when the engine is built. A
 * question is matched against every point of the likely topics, each point's score multiplied by its topic's
 * weight (the classifier's probability, relative to the top topic's).
 */
export class PointIndex {
  private readonly search: MiniSearch<PointDocument>;
  private readonly points: readonly KnowledgePoint[];
  private readonly byId: ReadonlyMap<string, KnowledgePoint>;
  /** For each complaint point, whom its phrasings name as the subject of the complaint (none for a general one). */
  private readonly subjects: ReadonlyMap<string, ReadonlySet<SubjectRole>>;

  constructor(council: CouncilKnowledge, tuning: Partial<IndexTuning> = {}) {
    const { boosts, prefixFrom, fuzzyFrom, fuzziness } = { ...DEFAULT_TUNING, ...tuning };
    this.points = council.points;
    this.byId = council.pointById;
    this.subjects = new Map(
      council.points
        .filter((point) => COMPLAINT_TOPICS.has(point.topic))
        .map((point) => [point.id, new Set(point.questions.map((question) => complaintSubject(question, council.profile)).filter((role) => role !== undefined))]),
    );
    this.search = new MiniSearch<PointDocument>({
      fields: ['questions', 'answers', 'clauses'],
      storeFields: ['topic', 'audience'],
      tokenize: roleTokeniser(council.profile),
      processTerm: indexTerm,
      searchOptions: {
        boost: boosts,
        prefix: (term) => term.length >= prefixFrom,
        fuzzy: (term) => (term.length >= fuzzyFrom ? fuzziness : false),
        combineWith: 'OR',
      },
    });
    this.search.addAll(
      council.points.map((point) => ({
        id: point.id,
        topic: point.topic,
        audience: point.audience,
        questions: point.questions.join('\n'),
        answers: [point.answer, point.answers?.member, point.answers?.officer].filter((text) => text !== undefined).join('\n'),
        clauses: point.clauses.map((id) => council.clauseById.get(id)?.text ?? '').join('\n'),
      })),
    );
  }

  /**
   * The points of the weighted topics that share any word with the question, best first. `topicWeights` maps a
   * topic to how much its points count (1 for the classifier's choice); points of other topics are not ranked.
   * `subjectRole` is whom a complaint question is about, where it names someone.
   */
  rank(question: string, topicWeights: ReadonlyMap<string, number>, role: AskerRole, subjectRole?: SubjectRole): RankedPoint[] {
    const weightOf = (id: unknown, fields: Record<string, unknown> | undefined) => {
      let weight = topicWeights.get(String(fields?.topic)) ?? 0;
      const audience = fields?.audience;
      if (audience !== 'both' && audience !== role) weight *= COMPLAINT_TOPICS.has(String(fields?.topic)) ? OTHER_COMPLAINANT_WEIGHT : OTHER_AUDIENCE_WEIGHT;
      const subjects = subjectRole === undefined ? undefined : this.subjects.get(String(id));
      if (subjectRole !== undefined && subjects !== undefined && subjects.size > 0 && !subjects.has(subjectRole)) weight *= OTHER_SUBJECT_WEIGHT;
      return weight;
    };
    const ranked: RankedPoint[] = [];
    const results = this.search.search(question, {
      filter: (result) => (topicWeights.get(String(result.topic)) ?? 0) > 0,
      boostDocument: (id, _term, fields) => weightOf(id, fields),
    });
    for (const result of results) {
      const point = this.byId.get(String(result.id));
      if (point) ranked.push({ point, score: result.score });
    }
    return ranked;
  }

  /** The points of one topic in file order, those written for this asker first. */
  pointsOf(topic: string, role: AskerRole): KnowledgePoint[] {
    const points = this.points.filter((point) => point.topic === topic);
    return [...points.filter((point) => pointSuits(point, role)), ...points.filter((point) => !pointSuits(point, role))];
  }
}
