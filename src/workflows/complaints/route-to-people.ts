import type { Directory } from '../../directory/directory';
import { sameName } from '../../directory/directory';
import type { Person } from '../../directory/directory-schema';
import type { EscalationTrigger } from '../../knowledge/schemas/complaint-route-schema';
import type { SubjectRole } from '../../knowledge/schemas/identifiers';
import type { RoutedParty, RoutingDecision } from './complaint-routing';

/** The two people a complaint is between; the subject may be someone the directory does not list. */
export interface ComplaintPeople {
  council: string;
  complainant: Person | undefined;
  complainantId: string;
  subject: { person: Person | undefined; role: SubjectRole };
}

/** One place on a route resolved to a person of the directory, or to nobody with the reason. */
export interface ResolvedParty extends RoutedParty {
  person: { id: string; name: string } | null;
  note?: string;
}

/** Who handles a case at a level of the route, and the places passed over on the way, with why. */
export interface HandlerChoice {
  person: Person;
  party: RoutedParty;
  /** 0 is the route's recipient; 1, 2 … its escalation steps. */
  level: number;
  skipped: Array<{ title: string; reason: string }>;
}

/** One level of the ladder: the parties that may take the case there, and what may start that level. */
interface Rung {
  parties: RoutedParty[];
  on: EscalationTrigger[] | null;
}

/** The ladder of a route: the recipient (or an alternative the protocol allows), then each escalation step. */
function ladderOf(decision: RoutingDecision): Rung[] {
  return [{ parties: [decision.recipient, ...decision.alternatives], on: null }, ...decision.escalation.map((step) => ({ parties: [{ role: step.role, title: step.title }], on: step.on }))];
}

const OFFICER_SUBJECTS: readonly SubjectRole[] = ['officer', 'chief-officer'];
const MEMBER_SUBJECTS: readonly SubjectRole[] = ['member', 'group-leader', 'chair'];

/**
 * The people holding `role` who could act on this complaint, before anyone is excluded. "The relevant Chief
 * Officer" and "the officer's director" belong to the department of the officer involved (the subject when an
 * officer is complained about, else the complainant); "your line manager" is the officer's own; "the Party Group
 * Leader" is the leader of the councillor's group. Never another department's or group's holder as a guess.
 */
function holdersFor(directory: Directory, people: ComplaintPeople, role: string): Person[] {
  const officer = OFFICER_SUBJECTS.includes(people.subject.role) ? people.subject.person : people.complainant;
  const councillor = MEMBER_SUBJECTS.includes(people.subject.role) ? people.subject.person : people.complainant;
  if (role === 'line-manager' && officer?.lineManager) {
    const manager = directory.person(people.council, officer.lineManager);
    if (manager) return [manager];
  }
  if (role === 'group-leader') {
    const group = councillor?.group;
    return directory.holders(people.council, role).filter((p) => sameName(p.group, group));
  }
  return directory.holders(people.council, role, officer?.department);
}

/** Why nobody may take a place: the subject holds it, the complainant does, or nobody does. */
function whyNobody(holders: Person[], people: ComplaintPeople, excluded: ReadonlySet<string>): string {
  if (holders.length === 0) return 'the directory names nobody in this role';
  if (people.subject.person && holders.some((p) => p.id === people.subject.person?.id)) return 'it would go to the person the complaint is about';
  if (holders.some((p) => p.id === people.complainantId)) return 'it would go to the person making the complaint';
  if (holders.every((p) => excluded.has(p.id))) return 'it would go back to someone who already has the case';
  return 'nobody eligible holds this role';
}

/** The first holder of a place who is neither the subject, nor the complainant, nor in `alsoExclude`. */
function eligible(directory: Directory, people: ComplaintPeople, party: RoutedParty, alsoExclude: ReadonlySet<string>): { person: Person } | { reason: string } {
  const holders = holdersFor(directory, people, party.role);
  const person = holders.find((p) => p.id !== people.subject.person?.id && p.id !== people.complainantId && !alsoExclude.has(p.id));
  return person ? { person } : { reason: whyNobody(holders, people, alsoExclude) };
}

/**
 * The handler when the case opens: the recipient (or an alternative), and where exclusion leaves nobody there,
 * the next level up, whatever starts it. Null when no level has anyone eligible.
 */
export function firstHandler(directory: Directory, decision: RoutingDecision, people: ComplaintPeople): HandlerChoice | null {
  return climb(directory, decision, people, -1, null, new Set());
}

/**
 * The handler after `fromLevel` when `trigger` starts an escalation: the next level that trigger may start,
 * held by someone new (never the subject, the complainant, or anyone in `alreadyHad`). A level kept for when the
 * one before it is `unavailable` counts only after a level with nobody eligible. Null when none is left.
 */
export function nextHandler(
  directory: Directory,
  decision: RoutingDecision,
  people: ComplaintPeople,
  fromLevel: number,
  trigger: EscalationTrigger,
  alreadyHad: ReadonlySet<string>,
): HandlerChoice | null {
  return climb(directory, decision, people, fromLevel, trigger, alreadyHad);
}

function climb(directory: Directory, decision: RoutingDecision, people: ComplaintPeople, fromLevel: number, trigger: EscalationTrigger | null, alreadyHad: ReadonlySet<string>): HandlerChoice | null {
  const ladder = ladderOf(decision);
  const skipped: HandlerChoice['skipped'] = [];
  let previousEmpty = false;
  for (let level = fromLevel + 1; level < ladder.length; level += 1) {
    const rung = ladder[level] as Rung;
    const startsHere = trigger === null || rung.on === null || rung.on.includes(trigger) || (previousEmpty && rung.on.includes('unavailable'));
    if (!startsHere) continue;
    for (const party of rung.parties) {
      const found = eligible(directory, people, party, alreadyHad);
      if ('person' in found) return { person: found.person, party, level, skipped };
      skipped.push({ title: party.title, reason: found.reason });
    }
    previousEmpty = true;
  }
  return null;
}

/**
 * Everyone the protocol copies or informs, resolved to people: never the subject or the complainant, and not the
 * handler again (who has the case already). Nobody eligible is said, with why.
 */
export function resolveCopies(directory: Directory, decision: RoutingDecision, people: ComplaintPeople, handlerId: string | null): Array<ResolvedParty & { kind: 'copy' | 'informed' }> {
  const exclude = new Set(handlerId ? [handlerId] : []);
  return decision.copies.map(({ informed, ...party }) => {
    const kind = informed ? ('informed' as const) : ('copy' as const);
    const found = eligible(directory, people, party, exclude);
    return 'person' in found ? { ...party, kind, person: { id: found.person.id, name: found.person.name } } : { ...party, kind, person: null, note: `nobody is told: ${found.reason}` };
  });
}

/**
 * The whole route with a person at each place (CONTRACTS.md `etiquette route --complainant --subject`): the
 * handler `first` (as the case would open), each escalation level as its own trigger would reach it, and the
 * copies. The subject is never a `person` anywhere in it.
 */
export function routeWithPeople(
  directory: Directory,
  decision: RoutingDecision,
  people: ComplaintPeople,
  first: HandlerChoice | null,
): { recipient: ResolvedParty; escalation: Array<ResolvedParty & { when: string }>; copies: Array<ResolvedParty & { kind: 'copy' | 'informed' }>; skipped: HandlerChoice['skipped'] } {
  const recipient: ResolvedParty = first
    ? {
        role: first.party.role,
        title: first.party.title,
        person: { id: first.person.id, name: first.person.name },
        ...(first.level !== 0 ? { note: `the recipient the protocol names was passed over: ${first.skipped.map((s) => `${s.title}, ${s.reason}`).join('; ')}` } : {}),
      }
    : { ...decision.recipient, person: null, note: 'nobody in the directory can take this complaint' };
  const had = new Set(first ? [first.person.id] : []);
  const escalation = decision.escalation.map((step, index) => {
    const level = index + 1;
    if (first && (level <= first.level || first.level < 0)) return { role: step.role, title: step.title, when: step.when, person: null, note: 'passed over when the case opened' };
    const found = eligible(directory, people, step, had);
    return 'person' in found
      ? { role: step.role, title: step.title, when: step.when, person: { id: found.person.id, name: found.person.name } }
      : { role: step.role, title: step.title, when: step.when, person: null, note: found.reason };
  });
  return { recipient, escalation, copies: resolveCopies(directory, decision, people, first?.person.id ?? null), skipped: first?.skipped ?? [] };
}
