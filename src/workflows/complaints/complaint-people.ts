import type { Directory } from '../../directory/directory';
import { subjectRoleOf } from '../../directory/subject-role-of';
import type { Person } from '../../directory/directory-schema';
import { AppError } from '../../errors/app-error';
import type { SubjectRole } from '../../knowledge/schemas/identifiers';
import type { CaseRecord } from '../../storage/case-store';
import type { RoutingDecision } from './complaint-routing';
import { firstHandler, type ComplaintPeople, type HandlerChoice } from './route-to-people';

/** Who a submission says the complaint is about: a directory person, or someone not listed of a given kind. */
export interface SubjectChoice {
  personId?: string | undefined;
  role?: SubjectRole | undefined;
}

/**
 * The complainant and subject of a new complaint. A directory subject's role follows from the directory, so the
 * route that skips them always knows who they are; nobody can complain about themselves.
 */
export function peopleOfSubmission(directory: Directory, council: string, complainantId: string, subject: SubjectChoice): ComplaintPeople {
  const complainant = directory.person(council, complainantId);
  if (subject.personId === undefined) {
    return { council, complainant, complainantId, subject: { person: undefined, role: subject.role as SubjectRole } };
  }
  const person = directory.person(council, subject.personId);
  if (!person)
    throw new AppError('bad_request', `subject.personId: nobody "${subject.personId.slice(0, 80)}" is in the directory at ${council}; choose someone listed, or "someone not listed"`, [
      `subject.personId: choose someone listed, or "someone not listed"`,
    ]);
  if (person.id === complainantId) throw new AppError('bad_request', 'subject.personId: you cannot make a complaint about yourself', ['subject.personId: you cannot make a complaint about yourself']);
  return { council, complainant, complainantId, subject: { person, role: subjectRoleOf(person) } };
}

/** The people of a stored case. */
export function peopleOfCase(directory: Directory, record: CaseRecord): ComplaintPeople {
  const person = record.subjectPersonId ? directory.person(record.council, record.subjectPersonId) : undefined;
  return {
    council: record.council,
    complainant: directory.person(record.council, record.openedBy),
    complainantId: record.openedBy,
    subject: { person, role: (record.subjectRole ?? 'officer') as SubjectRole },
  };
}

/**
 * Who finds the right handler for someone not listed, or takes a complaint no level of its route can: the
 * Monitoring Officer, else the head of paid service, else the chair of the council (who hears complaints about
 * the head of paid service where the protocol names anyone).
 */
const ASSIGNER_ROLES: readonly string[] = ['monitoring-officer', 'chief-executive', 'chair'];

/**
 * The person who takes a complaint about someone the directory does not list, to say who it is about and where it
 * goes, rather than the route guessing: never the complainant, nor (for "the clerk" or "the chief executive")
 * the head of paid service. Null when the council has nobody to do it.
 */
export function assignerFor(directory: Directory, people: ComplaintPeople, titleOf: (role: string) => string): HandlerChoice | null {
  const skipped: HandlerChoice['skipped'] = [];
  for (const role of ASSIGNER_ROLES) {
    const holders = directory.holders(people.council, role);
    // "Someone not listed" who is the head of paid service cannot be placed by the head of paid service.
    const person = holders.find(
      (p: Person) => p.id !== people.complainantId && p.id !== people.subject.person?.id && !(people.subject.role === 'chief-executive' && subjectRoleOf(p) === 'chief-executive'),
    );
    if (person) return { person, party: { role, title: titleOf(role) }, level: -1, skipped };
    skipped.push({
      title: titleOf(role),
      reason: holders.length ? 'it would go to the person making the complaint, or to someone of the kind it is about' : 'the directory names nobody in this role',
    });
  }
  return null;
}

/**
 * The handler of a complaint about a directory person: the route's first level anyone eligible holds; where
 * exclusion leaves no level, the person responsible for the protocol (see `assignerFor`), so a complaint about
 * the one person a route names still reaches someone, and never them.
 */
export function handlerFor(directory: Directory, decision: RoutingDecision, people: ComplaintPeople, titleOf: (role: string) => string): HandlerChoice | null {
  const routed = firstHandler(directory, decision, people);
  if (routed) return routed;
  const fallback = assignerFor(directory, people, titleOf);
  if (!fallback) return null;
  const passedOver = [decision.recipient, ...decision.escalation].map((party) => ({
    title: party.title,
    reason: 'nobody eligible holds it (it would reach the person the complaint is about, or the complainant)',
  }));
  return { ...fallback, skipped: [...passedOver, ...fallback.skipped] };
}
