import { titleOf, type CouncilKnowledge } from '../knowledge/council-knowledge';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { AskerRole, SubjectRole } from '../knowledge/schemas/identifiers';
import type { Understanding } from '../nlu/understanding';
import { decideComplaintRoute } from '../workflows/complaints/complaint-routing';
import { citeClauses } from './citation';
import { compareCouncils } from './compare-councils';
import { composeConversationReply } from './compose-conversation-reply';
import { describeRoute } from './describe-route';
import type { FollowUp, ReplyModel } from './reply-model';
import { COMPLAINT_TOPICS, DEFAULT_SUBJECT, ESCALATION_CUE } from './topic-groups';
import { theTitle } from '../knowledge/the-title';

/** Everything needed to compose one reply. */
export interface ReplyRequest {
  kb: KnowledgeBase;
  council: CouncilKnowledge;
  role: AskerRole;
  question: string;
  understanding: Understanding;
  /** The role the question is about, if it names one. */
  subjectRole: SubjectRole | undefined;
}

/** A reply with nothing filled in yet, for the composers to complete. */
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
    headline: '',
    doList: [],
    dontList: [],
    contacts: [],
    route: null,
    citations: [],
    elsewhere: [],
    followUps: [],
    alternatives: understanding.alternatives
      .filter((alt) => alt.kind === 'topic')
      .map((alt) => ({ intent: alt.intent, title: request.kb.topic(alt.intent)?.title ?? alt.intent, confidence: round(alt.confidence) })),
  };
}

/** Turns an understood question into the channel-neutral reply: classify → look up → compose. */
export function composeReply(request: ReplyRequest): ReplyModel {
  const { understanding } = request;
  if (understanding.outOfScope || understanding.intent === null) return composeOutOfScopeReply(request);
  if (understanding.kind === 'conversation') return composeConversationReply(request, emptyReply(request));
  return composeTopicReply(request, understanding.intent);
}

function composeOutOfScopeReply(request: ReplyRequest): ReplyModel {
  const reply = emptyReply(request);
  const council = request.council.profile;
  reply.headline =
    `That is outside what I can advise on. I answer questions about how councillors and officers work together under ` +
    `${theTitle(council.protocolTitle)} of ${council.name}: for example briefings for party groups, contact with staff, ` +
    `correspondence, confidentiality, and where to take a complaint.`;
  reply.followUps = exampleQuestions();
  return reply;
}

function composeTopicReply(request: ReplyRequest, topicId: string): ReplyModel {
  const { kb, council, role, question, understanding } = request;
  const reply = emptyReply(request);
  const guidance = council.topics.get(topicId);
  const topicTitle = kb.topic(topicId)?.title ?? topicId;
  const followUps: FollowUp[] = [];

  if (COMPLAINT_TOPICS.has(topicId)) {
    const about: SubjectRole = request.subjectRole ?? DEFAULT_SUBJECT[topicId] ?? 'officer';
    const decision = decideComplaintRoute(council, role, about);
    reply.route = decision;
    const lines = describeRoute(decision, titleOf(council, about), ESCALATION_CUE.test(question));
    reply.headline = lines.join(' ');
    reply.doList = [...decision.notes];
    reply.contacts = [decision.recipient, ...decision.escalation.map(({ role: r, title }) => ({ role: r, title }))];
    reply.citations = citeClauses(council, [...routeClauseIds(council, role, about), ...(guidance?.clauses ?? [])]);
    followUps.push({ kind: 'make-complaint', label: 'Make a complaint', value: about });
  }

  if (guidance?.covered) {
    if (!reply.route) {
      reply.headline = guidance.answer;
      reply.contacts = guidance.contacts.map((r) => ({ role: r, title: titleOf(council, r) }));
      reply.citations = citeClauses(council, guidance.clauses);
    }
    reply.doList.push(...guidance.do);
    reply.dontList.push(...guidance.dont);
  } else if (!reply.route) {
    reply.headline = `The ${council.profile.protocolTitle} of ${council.profile.name} does not cover ${topicTitle.toLowerCase()}.${guidance?.note ? ` ${guidance.note}` : ''}`;
    reply.citations = citeClauses(council, guidance?.clauses ?? []);
    reply.elsewhere = compareCouncils(kb, topicId)
      .filter((position) => position.covered && position.council !== council.profile.id)
      .map(({ council: id, councilName, summary, citations }) => ({ council: id, councilName, summary, citations }));
  }
  if (topicId === 'party-group-briefings') followUps.push({ kind: 'request-briefing', label: 'Request a briefing', value: topicId });
  for (const citation of reply.citations.slice(0, 3)) {
    followUps.unshift({ kind: 'show-clause', label: `Show ${citation.section}`, value: citation.clause });
  }
  followUps.push({ kind: 'compare-councils', label: 'How do other councils handle this?', value: topicId });
  if (understanding.ambiguous) {
    for (const alt of reply.alternatives.slice(0, 1)) followUps.push({ kind: 'did-you-mean', label: `Did you mean: ${alt.title}?`, value: alt.intent });
  }
  reply.followUps = followUps;
  return reply;
}

function routeClauseIds(council: CouncilKnowledge, from: AskerRole, about: SubjectRole): string[] {
  return council.routes.find((route) => route.from === from && route.about === about)?.clauses ?? [];
}

/** Example questions offered when the bot declines or is asked for help. */
export function exampleQuestions(): FollowUp[] {
  return [
    'Can I forward a councillor\'s email to another party?',
    'Who do I complain to about an officer?',
    'Can an officer brief our party group?',
  ].map((question) => ({ kind: 'ask-example' as const, label: question, value: question }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
