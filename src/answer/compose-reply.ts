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
  const council = request.council.profile;
  const reply = emptyReply(request);
  reply.headline =
    `That is outside what I can advise on. I answer questions about how councillors and officers work together under ` +
    `${theTitle(council.protocolTitle)} of ${council.name}: for example briefings for party groups, contact with staff, ` +
    `correspondence, confidentiality, and where to take a complaint.`;
  reply.followUps = exampleQuestions();
  return reply;
}

function composeTopicReply(request: ReplyRequest, topicId: string): ReplyModel {
  const { council, role, question, understanding } = request;
  const complaint = COMPLAINT_TOPICS.has(topicId);
  const about: SubjectRole = request.subjectRole ?? DEFAULT_SUBJECT[topicId] ?? 'officer';
  const escalating = complaint && ESCALATION_CUE.test(question);
  const reply = { ...emptyReply(request), ...composeTopicBody(request.kb, council, role, topicId, about, escalating) };
  if (understanding.ambiguous) {
    for (const alt of reply.alternatives.slice(0, 1)) reply.followUps.push({ kind: 'did-you-mean', label: `Did you mean: ${alt.title}?`, value: alt.intent });
  }
  return reply;
}

/** The parts of a topic reply that follow from the council, the asker's role, the topic and, for a complaint, its subject. */
type TopicBody = Pick<ReplyModel, 'headline' | 'doList' | 'dontList' | 'contacts' | 'route' | 'citations' | 'elsewhere' | 'followUps'>;

function composeTopicBody(kb: KnowledgeBase, council: CouncilKnowledge, role: AskerRole, topicId: string, about: SubjectRole, escalating: boolean): TopicBody {
  const body: TopicBody = { headline: '', doList: [], dontList: [], contacts: [], route: null, citations: [], elsewhere: [], followUps: [] };
  const guidance = council.topics.get(topicId);
  const topicTitle = kb.topic(topicId)?.title ?? topicId;
  const followUps: FollowUp[] = [];

  if (COMPLAINT_TOPICS.has(topicId)) {
    const decision = decideComplaintRoute(council, role, about);
    body.route = decision;
    body.headline = describeRoute(decision, titleOf(council, about), escalating).join(' ');
    body.doList = [...decision.notes];
    body.contacts = [decision.recipient, ...decision.escalation.map(({ role: r, title }) => ({ role: r, title }))];
    body.citations = citeClauses(council, [...routeClauseIds(council, role, about), ...(guidance?.clauses ?? [])]);
    followUps.push({ kind: 'make-complaint', label: 'Make a complaint', value: about });
  }

  if (guidance?.covered) {
    if (!body.route) {
      body.headline = guidance.answer;
      body.contacts = guidance.contacts.map((r) => ({ role: r, title: titleOf(council, r) }));
      body.citations = citeClauses(council, guidance.clauses);
    }
    body.doList.push(...guidance.do);
    body.dontList.push(...guidance.dont);
  } else if (!body.route) {
    body.headline = `The ${council.profile.protocolTitle} of ${council.profile.name} does not cover ${topicTitle.toLowerCase()}.${guidance?.note ? ` ${guidance.note}` : ''}`;
    body.citations = citeClauses(council, guidance?.clauses ?? []);
    body.elsewhere = compareCouncils(kb, topicId)
      .filter((position) => position.covered && position.council !== council.profile.id)
      .map(({ council: id, councilName, summary, citations }) => ({ council: id, councilName, summary, citations }));
  }
  if (topicId === 'party-group-briefings') followUps.push({ kind: 'request-briefing', label: 'Request a briefing', value: topicId });
  for (const citation of body.citations.slice(0, 3)) {
    followUps.unshift({ kind: 'show-clause', label: `Show ${citation.section}`, value: citation.clause });
  }
  followUps.push({ kind: 'compare-councils', label: 'How do other councils handle this?', value: topicId });
  body.followUps = followUps;
  return body;
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
