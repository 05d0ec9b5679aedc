import type { CaseRecord, CaseStore } from '../storage/case-store';

/**
 * Applies `patch` to a case inside a transaction only if the case is still exactly as `seen` (same state and same
 * last change), so a step decided on what someone saw is refused when another step got there first, even one that
 * left the state as it was (an escalation from "escalated", an assignment from "submitted"): two instances' deadline
 * passes, or a complainant and the scheduler at the same moment, never both escalate. Read under the transaction's
 * lock (PostgreSQL locks the row; SQLite's write transaction is exclusive).
 */
export async function updateUnchanged(tx: CaseStore, seen: CaseRecord, patch: Partial<Omit<CaseRecord, 'reference' | 'kind'>>): Promise<boolean> {
  const current = await tx.getCase(seen.reference);
  if (!current || WATCHED.some((field) => current[field] !== seen[field])) return false;
  return tx.updateCase(seen.reference, seen.state, patch);
}

/** What a step's decision rests on: two steps in the same millisecond still differ in where the case now is. */
const WATCHED = ['state', 'updatedAt', 'handlerId', 'escalationLevel', 'assignedTo', 'subjectPersonId', 'ackDeadline', 'reminderSentFor', 'breachEscalatedFor'] as const;
