import { AppError } from '../errors/app-error';
import { titleOf } from '../knowledge/council-knowledge';
import { theTitle } from '../knowledge/the-title';
import type { CaseRecord, CaseStore } from '../storage/case-store';
import { referenceText } from './case-reference';
import type { WorkflowDeps } from './workflow-deps';

/** The directory role that alone may place and lift legal holds. */
export const LEGAL_HOLD_ROLE = 'monitoring-officer';

/** A case's legal hold as people see it. */
export interface LegalHoldStatus {
  reference: string;
  held: boolean;
  /** Who placed it (directory id and name), when and why; null once released. */
  placedBy: { personId: string; name: string | null } | null;
  placedAt: string | null;
  reason: string | null;
}

const MAX_REASON = 500;

/**
 * Legal holds: a case (complaint or briefing) the council must keep, for a claim, an investigation or a
 * request by a regulator, is neither closed by age nor purged while held. Only the council's Monitoring
 * Officer (the `monitoring-officer` role in the directory) may place or lift one; each hold, release and refusal
 * is an audit line saying who, when and why. People on the case are not told: a hold may itself be confidential.
 */
export class LegalHolds {
  constructor(private readonly deps: WorkflowDeps) {}

  /** Places a hold on `reference` for `personId` (the Monitoring Officer), with a reason; refused if already held. */
  async place(reference: string, personId: string, reason: string): Promise<LegalHoldStatus> {
    const why = reason.trim();
    if (why === '' || why.length > MAX_REASON) throw new AppError('bad_request', `give the reason for the legal hold (1 to ${MAX_REASON} characters)`);
    const now = this.deps.clock.now().toISOString();
    await this.mustBeMonitoringOfficer(await this.load(this.deps.store, reference), personId, 'legal-hold', now);
    return this.deps.store.transaction(async (tx) => {
      const record = await this.load(tx, reference);
      if (record.legalHoldAt) throw new AppError('invalid_transition', `${reference} is already under a legal hold, placed on ${record.legalHoldAt.slice(0, 10)}`);
      await tx.setLegalHold(reference, { by: personId, at: now, reason: why });
      await tx.appendAudit({ reference, actor: personId, action: 'legal-hold', detail: `placed: ${why}`, at: now });
      return this.statusOf({ ...record, legalHoldBy: personId, legalHoldAt: now, legalHoldReason: why });
    });
  }

  /** Lifts the hold on `reference`: from the next retention pass it is closed by age or purged like any other. */
  async release(reference: string, personId: string, reason = ''): Promise<LegalHoldStatus> {
    const why = reason.trim();
    if (why.length > MAX_REASON) throw new AppError('bad_request', `the reason may have at most ${MAX_REASON} characters`);
    const now = this.deps.clock.now().toISOString();
    await this.mustBeMonitoringOfficer(await this.load(this.deps.store, reference), personId, 'legal-hold-release', now);
    return this.deps.store.transaction(async (tx) => {
      const record = await this.load(tx, reference);
      if (!record.legalHoldAt) throw new AppError('invalid_transition', `${reference} is not under a legal hold`);
      await tx.setLegalHold(reference, null);
      await tx.appendAudit({ reference, actor: personId, action: 'legal-hold-released', detail: why ? `released: ${why}` : 'released', at: now });
      return this.statusOf({ ...record, legalHoldBy: null, legalHoldAt: null, legalHoldReason: null });
    });
  }

  private async load(store: CaseStore, reference: string): Promise<CaseRecord> {
    const record = await store.getCase(reference);
    if (record) return record;
    const purged = (await store.listAudit(reference)).find((line) => line.action === 'purged');
    throw new AppError(
      'case_not_found',
      purged ? `${referenceText(reference)} was purged on ${purged.at.slice(0, 10)}; nothing of it is left to hold` : `there is no case ${referenceText(reference)}`,
    );
  }

  /** Refuses (and audits the attempt by) anyone who is not a Monitoring Officer of the case's council. */
  private async mustBeMonitoringOfficer(record: CaseRecord, personId: string, attempted: string, now: string): Promise<void> {
    // A Monitoring Officer the complaint is about decides nothing on it (and is not told more by the refusal).
    const subject = record.subjectPersonId !== null && personId === record.subjectPersonId;
    if (!subject && this.deps.directory.person(record.council, personId)?.roles.includes(LEGAL_HOLD_ROLE)) return;
    const title = this.deps.kb.hasCouncil(record.council) ? titleOf(this.deps.kb.council(record.council), LEGAL_HOLD_ROLE) : 'Monitoring Officer';
    await this.deps.store.appendAudit({
      reference: record.reference,
      actor: personId.slice(0, 100),
      action: `refused:${attempted}`,
      detail: subject ? 'the subject of the case' : 'not the Monitoring Officer',
      at: now,
    });
    throw new AppError('not_permitted', `only ${theTitle(title)} can place or lift a legal hold on ${record.reference}`);
  }

  private statusOf(record: CaseRecord): LegalHoldStatus {
    const by = record.legalHoldBy ?? null;
    return {
      reference: record.reference,
      held: record.legalHoldAt != null,
      placedBy: by ? { personId: by, name: this.deps.directory.person(record.council, by)?.name ?? null } : null,
      placedAt: record.legalHoldAt ?? null,
      reason: record.legalHoldReason ?? null,
    };
  }
}
