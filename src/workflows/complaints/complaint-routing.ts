import { citeClauses } from '../../answer/citation';
import { routeFor, titleOf, type CouncilKnowledge } from '../../knowledge/council-knowledge';
import type { EscalationTrigger } from '../../knowledge/schemas/complaint-route-schema';
import type { AskerRole, SubjectRole } from '../../knowledge/schemas/identifiers';
import type { Party } from '../../knowledge/schemas/party-schema';

/** A role resolved to the council's own title. */
export interface RoutedParty {
  role: string;
  title: string;
}

/** Where a complaint goes (CONTRACTS.md "Routing decision"), with extra fields a person needs. */
export interface RoutingDecision {
  id?: string;
  council: string;
  from: AskerRole;
  about: SubjectRole;
  /** False where the protocol does not speak to this pair and the recipient is the fallback it gives. */
  protocolSpeaks: boolean;
  recipient: RoutedParty;
  alternatives: RoutedParty[];
  /** Sent a copy, or (`informed`) told a complaint was made without its content; titles of the latter end "(informed)". */
  copies: Array<RoutedParty & { informed: boolean }>;
  informalFirst: string | null;
  acknowledgeWithinWorkingDays: number | null;
  /** The levels above the recipient, each with what may start it (`on`). */
  escalation: Array<RoutedParty & { when: string; on: EscalationTrigger[] }>;
  notes: string[];
  citations: Array<{ council: string; section: string; title: string; quote: string }>;
}

/** Decides where a complaint from `from` about `about` goes at this council, in its own titles. */
export function decideComplaintRoute(council: CouncilKnowledge, from: AskerRole, about: SubjectRole): RoutingDecision {
  const route = routeFor(council, from, about);
  const party = (p: Party): RoutedParty => ({ role: p.role, title: titleOf(council, p) });
  const citations = citeClauses(council, route.clauses).map(({ council: c, section, title, quote }) => ({ council: c, section, title, quote }));
  if (!route.protocolSpeaks) {
    return {
      council: council.profile.id,
      from,
      about,
      protocolSpeaks: false,
      recipient: party(route.fallback),
      alternatives: [],
      copies: [],
      informalFirst: null,
      acknowledgeWithinWorkingDays: route.acknowledgeWithinWorkingDays,
      escalation: [],
      notes: [`The protocol does not say where this complaint goes. ${route.fallbackReason}`],
      citations,
    };
  }
  return {
    council: council.profile.id,
    from,
    about,
    protocolSpeaks: true,
    recipient: party(route.recipient),
    alternatives: route.alternatives.map(party),
    copies: [...route.copies.map((p) => ({ ...party(p), informed: false })), ...route.informed.map((p) => ({ role: p.role, title: `${titleOf(council, p)} (informed)`, informed: true }))],
    informalFirst: route.informalFirst,
    acknowledgeWithinWorkingDays: route.acknowledgeWithinWorkingDays,
    // A step the protocol keeps for other subjects (Lydney's Chairman, only for the Town Clerk) is not on this route.
    escalation: route.escalation.filter((step) => !step.onlyIfSubject || step.onlyIfSubject.includes(about)).map((step) => ({ ...party(step), when: step.when, on: step.on })),
    notes: route.notes,
    citations,
  };
}
