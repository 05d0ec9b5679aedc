import { titleOf } from '../knowledge/council-knowledge';
import { citeClauses } from './citation';
import { exampleQuestions, type ReplyRequest } from './compose-reply';
import type { ReplyModel } from './reply-model';
import { theTitle } from '../knowledge/the-title';

/** Replies to greetings, help, thanks and the workflow requests (complaint, briefing, case status). */
export function composeConversationReply(request: ReplyRequest, reply: ReplyModel): ReplyModel {
  const { council } = request;
  const profile = council.profile;
  switch (request.understanding.intent) {
    case 'thanks':
      reply.lead = 'You are welcome. Ask me anything else about working with councillors and officers.';
      break;
    case 'start-complaint':
      reply.lead =
        `I can open a private complaint for you. It goes to the person ${theTitle(profile.protocolTitle)} names, ` +
        'and only the people who need to know will see it. Choose "Make a complaint" to start.';
      reply.followUps = [{ kind: 'make-complaint', label: 'Make a complaint', value: request.subjectRole ?? '' }];
      return reply;
    case 'request-briefing': {
      const rules = council.briefing;
      reply.lead = `Ask ${theTitle(titleOf(council, rules.requestTo))}; ${theTitle(titleOf(council, rules.decidedBy))} decides. ` + 'Choose "Request a briefing" to send the request.';
      reply.contacts = [rules.requestTo, rules.decidedBy].map((party) => ({ role: party.role, title: titleOf(council, party) }));
      reply.citations = citeClauses(council, rules.clauses);
      reply.followUps = [{ kind: 'request-briefing', label: 'Request a briefing', value: 'party-group-briefings' }];
      return reply;
    }
    case 'check-my-case':
      reply.lead = 'Your open complaints and briefing requests are listed under "My cases" in the app, each with its reference and state.';
      return reply;
    default:
      reply.lead =
        `Hello. I advise councillors and officers of ${profile.name} on how they work together, from the ` +
        `${profile.protocolTitle}: ask me a question in your own words, and I will answer with the paragraph I rely on.`;
  }
  reply.followUps = exampleQuestions();
  return reply;
}
