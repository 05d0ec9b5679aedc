import { AppError } from '../errors/app-error';
import type { CaseKind, CaseRecord } from '../storage/case-store';
import type { WorkflowDeps } from './workflow-deps';

/** True when `personId` already filed the submission with this idempotency key (a retry opens nothing). */
export async function alreadyReceived(deps: Pick<WorkflowDeps, 'store'>, idempotencyKey: string, personId: string): Promise<boolean> {
  return (await deps.store.findByIdempotencyKey(idempotencyKey))?.openedBy === personId;
}

/**
 * The case a repeated idempotency key found, if it is the same submission again: the submitter's own, of the
 * same kind, with the same content. Anything else is refused and audited, and nothing is lost: someone else's key
 * must not hand over their case, and new words under an old key must not vanish into the first case.
 */
export async function sameSubmission(
  deps: Pick<WorkflowDeps, 'store' | 'clock'>,
  existing: CaseRecord,
  submission: { personId: string; kind: CaseKind; hash: string },
  action: string,
): Promise<CaseRecord> {
  const audit = (detail: string) => deps.store.appendAudit({ reference: existing.reference, actor: submission.personId, action, detail, at: deps.clock.now().toISOString() });
  if (existing.openedBy !== submission.personId) {
    await audit("reused the idempotency key of another person's case");
    throw new AppError('not_permitted', 'that submission id is already in use; please fill in the form again');
  }
  if (existing.kind !== submission.kind) {
    await audit(`reused the idempotency key of a ${existing.kind} for a ${submission.kind}`);
    throw new AppError(
      'idempotency_conflict',
      `that form was already used for ${existing.kind === 'complaint' ? 'a complaint' : 'a briefing request'} (${existing.reference}); nothing new was filed. Please open a new form.`,
    );
  }
  if (existing.submissionHash !== null && existing.submissionHash !== submission.hash) {
    await audit('reused the idempotency key with different content');
    throw new AppError('idempotency_conflict', `that form was already sent as ${existing.reference}, with different words; the new words were not filed. Please open a new form to send them.`);
  }
  return existing;
}
