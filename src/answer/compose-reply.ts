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
  return new Reply(request, { headline: '', doList: [], dontList: [], contacts: [], route: null, citations: [], elsewhere: [], followUps: [] }, undefined);
}

/**
 * A reply as the composers make it. The cached body it was made from, if any, is kept in a private field: not a
 * property, so neither enumerable nor copied, and channels and JSON never see it. (A symbol property defined on each
 * reply cost ~0.2 µs, as much as the rest of making one; a WeakMap from reply to body made every young-generation
 * collection ten times slower under load.) Its fields are ReplyModel's, by the interface of the same name.
 */
interface Reply extends ReplyModel {}
class Reply {
  readonly #composedFrom: ReplyBody | undefined;

  /** `body`'s lists are taken as they are: callers pass lists the reply may own. */
  constructor(request: ReplyRequest, body: ReplyBody, composedFrom: ReplyBody | undefined) {
    const { council, role, understanding } = request;
    this.council = council.profile.id;
    this.councilName = council.profile.name;
    this.role = role;
    this.intent = understanding.intent;
    this.topicTitle = understanding.intent ? (request.kb.topic(understanding.intent)?.title ?? null) : null;
    this.confidence = round(understanding.confidence);
    this.outOfScope = understanding.outOfScope;
    this.headline = body.headline;
    this.doList = body.doList;
    this.dontList = body.dontList;
    this.contacts = body.contacts;
    this.route = body.route;
    this.citations = body.citations;
    this.elsewhere = body.elsewhere;
    this.followUps = body.followUps;
    this.alternatives = understanding.alternatives
      .filter((alt) => alt.kind === 'topic')
      .map((alt) => ({ intent: alt.intent, title: request.kb.topic(alt.intent)?.title ?? alt.intent, confidence: round(alt.confidence) }));
    this.#composedFrom = composedFrom;
  }

  /** The cached body `reply` was made from, if it is a reply made from one. */
  static composedFrom(reply: ReplyModel): ReplyBody | undefined {
    return #composedFrom in reply ? (reply as Reply).#composedFrom : undefined;
  }
}

/** Turns an understood question into the channel-neutral reply: classify → look up → compose. */
export function composeReply(request: ReplyRequest): ReplyModel {
  const { understanding } = request;
  if (understanding.outOfScope || understanding.intent === null) return fromCachedBody(request, 'declined', () => composeOutOfScopeBody(request));
  if (understanding.kind === 'conversation') {
    // a conversation reply follows from the council, the intent and, for "start a complaint", whom it is about
    const key = `conversation|${understanding.intent}|${request.subjectRole ?? ''}`;
    return fromCachedBody(request, key, () => bodyOf(composeConversationReply(request, emptyReply(request))));
  }
  return composeTopicReply(request, understanding.intent);
}

function composeOutOfScopeBody(request: ReplyRequest): ReplyBody {
  const council = request.council.profile;
  return {
    ...bodyOf(emptyReply(request)),
    headline:
      `That is outside what I can advise on. I answer questions about how councillors and officers work together under ` +
      `${theTitle(council.protocolTitle)} of ${council.name}: for example briefings for party groups, contact with staff, ` +
      `correspondence, confidentiality, and where to take a complaint.`,
    followUps: exampleQuestions(),
  };
}

/**
 * The parts of a reply that follow from the council, the kind of reply and, for a topic, the asker's role, the
 * topic and, for a complaint, whom it is about and whether the asker is escalating: everything but the
 * confidence and "did you mean".
 */
export type ReplyBody = Pick<ReplyModel, 'headline' | 'doList' | 'dontList' | 'contacts' | 'route' | 'citations' | 'elsewhere' | 'followUps'>;

function bodyOf(reply: ReplyModel): ReplyBody {
  const { headline, doList, dontList, contacts, route, citations, elsewhere, followUps } = reply;
  return { headline, doList, dontList, contacts, route, citations, elsewhere, followUps };
}

/**
 * Reply bodies, composed once per council and key: the knowledge base never changes once loaded, and the keys
 * are few (roles × topics × subjects × escalating, and the conversation intents), so the cache is bounded by the
 * protocol, not by the questions.
 */
const replyBodies = new WeakMap<CouncilKnowledge, Map<string, ReplyBody>>();

/**
 * The cached, frozen body a reply was composed from, if it was. The reply holds copies of the body's lists (with
 * the same frozen items), so a caller that changed the reply since can tell by comparing them.
 */
export function replyBodyOf(reply: ReplyModel): ReplyBody | undefined {
  return Reply.composedFrom(reply);
}

/** A reply made from the council's cached body for `key` (composed now if it is the first). */
function fromCachedBody(request: ReplyRequest, key: string, compose: () => ReplyBody): ReplyModel {
  let bodies = replyBodies.get(request.council);
  if (!bodies) replyBodies.set(request.council, (bodies = new Map()));
  let body = bodies.get(key);
  if (!body) bodies.set(key, (body = deepFreeze(compose())));
  return new Reply(
    request,
    {
      headline: body.headline,
      doList: [...body.doList],
      dontList: [...body.dontList],
      contacts: [...body.contacts],
      route: body.route,
      citations: [...body.citations],
      elsewhere: [...body.elsewhere],
      followUps: [...body.followUps],
    },
    body,
  );
}

function composeTopicReply(request: ReplyRequest, topicId: string): ReplyModel {
  const { council, role, question, understanding } = request;
  const complaint = COMPLAINT_TOPICS.has(topicId);
  const about: SubjectRole = request.subjectRole ?? DEFAULT_SUBJECT[topicId] ?? 'officer';
  const escalating = complaint && ESCALATION_CUE.test(question);
  const key = complaint ? `topic|${role}|${topicId}|${about}|${escalating ? 'escalating' : 'first'}` : `topic|${role}|${topicId}`;
  const reply = fromCachedBody(request, key, () => composeTopicBody(request.kb, council, role, topicId, about, escalating));
  if (understanding.ambiguous) {
    for (const alt of reply.alternatives.slice(0, 1)) reply.followUps.push({ kind: 'did-you-mean', label: `Did you mean: ${alt.title}?`, value: alt.intent });
  }
  return reply;
}

function composeTopicBody(kb: KnowledgeBase, council: CouncilKnowledge, role: AskerRole, topicId: string, about: SubjectRole, escalating: boolean): ReplyBody {
  const body: ReplyBody = { headline: '', doList: [], dontList: [], contacts: [], route: null, citations: [], elsewhere: [], followUps: [] };
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

/** Freezes a cached body all the way down, so no reply that shares its parts can change it for the next. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
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
