import { citeClauses, type Citation } from '../../answer/citation';
import { titleOf, type CouncilKnowledge } from '../../knowledge/council-knowledge';
import type { Party } from '../../knowledge/schemas/party-schema';

/** How one council handles party-group briefings: `etiquette briefing route --json`. */
export interface BriefingRoute {
  council: string;
  requestTo: { role: string; title: string };
  decidedBy: { role: string; title: string };
  alsoAdvised: Array<{ role: string; title: string }>;
  mayDelegate: string | null;
  informOtherGroups: string | null;
  otherGroupsMayRequestSame: string | null;
  nonCouncillorsPresent: { rule: string | null; requiresAgreementOf: { role: string; title: string } | null };
  preElection: { rule: string | null; contact: { role: string; title: string } | null };
  safeguards: Array<{ id: string; text: string; citations: Citation[] }>;
  citations: Citation[];
}

/** The gatekeeper, who is told, and the safeguards of a council's protocol, with citations. */
export function decideBriefingRoute(council: CouncilKnowledge): BriefingRoute {
  const rules = council.briefing;
  const party = (p: Party) => ({ role: p.role, title: titleOf(council, p) });
  const ruleOf = (provision: { applies: boolean; rule: string | null }) => (provision.applies ? provision.rule : null);
  return {
    council: council.profile.id,
    requestTo: party(rules.requestTo),
    decidedBy: party(rules.decidedBy),
    alsoAdvised: rules.alsoAdvised.map(party),
    mayDelegate: ruleOf(rules.mayDelegate),
    informOtherGroups: ruleOf(rules.informOtherGroups),
    otherGroupsMayRequestSame: ruleOf(rules.otherGroupsMayRequestSame),
    nonCouncillorsPresent: {
      rule: ruleOf(rules.nonCouncillorsPresent),
      requiresAgreementOf: rules.nonCouncillorsPresent.applies && rules.nonCouncillorsPresent.requiresAgreementOf ? party(rules.nonCouncillorsPresent.requiresAgreementOf) : null,
    },
    preElection: {
      rule: ruleOf(rules.preElection),
      contact: rules.preElection.applies && rules.preElection.contact ? party(rules.preElection.contact) : null,
    },
    safeguards: rules.safeguards.map((s) => ({ id: s.id, text: s.text, citations: citeClauses(council, s.clauses) })),
    citations: citeClauses(council, [
      ...rules.clauses,
      ...rules.mayDelegate.clauses,
      ...rules.informOtherGroups.clauses,
      ...rules.otherGroupsMayRequestSame.clauses,
      ...rules.nonCouncillorsPresent.clauses,
      ...rules.preElection.clauses,
    ]),
  };
}
