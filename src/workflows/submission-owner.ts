import { AppError } from '../errors/app-error';
import type { CaseRecord } from '../storage/case-store';
import type { WorkflowDeps } from './workflow-deps';

/** True when `personId` already filed the submission with this idempotency key (a retry opens nothing). */
export function alreadyReceived(deps: Pick<WorkflowDeps, 'store'>, idempotencyKey: string, personId: string): boolean {
  return deps.store.findByIdempotencyKey(idempotencyKey)?.openedBy === personId;
}

/**
 * The case a repeated idempotency key found, if it is the submitter's own. Keys come from clients (web forms,
 * Teams card data), so someone else's key must not hand over their case's reference and handler: refused, and
 * the attempt audited under `action` (`refused:open`, `refused:request`).
 */
export function ownSubmission(deps: Pick<WorkflowDeps, 'store' | 'clock'>, existing: CaseRecord, personId: string, action: string): CaseRecord {
  if (existing.openedBy === personId) return existing;
  deps.store.appendAudit({ reference: existing.reference, actor: personId, action, detail: "reused the idempotency key of another person's case", at: deps.clock.now().toISOString() });
  throw new AppError('not_permitted', 'that submission id is already in use; please fill in the form again');
}
