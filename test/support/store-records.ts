import { randomBytes } from 'node:crypto';
import type { CaseRecord, OutboxRecord } from '../../src/storage/case-store';

/** A name no other test uses, so tests sharing one database never see each other's rows. */
export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** A complaint as a store keeps it (sealed content stands in as opaque text), with a fresh reference and key. */
export function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    reference: unique('C'),
    kind: 'complaint',
    council: unique('council'),
    state: 'submitted',
    idempotencyKey: unique('key'),
    openedBy: unique('member'),
    openedByRole: 'member',
    subjectRole: 'officer',
    subjectPersonId: null,
    handlerId: unique('handler'),
    handlerRole: 'monitoring-officer',
    assignedTo: null,
    routeJson: '{"route":"test"}',
    escalationLevel: 0,
    ackDeadline: '2026-03-10',
    deadlineSource: 'protocol',
    reminderSentFor: null,
    breachEscalatedFor: null,
    contentEnc: 'v1:sealed-content',
    partiesJson: '[]',
    submissionHash: 'hash',
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

/** A notification ready to enqueue, due at `nextAttemptAt`. */
export function notification(reference: string, overrides: Partial<OutboxRecord> = {}): Omit<OutboxRecord, 'id' | 'sentAt' | 'attempts' | 'lastError' | 'deliveredVia'> {
  return {
    dedupeKey: unique('notice'),
    reference,
    recipientJson: '{"personId":"handler"}',
    kind: 'case-opened',
    payloadJson: '{}',
    createdAt: '2026-03-02T09:00:00.000Z',
    nextAttemptAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  };
}
