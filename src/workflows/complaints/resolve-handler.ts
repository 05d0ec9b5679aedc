import type { Directory } from '../../directory/directory';
import type { Person } from '../../directory/directory-schema';
import type { RoutedParty, RoutingDecision } from './complaint-routing';

/** Who handles a case at a level of the route, and which steps were passed over and why. */
export interface HandlerResolution {
  person: Person;
  party: RoutedParty;
  /** 0 is the route's recipient; 1, 2 … its escalation steps. */
  level: number;
  skipped: Array<{ title: string; reason: string }>;
}

/** The ladder of a route: the recipient (or an alternative the protocol allows), then each escalation step. */
export function routeLadder(decision: RoutingDecision): RoutedParty[][] {
  return [[decision.recipient, ...decision.alternatives], ...decision.escalation.map(({ role, title }) => [{ role, title }])];
}

/**
 * Resolves the handler at `fromLevel` or the first level above it that someone holds, never the person the
 * complaint is about: if the route would reach them, it moves on, and says why. Null when no level is left.
 */
export function resolveHandler(
  directory: Directory,
  council: string,
  decision: RoutingDecision,
  subject: { personId?: string | null; department?: string | null },
  fromLevel: number,
  complainantId?: string,
): HandlerResolution | null {
  const ladder = routeLadder(decision);
  const skipped: HandlerResolution['skipped'] = [];
  const complainant = complainantId === undefined ? undefined : directory.person(council, complainantId);
  // "The relevant Chief Officer" is the subject's; "your director" (an officer complaining) is the complainant's.
  const department = subject.department ?? complainant?.department;
  for (let level = fromLevel; level < ladder.length; level += 1) {
    for (const party of ladder[level] ?? []) {
      const ownManager = party.role === 'line-manager' && complainant?.lineManager ? directory.person(council, complainant.lineManager) : undefined;
      const holders = ownManager ? [ownManager] : directory.holders(council, party.role, department ?? undefined);
      const eligible = holders.filter((person) => person.id !== subject.personId);
      const chosen = eligible[0];
      if (chosen) return { person: chosen, party, level, skipped };
      skipped.push({
        title: party.title,
        reason: holders.length > 0 ? 'it would go to the person the complaint is about' : 'the directory names nobody in this role',
      });
    }
  }
  return null;
}
