import { titleOf, type CouncilKnowledge } from '../knowledge/council-knowledge';
import { pointAnswerFor } from '../knowledge/points';
import type { SubjectRole } from '../knowledge/schemas/identifiers';
import type { KnowledgePoint } from '../knowledge/schemas/point-schema';
import { theTitle } from '../knowledge/the-title';
import type { Understanding } from '../nlu/understanding';
import { decideComplaintRoute } from '../workflows/complaints/complaint-routing';
import { citeClauses, type Citation } from './citation';
import { choosePoint, topicWeights, type PointChoice } from './choose-point';
import { compareCouncils } from './compare-councils';
import { firstSentences, MAX_LEAD, pointLabel, withClause } from './compose-lead';
import type { ReplyRequest } from './compose-reply';
import { emptyReply } from './compose-reply';
import { describeRoute } from './describe-route';
import type { FollowUp, ReplyModel } from './reply-model';
import { COMPLAINT_TOPICS, DEFAULT_SUBJECT, ESCALATION_CUE } from './topic-groups';

/** Buttons offered for a topic's points when none of them fits the question. */
const TOPIC_POINT_BUTTONS = 5;

/**
 * A reply on a topic: the point that answers the question leads, with its clause; the topic's guidance (or, for
 * a complaint, its route), what to do, whom to contact, the clauses' words and related points follow behind "More".
 */
export function composeTopicReply(request: ReplyRequest, classifiedTopic: string): ReplyModel {
  const choice = request.pointId !== undefined ? pressedPoint(request) : choosePoint(request.points, request.question, topicWeights(request.understanding), request.role, request.subjectRole);
  const topicId = choice.best?.point.topic ?? classifiedTopic;
  const reply = emptyReply({ ...request, understanding: retopic(request.understanding, topicId) });
  const more = composeMore(request, topicId);
  Object.assign(reply, more.parts);
  const followUps: FollowUp[] = [];
  const best = choice.best?.point;
  if (best) {
    reply.point = best.id;
    reply.citations = citeClauses(request.council, [...best.clauses, ...more.parts.citations.map((citation) => citation.clause)]);
    reply.lead = withClause(pointAnswerFor(best, request.role), reply.citations[0]);
    if (choice.closeSecond) followUps.push({ kind: 'did-you-mean-point', label: `Did you mean: ${lowerFirst(pointLabel(choice.closeSecond))}`, value: choice.closeSecond.id });
    for (const point of neighbours(request, best, choice)) followUps.push({ kind: 'related-point', label: pointLabel(point), value: point.id });
  } else if (request.points.pointsOf(topicId, request.role).length > 0) {
    const topicTitle = request.kb.topic(topicId)?.title ?? topicId;
    reply.lead = `None of the points ${theTitle(request.council.profile.protocolTitle)} makes on ${topicTitle.toLowerCase()} answers that directly: choose the one you mean below.`;
    for (const point of request.points.pointsOf(topicId, request.role).slice(0, TOPIC_POINT_BUTTONS)) followUps.push({ kind: 'related-point', label: pointLabel(point), value: point.id });
  } else {
    // a topic the council's points do not reach: its guidance's first sentences lead
    reply.lead = more.fallbackLead.citation ? withClause(more.fallbackLead.text, more.fallbackLead.citation) : firstSentences(more.fallbackLead.text, MAX_LEAD);
  }
  if (!choice.closeSecond && request.understanding.ambiguous && request.pointId === undefined) {
    const alt = reply.alternatives[0];
    if (alt) followUps.unshift({ kind: 'did-you-mean', label: `Did you mean: ${alt.title}?`, value: alt.intent });
  }
  // one button a paragraph: "Show 13" twice, for two sentences of section 13, would read as a mistake
  const shown = new Set<string>();
  for (const citation of reply.citations.slice(0, 3)) {
    if (shown.has(citation.section)) continue;
    shown.add(citation.section);
    followUps.push({ kind: 'show-clause', label: `Show ${citation.section}`, value: citation.clause });
  }
  reply.followUps = [...followUps, ...more.parts.followUps];
  return reply;
}

/** The choice when a point's button was pressed: that point, if the council has it. */
function pressedPoint(request: ReplyRequest): PointChoice {
  const point = request.pointId === undefined ? undefined : request.council.pointById.get(request.pointId);
  return { best: point ? { point, score: 1 } : null, closeSecond: null, neighbours: [] };
}

/** The understanding re-pointed at the topic of the chosen point, where that is one of the runners-up. */
function retopic(understanding: Understanding, topicId: string): Understanding {
  if (understanding.intent === topicId) return understanding;
  const chosen = understanding.alternatives.find((alt) => alt.intent === topicId);
  const classified = understanding.intent === null || understanding.kind === null ? [] : [{ intent: understanding.intent, kind: understanding.kind, confidence: understanding.confidence }];
  return {
    ...understanding,
    intent: topicId,
    kind: 'topic',
    confidence: chosen?.confidence ?? understanding.confidence,
    ambiguous: false,
    alternatives: [...classified, ...understanding.alternatives.filter((alt) => alt.intent !== topicId)],
  };
}

/**
 * The next best points of the chosen one's topic, then its other points in file order, for follow-up buttons; a
 * point whose button would read the same as one already offered (the member's and the officer's "who do I
 * complain to about the Town Clerk?") is left out.
 */
function neighbours(request: ReplyRequest, best: KnowledgePoint, choice: PointChoice): KnowledgePoint[] {
  const taken = new Set<KnowledgePoint>([best, ...(choice.closeSecond ? [choice.closeSecond] : [])]);
  const labels = new Set([...taken].map((point) => pointLabel(point).toLowerCase()));
  const out: KnowledgePoint[] = [];
  for (const point of [...choice.neighbours, ...request.points.pointsOf(best.topic, request.role)]) {
    if (out.length >= 3) break;
    const label = pointLabel(point).toLowerCase();
    if (taken.has(point) || labels.has(label)) continue;
    taken.add(point);
    labels.add(label);
    out.push(point);
  }
  return out;
}

/** What goes behind "More", and what leads when no point reaches the topic. */
interface MoreParts {
  parts: Pick<ReplyModel, 'summary' | 'doList' | 'dontList' | 'contacts' | 'route' | 'citations' | 'elsewhere' | 'followUps'>;
  fallbackLead: { text: string; citation: Citation | undefined };
}

function composeMore(request: ReplyRequest, topicId: string): MoreParts {
  const { council, role, kb } = request;
  const guidance = council.topics.get(topicId);
  const topicTitle = kb.topic(topicId)?.title ?? topicId;
  const parts: MoreParts['parts'] = { summary: '', doList: [], dontList: [], contacts: [], route: null, citations: [], elsewhere: [], followUps: [] };
  if (COMPLAINT_TOPICS.has(topicId)) {
    const about: SubjectRole = request.subjectRole ?? DEFAULT_SUBJECT[topicId] ?? 'officer';
    const decision = decideComplaintRoute(council, role, about);
    const sentences = describeRoute(council, role, about, { escalationFirst: ESCALATION_CUE.test(request.question), serviceStandardWorkingDays: request.serviceStandardWorkingDays });
    parts.route = decision;
    parts.summary = sentences.join(' ');
    // a silent route's one note is the fallback its sentences already give
    parts.doList = decision.protocolSpeaks ? [...decision.notes] : [];
    // the topic's own "do" list names the steps of every route, so only its "don't" list comes along
    parts.dontList = guidance?.covered ? [...guidance.dont] : [];
    parts.contacts = [decision.recipient, ...decision.escalation.map(({ role: r, title }) => ({ role: r, title }))];
    parts.citations = citeClauses(council, [...routeClauseIds(council, role, about), ...(guidance?.clauses ?? [])]);
    parts.followUps.push({ kind: 'make-complaint', label: 'Make a complaint', value: about });
    parts.followUps.push({ kind: 'compare-councils', label: 'How do other councils handle this?', value: topicId });
    return { parts, fallbackLead: { text: sentences[0] ?? '', citation: parts.citations[0] } };
  }
  let fallbackLead: MoreParts['fallbackLead'];
  if (guidance?.covered) {
    parts.summary = guidance.answer;
    parts.doList = [...guidance.do];
    parts.dontList = [...guidance.dont];
    parts.contacts = guidance.contacts.map((r) => ({ role: r, title: titleOf(council, r) }));
    parts.citations = citeClauses(council, guidance.clauses);
    fallbackLead = { text: guidance.answer, citation: parts.citations[0] };
  } else {
    const notCovered = `The ${council.profile.protocolTitle} of ${council.profile.name} does not cover ${topicTitle.toLowerCase()}.`;
    // a point may still speak to an uncovered topic from a neighbouring clause; the note says where to look
    parts.summary = guidance?.note ?? '';
    parts.citations = citeClauses(council, guidance?.clauses ?? []);
    parts.elsewhere = compareCouncils(kb, topicId)
      .filter((position) => position.covered && position.council !== council.profile.id)
      .map(({ council: id, councilName, summary, citations }) => ({ council: id, councilName, summary, citations }));
    fallbackLead = { text: notCovered, citation: undefined };
  }
  if (topicId === 'party-group-briefings') parts.followUps.push({ kind: 'request-briefing', label: 'Request a briefing', value: topicId });
  parts.followUps.push({ kind: 'compare-councils', label: 'How do other councils handle this?', value: topicId });
  return { parts, fallbackLead };
}

function routeClauseIds(council: CouncilKnowledge, from: ReplyRequest['role'], about: SubjectRole): string[] {
  return council.routes.find((route) => route.from === from && route.about === about)?.clauses ?? [];
}

/** "Who do I…" as it reads after "Did you mean:", leaving "I" and names capitalised. */
function lowerFirst(text: string): string {
  return /^(I\b|[A-Z]{2})/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}
