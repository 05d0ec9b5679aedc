import { AppError } from '../errors/app-error';
import type { CouncilKnowledge } from '../knowledge/council-knowledge';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { ASKER_ROLES, type AskerRole, type SubjectRole } from '../knowledge/schemas/identifiers';
import type { IntentClassifier } from '../nlu/intent-classifier';
import { complaintSubject } from '../nlu/role-mentions';
import { DEFAULT_THRESHOLDS, understand, type DecisionThresholds, type Understanding } from '../nlu/understanding';
import { compareCouncils, type CouncilPosition } from './compare-councils';
import { composeReply, type ReplyRequest } from './compose-reply';
import { weighPointEvidence } from './point-evidence';
import { PointIndex, type SavedPointIndex } from './point-index';
import type { QuestionNormaliser } from './question-normaliser';
import type { ReplyModel } from './reply-model';
import { complaintTopicFor, SUBJECT_INTENTS } from './topic-groups';

/** Longest question accepted; longer text is refused rather than truncated. */
export const MAX_QUESTION_LENGTH = 2000;

const HAS_LETTER = /\p{L}/u;

/** The understanding of text with no words in it: decline, suggest nothing. */
const NO_WORDS: Understanding = { intent: null, kind: null, confidence: 1, outOfScope: true, ambiguous: false, alternatives: [], clarify: [] };

/** A question as any channel passes it in. */
export interface Question {
  council?: string | undefined;
  role?: string | undefined;
  question: string;
}

/** What the engine needs; built by the composition root or a test. */
export interface AnswerEngineDeps {
  kb: KnowledgeBase;
  classifier: IntentClassifier;
  defaultCouncil?: string | undefined;
  thresholds?: DecisionThresholds;
  /** Reads councils' synonyms and corrects spelling before classifying (none: the question as typed). */
  normaliser?: QuestionNormaliser;
  /** Working days to acknowledge a complaint where the protocol sets none (SERVICE_STANDARD_WORKING_DAYS). */
  serviceStandardWorkingDays?: number;
  /** Point indexes saved by `npm run build`, used for a council whose data is unchanged since (see PointIndexCache). */
  savedPointIndexes?: { savedFor(council: CouncilKnowledge): SavedPointIndex | undefined } | null;
}

/** The service standard where none is configured (the settings' default). */
const DEFAULT_SERVICE_STANDARD_WORKING_DAYS = 5;

/** The channel-neutral core: validates a question, classifies it, looks it up and composes the reply. */
export class AnswerEngine {
  /** Each council's points, indexed once here: ranking a question reads the index, never builds one. */
  private readonly pointIndexes: ReadonlyMap<string, PointIndex>;

  constructor(private readonly deps: AnswerEngineDeps) {
    this.pointIndexes = new Map(deps.kb.councils().map((council) => [council.profile.id, new PointIndex(council, deps.savedPointIndexes?.savedFor(council))]));
  }

  /** Answers one question; bad input is an AppError with a code, never a crash. */
  ask(input: Question): ReplyModel {
    const councilId = input.council ?? this.deps.defaultCouncil;
    if (!councilId) throw new AppError('bad_request', `no council given and no default set; councils: ${this.deps.kb.councilIds().join(', ')}`);
    const council = this.deps.kb.council(councilId);
    const role = parseRole(input.role ?? 'member');
    const question = typeof input.question === 'string' ? input.question.trim() : '';
    if (question === '') throw new AppError('question_empty', 'the question is empty');
    if (question.length > MAX_QUESTION_LENGTH) {
      throw new AppError('question_too_long', `the question is ${question.length} characters; the limit is ${MAX_QUESTION_LENGTH}`);
    }
    // With no letter in any script there are no words to understand; the classifier's character n-grams would
    // still pick a topic for "2" or "5 5 5", so such text is declined before it gets there.
    const read = this.deps.normaliser ? this.deps.normaliser.normalise(question, council.profile.id) : question;
    const understood = HAS_LETTER.test(question) ? understand(this.deps.classifier, read, this.deps.thresholds ?? DEFAULT_THRESHOLDS) : NO_WORDS;
    // Whom the question is about matters only to complaint answers, and to ranking complaint points when a
    // complaint topic is among the likely ones.
    const complaintLikely = [understood.intent, ...understood.alternatives.map((alt) => alt.intent)].some((id) => id !== null && SUBJECT_INTENTS.has(id));
    const subjectRole = !understood.outOfScope && complaintLikely ? complaintSubject(question, council.profile) : undefined;
    const intent = understood.intent === null ? null : complaintTopicFor(understood.intent, subjectRole);
    const classified = { ...understood, intent, alternatives: understood.alternatives.filter((alt) => alt.intent !== intent) };
    const points = this.pointIndexes.get(council.profile.id) as PointIndex;
    const understanding = weighPointEvidence(classified, points, question, role, subjectRole);
    return composeReply(this.request(council, role, question, understanding, subjectRole));
  }

  /** Answers with one point, as its button asks ("did you mean", related points); an unknown id is `unknown_point`. */
  askPoint(input: { council?: string | undefined; role?: string | undefined; point: string }): ReplyModel {
    const council = this.deps.kb.council(input.council ?? this.deps.defaultCouncil ?? '');
    const point = council.pointById.get(input.point);
    if (!point) throw new AppError('unknown_point', `unknown point "${input.point}" at ${council.profile.id}`);
    const question = point.questions[0] ?? point.id;
    const understanding: Understanding = { intent: point.topic, kind: 'topic', confidence: 1, outOfScope: false, ambiguous: false, alternatives: [], clarify: [] };
    const subjectRole = SUBJECT_INTENTS.has(point.topic) ? complaintSubject(question, council.profile) : undefined;
    return composeReply({ ...this.request(council, parseRole(input.role ?? 'member'), question, understanding, subjectRole), pointId: point.id });
  }

  /** Answers as if the question were about `topicId` ("did you mean" buttons). */
  askTopic(input: { council?: string; role?: string; topic: string; question?: string }): ReplyModel {
    const councilId = input.council ?? this.deps.defaultCouncil ?? '';
    const council = this.deps.kb.council(councilId);
    const topic = this.deps.kb.topic(input.topic);
    if (!topic) throw new AppError('unknown_topic', `unknown topic "${input.topic}"`);
    const question = input.question ?? topic.title;
    const understanding: Understanding = { intent: topic.id, kind: 'topic', confidence: 1, outOfScope: false, ambiguous: false, alternatives: [], clarify: [] };
    return composeReply(this.request(council, parseRole(input.role ?? 'member'), question, understanding, complaintSubject(question, council.profile)));
  }

  private request(council: CouncilKnowledge, role: AskerRole, question: string, understanding: Understanding, subjectRole: SubjectRole | undefined): ReplyRequest {
    return {
      kb: this.deps.kb,
      council,
      role,
      question,
      understanding,
      subjectRole,
      points: this.pointIndexes.get(council.profile.id) as PointIndex,
      serviceStandardWorkingDays: this.deps.serviceStandardWorkingDays ?? DEFAULT_SERVICE_STANDARD_WORKING_DAYS,
    };
  }

  /** Every council's position on a topic, for "how do other councils handle this?". */
  compare(topicId: string): CouncilPosition[] {
    if (!this.deps.kb.topic(topicId)) throw new AppError('unknown_topic', `unknown topic "${topicId}"`);
    return compareCouncils(this.deps.kb, topicId);
  }
}

/** Checks an asker role (CONTRACTS.md: member or officer). */
export function parseRole(role: string): AskerRole {
  if ((ASKER_ROLES as readonly string[]).includes(role)) return role as AskerRole;
  throw new AppError('bad_request', `unknown role "${role}"; roles: ${ASKER_ROLES.join(', ')}`);
}
