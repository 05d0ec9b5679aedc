import type { AuditRecord, CaseParty, CaseRecord } from '../storage/case-store';
import type { Directory } from '../directory/directory';

/** The words an audit line's detail becomes when it might name someone (the database accepts only these). */
export const REMOVED_DETAIL = 'removed at purge';

/** The pseudonyms the database lets a purged case's audit actor become: their part in the case, never who. */
export type AuditPseudonym = 'purged:complainant' | 'purged:subject' | 'purged:handler' | 'purged:copy' | 'purged:person' | 'system';

/**
 * Details that cannot name anyone, kept through a purge so the history still reads: a state change
 * ("submitted -> acknowledged"), the part someone read or wrote as ("as handler", "from complainant").
 */
const SAFE_DETAIL = /^(?:[a-z]+(?:-[a-z]+)* -> [a-z]+(?:-[a-z]+)*|as [a-z]+(?:-[a-z]+)*|from [a-z]+(?:-[a-z]+)*)$/;

/** The people of a case: everyone its row names (parties only if its JSON still reads) and every actor of its lines. */
export function peopleNamedBy(record: CaseRecord, lines: readonly AuditRecord[]): Set<string> {
  const ids = new Set<string>([record.openedBy, record.handlerId]);
  if (record.subjectPersonId) ids.add(record.subjectPersonId);
  if (record.assignedTo) ids.add(record.assignedTo);
  if (record.legalHoldBy) ids.add(record.legalHoldBy);
  for (const party of partiesOf(record)) ids.add(party.personId);
  for (const line of lines) if (line.actor !== 'system') ids.add(line.actor);
  return ids;
}

/** Copies and informed parties; a row whose JSON does not read gives none (its people are still pseudonymised as "person"). */
function partiesOf(record: CaseRecord): CaseParty[] {
  try {
    const parsed: unknown = JSON.parse(record.partiesJson);
    return Array.isArray(parsed) ? (parsed as CaseParty[]).filter((p) => typeof p?.personId === 'string') : [];
  } catch {
    return [];
  }
}

/** The pseudonym an actor of a purged case gets: the part they had in it, as far as the row still says. */
export function pseudonymFor(record: CaseRecord, actor: string): AuditPseudonym {
  if (actor === 'system') return 'system';
  if (actor === record.openedBy) return 'purged:complainant';
  if (actor === record.subjectPersonId) return 'purged:subject';
  if (actor === record.handlerId) return 'purged:handler';
  if (partiesOf(record).some((p) => p.personId === actor)) return 'purged:copy';
  return 'purged:person';
}

/**
 * An audit line of a purged case as it is kept: the actor pseudonymised, the detail kept only when it has the
 * shape of a state change or a party word and contains none of the case's people (ids or directory names).
 */
export function pseudonymisedLine(record: CaseRecord, line: AuditRecord, people: ReadonlySet<string>, directory: Directory): { actor: AuditPseudonym; detail: string } {
  const names = [...people].flatMap((id) => [id, directory.person(record.council, id)?.name ?? '']).filter((n) => n.length > 0);
  const lower = line.detail.toLowerCase();
  const safe = SAFE_DETAIL.test(line.detail) && !names.some((n) => lower.includes(n.toLowerCase()));
  return { actor: pseudonymFor(record, line.actor), detail: safe ? line.detail : REMOVED_DETAIL };
}
