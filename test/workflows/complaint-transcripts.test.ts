import { purgeExpiredCases } from '../../src/workflows/case-retention';
import { runComplaintDeadlines } from '../../src/workflows/complaints/complaint-deadlines';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import type { Notification, Recipient } from '../../src/workflows/notifications';
import { workflowHarness } from '../support/workflow-harness';

interface Transcript {
  council: string;
  complainant: string;
  subject: { role: 'officer'; department?: string };
  firstHandler: string;
  escalatedTo: string;
  deadlineSource: 'protocol' | 'service-standard';
}

// A member complains about an officer on Thursday 27 August 2026. Five working days run over the August bank
// holiday weekend (Mon 31 Aug) to Friday 4 September; the reminder falls on Thursday 3 September.
const TRANSCRIPTS: Transcript[] = [
  { council: 'london-councils', complainant: 'lc-member', subject: { role: 'officer', department: 'Services' }, firstHandler: 'lc-director-services', escalatedTo: 'lc-ceo', deadlineSource: 'protocol' },
  { council: 'lydney', complainant: 'ly-member', subject: { role: 'officer' }, firstHandler: 'ly-clerk', escalatedTo: 'ly-chairman', deadlineSource: 'service-standard' },
  { council: 'council-2016', complainant: 'c16-member', subject: { role: 'officer', department: 'Planning' }, firstHandler: 'c16-co-planning', escalatedTo: 'c16-exec-dir', deadlineSource: 'service-standard' },
  { council: 'district-code', complainant: 'dc-member', subject: { role: 'officer', department: 'Environment' }, firstHandler: 'dc-exec-head-env', escalatedTo: 'dc-ceo', deadlineSource: 'service-standard' },
  { council: 'rushcliffe', complainant: 'rb-member', subject: { role: 'officer', department: 'Neighbourhoods' }, firstHandler: 'rb-director-neigh', escalatedTo: 'rb-ceo', deadlineSource: 'service-standard' },
];

const DESCRIPTION = 'The officer ignored four emails about the Brook Lane flooding and then hung up on me.';

describe.each(TRANSCRIPTS)('a complaint at $council, from opening to closure', (t) => {
  const { deps, clock, store } = workflowHarness('2026-08-27T10:00:00Z');
  const service = new ComplaintService(deps);
  const outbox = () => store.pendingOutbox('9999', 1000).map((item) => ({ to: JSON.parse(item.recipientJson) as Recipient, n: JSON.parse(item.payloadJson) as Notification }));
  let reference = '';

  it('routes to the person the protocol names, with the deadline over the bank holiday weekend', () => {
    const receipt = service.open({
      idempotencyKey: `transcript-${t.council}`,
      council: t.council,
      complainant: { personId: t.complainant, role: 'member' },
      subject: t.subject,
      description: DESCRIPTION,
      triedInformally: 'Spoke to the team leader.',
      desiredOutcome: 'An apology and a reply.',
    });
    reference = receipt.reference;
    expect(receipt.state).toBe('submitted');
    expect(deps.directory.person(t.council, t.firstHandler)?.name).toBe(receipt.handler.name);
    expect(receipt.acknowledgeBy).toBe('2026-09-04');
    expect(receipt.deadlineSource).toBe(t.deadlineSource);
  });

  it('tells HR the reference, route and deadline, but not who complained or what they said', () => {
    const hr = outbox().filter((item) => item.to.kind === 'hr');
    expect(hr).toHaveLength(1);
    const text = JSON.stringify(hr);
    expect(text).toContain(reference);
    expect(text).toContain('2026-09-04');
    expect(text).not.toContain('Brook Lane');
    expect(text).not.toContain(t.complainant);
    expect(outbox().some((item) => item.to.kind === 'person' && item.to.personId === t.firstHandler && item.n.kind === 'case-assigned')).toBe(true);
  });

  it('reminds the handler once, on the working day before the deadline', () => {
    clock.set('2026-09-02T08:00:00Z');
    expect(runComplaintDeadlines(deps, service).reminders).toEqual([]);
    clock.set('2026-09-03T08:00:00Z');
    expect(runComplaintDeadlines(deps, service).reminders).toEqual([reference]);
    expect(runComplaintDeadlines(deps, service).reminders).toEqual([]);
    const reminders = outbox().filter((item) => item.n.kind === 'deadline-reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.to).toEqual({ kind: 'person', council: t.council, personId: t.firstHandler });
  });

  it('refuses a transition the complainant may not make, and changes nothing', () => {
    expect(() => service.act(reference, t.complainant, 'acknowledge')).toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect(() => service.act(reference, 'someone-else', 'withdraw')).toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect(store.getCase(reference)?.state).toBe('submitted');
    expect(store.listAudit(reference).map((a) => a.action)).toEqual(expect.arrayContaining(['refused:acknowledge', 'refused:withdraw']));
  });

  it('escalates the breach once, to the next level the protocol gives', () => {
    clock.set('2026-09-05T09:00:00Z');
    expect(runComplaintDeadlines(deps, service).escalations).toEqual([reference]);
    expect(runComplaintDeadlines(deps, service).escalations).toEqual([]);
    const record = store.getCase(reference);
    expect(record?.state).toBe('escalated');
    expect(record?.handlerId).toBe(t.escalatedTo);
    expect(record?.ackDeadline).toBe('2026-09-11');
    expect(outbox().some((item) => item.to.kind === 'person' && item.to.personId === t.escalatedTo && item.n.kind === 'case-assigned')).toBe(true);
  });

  it('lets the new handler acknowledge, talk with the complainant, and record an outcome', () => {
    clock.set('2026-09-07T09:00:00Z');
    expect(service.act(reference, t.escalatedTo, 'acknowledge')).toBe('acknowledged');
    expect(() => service.view(reference, t.firstHandler)).toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect(() => service.act(reference, t.escalatedTo, 'close')).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    service.message(reference, t.escalatedTo, 'Could you send me the dates of the emails?');
    service.message(reference, t.complainant, '3, 10, 17 and 24 August.');
    expect(service.act(reference, t.escalatedTo, 'start-investigation')).toBe('investigating');
    expect(service.act(reference, t.escalatedTo, 'record-outcome', { outcome: 'Upheld: you will receive a written apology.', investigationNotes: 'Officer was on leave; cover arrangements failed.' })).toBe('outcome-recorded');
  });

  it('tells the complainant the outcome but not the investigation detail', () => {
    const mine = service.view(reference, t.complainant);
    expect(mine.outcome).toBe('Upheld: you will receive a written apology.');
    expect(mine).not.toHaveProperty('investigationNotes');
    expect(mine.messages.map((m) => m.from)).toEqual(['handler', 'complainant']);
    expect(service.view(reference, t.escalatedTo).investigationNotes).toMatch(/cover arrangements/);
  });

  it('closes, refuses messages afterwards, and keeps a full audit trail', () => {
    expect(service.act(reference, t.complainant, 'close')).toBe('closed');
    expect(() => service.message(reference, t.complainant, 'one more thing')).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    const actions = store.listAudit(reference).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['opened', 'reminder', 'escalate', 'acknowledge', 'message', 'read', 'start-investigation', 'record-outcome', 'close']));
    expect(JSON.stringify(store.listAudit(reference))).not.toContain('Brook Lane');
  });

  it('purges the closed case after the retention period, leaving a record that it did', () => {
    clock.set('2028-09-10T09:00:00Z');
    expect(purgeExpiredCases(deps, 730)).toEqual([reference]);
    expect(store.getCase(reference)).toBeUndefined();
    expect(store.listMessages(reference)).toEqual([]);
    expect(store.listAudit(reference).at(-1)?.action).toBe('purged');
  });
});
