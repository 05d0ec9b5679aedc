import { isAppError } from '../errors/app-error';
import type { CaseRecord } from '../storage/case-store';
import { peopleNamedBy, pseudonymisedLine } from './audit-pseudonyms';
import { closeInactiveCases } from './close-by-age';
import type { WorkflowDeps } from './workflow-deps';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What one retention pass did, by case reference. */
export interface RetentionPass {
  /** Closed (or withdrawn, delivered, declined) longer than the retention period: purged. */
  purged: string[];
  /** Open with nothing happening for the retention period: closed by age, purged a retention period later. */
  closedByAge: string[];
  /** Past retention but under a legal hold: kept as they are. */
  held: string[];
  /** Cases the pass could not work on, with the error code: the rest went on, and the next pass tries again. */
  skipped: Array<{ reference: string; code: string }>;
}

/**
 * The retention rule, once a day:
 * 1. A case closed (closed, withdrawn, or for briefings delivered or declined) more than `retentionDays` ago is
 *    purged: see `purgeCase`.
 * 2. A case still open on which nothing has happened for `retentionDays` (no state change, no message) is closed
 *    by age: typically a complaint left "escalated" at the protocol's last level, which no one can move on, or a
 *    briefing request never decided or delivered. Its people are told, and it is purged like any other closed
 *    case a retention period later, leaving time to place a legal hold.
 * A case under a legal hold (placed by the Monitoring Officer) is neither closed by age nor purged until released.
 */
export async function runRetention(deps: WorkflowDeps, retentionDays: number): Promise<RetentionPass> {
  const purging = await purgeCases(deps, retentionDays);
  const closing = await closeInactiveCases(deps, retentionDays);
  return { purged: purging.purged, closedByAge: closing.closed, held: purging.held, skipped: [...purging.skipped, ...closing.skipped] };
}

/** Purges closed cases older than the retention period (held ones are kept); returns the references purged. */
export async function purgeExpiredCases(deps: WorkflowDeps, retentionDays: number): Promise<string[]> {
  return (await purgeCases(deps, retentionDays)).purged;
}

async function purgeCases(deps: WorkflowDeps, retentionDays: number): Promise<Pick<RetentionPass, 'purged' | 'held' | 'skipped'>> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const pass: Pick<RetentionPass, 'purged' | 'held' | 'skipped'> = { purged: [], held: [], skipped: [] };
  for (const record of await deps.store.listClosedBefore(cutoff)) {
    if (record.legalHoldAt) {
      pass.held.push(record.reference);
      continue;
    }
    try {
      if (await purgeCase(deps, record.reference, cutoff, now, retentionDays)) pass.purged.push(record.reference);
    } catch (error) {
      const code = isAppError(error) ? error.code : 'internal_error';
      pass.skipped.push({ reference: record.reference, code });
      deps.logger.error({ reference: record.reference, code }, 'retention could not purge this case; carrying on with the others');
    }
  }
  if (pass.purged.length > 0) {
    try {
      await deps.store.scrubDeleted();
    } catch (error) {
      deps.logger.warn({ code: isAppError(error) ? error.code : 'internal_error' }, 'purged rows could not be scrubbed from the write-ahead log yet; the next pass tries again');
    }
  }
  return pass;
}

/**
 * Forgets one case, in one transaction: its row (content, parties, copies) and its messages (deleted with it by
 * the foreign key's cascade), every outbox notification about it, and in its audit lines every person: actors
 * become their part in the case and details that could name someone are removed. What remains is one "purged"
 * line saying a case of this kind existed, when it opened and closed, and the pseudonymised history. Nothing here
 * decrypts the case, so a case whose content cannot be read is purged like any other.
 */
function purgeCase(deps: WorkflowDeps, reference: string, cutoff: string, now: Date, retentionDays: number): Promise<boolean> {
  const { store } = deps;
  return store.transaction(async (tx) => {
    // Read again under the write lock: a hold placed since the list was read keeps the case.
    const record = await tx.getCase(reference);
    if (!record || !record.closedAt || record.closedAt >= cutoff || record.legalHoldAt) return false;
    const lines = await tx.listAudit(reference);
    const people = peopleNamedBy(record, lines);
    await tx.deleteCase(reference);
    await tx.deleteOutboxFor(reference);
    await tx.appendAudit({ reference, actor: 'system', action: 'purged', detail: existenceRecord(record, retentionDays), at: now.toISOString() });
    for (const line of lines) {
      if (line.id === undefined || line.action === 'purged' || line.actor.startsWith('purged:')) continue;
      const kept = pseudonymisedLine(record, line, people, deps.directory);
      if (kept.actor !== line.actor || kept.detail !== line.detail) await tx.pseudonymiseAuditLine(line.id, kept.actor, kept.detail);
    }
    return true;
  });
}

/** What the "purged" line keeps: kind, council, dates and final state; no person. */
function existenceRecord(record: CaseRecord, retentionDays: number): string {
  return `${record.kind} at ${record.council}, opened ${record.createdAt.slice(0, 10)}, ${record.state} ${String(record.closedAt).slice(0, 10)}; purged after ${retentionDays} days`;
}
