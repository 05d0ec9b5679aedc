import type { CouncilKnowledge } from '../knowledge/council-knowledge';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { AskerRole, SubjectRole } from '../knowledge/schemas/identifiers';
import { theTitle } from '../knowledge/the-title';
import type { Understanding } from '../nlu/understanding';
import { composeClarifyReply } from './compose-clarify-reply';
import { composeConversationReply } from './compose-conversation-reply';
import { composeTopicReply } from './compose-topic-reply';
import type { PointIndex } from './point-index';
import type { FollowUp, ReplyModel } from './reply-model';

/** Everything needed to compose one reply. */
export interface ReplyRequest {
  kb: KnowledgeBase;
  council: CouncilKnowledge;
  role: AskerRole;
  question: string;
  understanding: Understanding;
  /** The role the question is about, if it names one. */
  subjectRole: SubjectRole | undefined;
  /** The council's points, indexed once when the engine was built. */
  points: PointIndex;
  /** Working days to acknowledge a complaint where the protocol sets none (the council's practice). */
  serviceStandardWorkingDays: number;
  /** Lead with this point instead of ranking (a point's button was pressed). */
  pointId?: string | undefined;
}

/** A reply with nothing filled in yet, for the composers to complete: a plain object each time. */
export function emptyReply(request: ReplyRequest): ReplyModel {
  const { council, role, understanding } = request;
  return {
    council: council.profile.id,
    councilName: council.profile.name,
    role,
    intent: understanding.intent,
    topicTitle: understanding.intent ? (request.kb.topic(understanding.intent)?.title ?? null) : null,
    confidence: round(understanding.confidence),
    outOfScope: understanding.outOfScope,
    lead: '',
    point: null,
    clarify: null,
    summary: '',
    doList: [],
    dontList: [],
    contacts: [],
    route: null,
    citations: [],
    elsewhere: [],
    followUps: [],
    alternatives: understanding.alternatives
      .filter((alt) => alt.kind === 'topic' && alt.intent !== understanding.intent)
      .map((alt) => ({ intent: alt.intent, title: request.kb.topic(alt.intent)?.title ?? alt.intent, confidence: round(alt.confidence) })),
  };
}

/** Turns an understood question into the channel-neutral reply: classify → choose the point → compose. */
export function composeReply(request: ReplyRequest): ReplyModel {
  const { understanding } = request;
  if (understanding.outOfScope || understanding.intent === null) return composeOutOfScopeReply(request);
  if (understanding.kind === 'conversation') return composeConversationReply(request, emptyReply(request));
  if (understanding.clarify.length > 1 && request.pointId === undefined) {
    const asking = composeClarifyReply(request);
    if (asking) return asking;
  }
  return composeTopicReply(request, understanding.intent);
}

function composeOutOfScopeReply(request: ReplyRequest): ReplyModel {
  const council = request.council.profile;
  const reply = emptyReply(request);
  reply.lead =
    `That is outside what I can advise on. I answer questions about how councillors and officers work together under ` +
    `${theTitle(council.protocolTitle)} of ${council.name}: for example briefings for party groups, contact with staff, ` +
    `correspondence, confidentiality, and where to take a complaint.`;
  reply.followUps = exampleQuestions();
  return reply;
}

/** Example questions offered when the bot declines or is asked for help. */
export function exampleQuestions(): FollowUp[] {
  return ["Can I forward a councillor's email to another party?", 'Who do I complain to about an officer?', 'Can an officer brief our party group?'].map((question) => ({
    kind: 'ask-example' as const,
    label: question,
    value: question,
  }));
}

/** A probability as replies carry it: to the thousandth. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
