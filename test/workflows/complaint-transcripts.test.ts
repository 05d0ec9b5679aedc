import { BriefingService } from '../../src/workflows/briefings/briefing-service';
import { purgeExpiredCases } from '../../src/workflows/case-retention';
import { runComplaintDeadlines } from '../../src/workflows/complaints/complaint-deadlines';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import type { Notification, Recipient } from '../../src/workflows/notifications';
import { queuedNotifications } from '../support/queued-notifications';
import { workflowHarness } from '../support/workflow-harness';

interface Transcript {
  council: string;
  complainant: string;
  /** The officer complained about, from the example directory. */
  subject: string;
  firstHandler: string;
  deadlineSource: 'protocol' | 'service-standard';
  /** Where "not satisfied" takes the case, level by level, until the protocol gives no further level. */
  notSatisfied: string[];
  /** Where the handler may pass it on (the protocol's "refer it to"), if anywhere. */
  passOn: string | null;
}

// A member complains about an officer on Thursday 27 August 2026. Five working days run over the August bank
// holiday weekend (Mon 31 Aug) to Friday 4 September; the reminder falls on Thursday 3 September.
const TRANSCRIPTS: Transcript[] = [
  { council: 'london-councils', complainant: 'lc-member', subject: 'lc-officer-2', firstHandler: 'lc-director-services', deadlineSource: 'protocol', notSatisfied: ['lc-ceo'], passOn: null },
  // The Chairman step is only for complaints about the Town Clerk, so a complaint about staff goes to the
  // Personnel Committee when the member is not satisfied, and never on the service standard's clock.
  { council: 'lydney', complainant: 'ly-member', subject: 'ly-officer', firstHandler: 'ly-clerk', deadlineSource: 'service-standard', notSatisfied: ['ly-personnel'], passOn: 'ly-personnel' },
  { council: 'council-2016', complainant: 'c16-member', subject: 'c16-officer', firstHandler: 'c16-co-housing', deadlineSource: 'service-standard', notSatisfied: [], passOn: 'c16-exec-dir' },
  { council: 'district-code', complainant: 'dc-member', subject: 'dc-officer', firstHandler: 'dc-exec-head-env', deadlineSource: 'service-standard', notSatisfied: ['dc-ceo'], passOn: null },
  { council: 'rushcliffe', complainant: 'rb-member', subject: 'rb-officer', firstHandler: 'rb-director-neigh', deadlineSource: 'service-standard', notSatisfied: ['rb-ceo', 'rb-mo'], passOn: 'rb-mo' },
];

const DESCRIPTION = 'The officer ignored four emails about the Brook Lane flooding and then hung up on me.';

/** A fresh case for the transcript, opened on Thursday 27 August 2026 at 10:00. */
async function opened(t: Transcript) {
  const harness = workflowHarness('2026-08-27T10:00:00Z');
  const service = new ComplaintService(harness.deps);
  const receipt = await service.open({
    idempotencyKey: `transcript-${t.council}`,
    council: t.council,
    complainant: { personId: t.complainant, role: 'member' },
    subject: { personId: t.subject },
    description: DESCRIPTION,
    triedInformally: 'Spoke to the team leader.',
    desiredOutcome: 'An apology and a reply.',
  });
  const outbox = async () => (await queuedNotifications(harness.store)).map((item) => ({ to: JSON.parse(item.recipientJson) as Recipient, n: JSON.parse(item.payloadJson) as Notification }));
  const to = async (personId: string, kind?: string) => (await outbox()).filter((item) => item.to.kind === 'person' && item.to.personId === personId && (kind === undefined || item.n.kind === kind));
  return { ...harness, service, receipt, reference: receipt.reference, outbox, to };
}

describe.each(TRANSCRIPTS)('a complaint at $council about an officer, on the deadline clock', (t) => {
  it('routes to the person the protocol names, with the deadline over the bank holiday weekend', async () => {
    const { receipt, deps } = await opened(t);
    expect(receipt.state).toBe('submitted');
    expect(receipt.handler.name).toBe(deps.directory.person(t.council, t.firstHandler)?.name);
    expect(receipt.acknowledgeBy).toBe('2026-09-04');
    expect(receipt.deadlineSource).toBe(t.deadlineSource);
  });

  it('sends one receipt (the return value) and no "received" notice, and nothing at all to the subject', async () => {
    const { outbox, to } = await opened(t);
    expect((await outbox()).filter((item) => item.n.kind === 'case-received')).toEqual([]);
    expect(await to(t.subject)).toEqual([]);
    expect(await to(t.firstHandler, 'case-assigned')).toHaveLength(1);
  });

  it('tells HR the reference, route and deadline, but not who complained or what they said', async () => {
    const { outbox, reference } = await opened(t);
    const hr = (await outbox()).filter((item) => item.to.kind === 'hr');
    expect(hr).toHaveLength(1);
    const text = JSON.stringify(hr);
    expect(text).toContain(reference);
    expect(text).toContain('2026-09-04');
    expect(text).not.toContain('Brook Lane');
    expect(text).not.toContain(t.complainant);
  });

  it('reminds the handler once, on the working day before the deadline', async () => {
    const { deps, clock, reference, to } = await opened(t);
    clock.set('2026-09-02T08:00:00Z');
    expect((await runComplaintDeadlines(deps)).reminders).toEqual([]);
    clock.set('2026-09-03T08:00:00Z');
    expect((await runComplaintDeadlines(deps)).reminders).toEqual([reference]);
    expect((await runComplaintDeadlines(deps)).reminders).toEqual([]);
    expect(await to(t.firstHandler, 'deadline-reminder')).toHaveLength(1);
  });

  it('on a missed deadline tells the handler, HR and complainant it is overdue, once, and escalates nothing', async () => {
    const { deps, clock, reference, store, outbox, to } = await opened(t);
    clock.set('2026-09-07T09:00:00Z');
    expect(await runComplaintDeadlines(deps)).toEqual(expect.objectContaining({ overdue: [reference], escalations: [] }));
    expect((await runComplaintDeadlines(deps)).overdue).toEqual([]);
    expect(await store.getCase(reference)).toEqual(expect.objectContaining({ state: 'submitted', handlerId: t.firstHandler }));
    expect(await to(t.firstHandler, 'deadline-overdue')).toHaveLength(1);
    expect(await to(t.complainant, 'deadline-overdue')).toHaveLength(1);
    expect((await outbox()).filter((item) => item.to.kind === 'hr' && item.n.kind === 'hr-case-overdue')).toHaveLength(1);
    expect((await outbox()).some((item) => /escalated/i.test(item.n.text))).toBe(false);
  });

  it('escalates when the complainant is not satisfied only to levels the protocol gives, each someone new, then refuses', async () => {
    const { service, reference, store, to } = await opened(t);
    let previous = t.firstHandler;
    for (const next of t.notSatisfied) {
      expect(await service.act(reference, t.complainant, 'escalate')).toBe('escalated');
      expect((await store.getCase(reference))?.handlerId).toBe(next);
      expect(await to(next, 'case-assigned')).toHaveLength(1);
      expect(await to(previous, 'case-reassigned')).toHaveLength(1);
      previous = next;
    }
    await expect(service.act(reference, t.complainant, 'escalate')).rejects.toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    expect((await store.getCase(reference))?.handlerId).toBe(previous);
    expect(await to(t.subject)).toEqual([]);
  });

  it('lets the handler pass the case on only where the protocol lets a handler refer it', async () => {
    const { service, reference, store } = await opened(t);
    if (t.passOn === null) {
      await expect(service.act(reference, t.firstHandler, 'pass-on')).rejects.toThrow(expect.objectContaining({ code: 'invalid_transition' }));
      expect((await store.getCase(reference))?.handlerId).toBe(t.firstHandler);
    } else {
      expect(await service.act(reference, t.firstHandler, 'pass-on')).toBe('escalated');
      expect((await store.getCase(reference))?.handlerId).toBe(t.passOn);
    }
  });

  it('at the last level, a missed deadline is an overdue notice to the handler, not another escalation', async () => {
    const { deps, clock, service, reference, store, to } = await opened(t);
    for (let i = 0; i < t.notSatisfied.length; i += 1) await service.act(reference, t.complainant, 'escalate');
    const last = (await store.getCase(reference))?.handlerId ?? '';
    clock.set('2026-09-30T09:00:00Z');
    expect(await runComplaintDeadlines(deps)).toEqual(expect.objectContaining({ overdue: [reference], escalations: [] }));
    expect((await store.getCase(reference))?.handlerId).toBe(last);
    expect(await to(last, 'deadline-overdue')).toHaveLength(1);
  });

  it('lets the handler acknowledge, talk with the complainant, record an outcome and close, with a full audit trail', async () => {
    const { service, reference, store } = await opened(t);
    expect(await service.act(reference, t.firstHandler, 'acknowledge')).toBe('acknowledged');
    await expect(service.act(reference, t.firstHandler, 'close')).rejects.toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    await expect(service.act(reference, t.complainant, 'acknowledge')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    await expect(service.view(reference, t.subject)).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    await service.message(reference, t.firstHandler, 'Could you send me the dates of the emails?');
    await service.message(reference, t.complainant, '3, 10, 17 and 24 August.');
    expect(await service.act(reference, t.firstHandler, 'start-investigation')).toBe('investigating');
    expect(
      await service.act(reference, t.firstHandler, 'record-outcome', {
        outcome: 'Upheld: you will receive a written apology.',
        investigationNotes: 'Officer was on leave; cover arrangements failed.',
      }),
    ).toBe('outcome-recorded');
    const mine = await service.view(reference, t.complainant);
    expect(mine.outcome).toBe('Upheld: you will receive a written apology.');
    expect(mine).not.toHaveProperty('investigationNotes');
    expect(mine.messages.map((m) => m.from)).toEqual(['handler', 'complainant']);
    expect(await service.act(reference, t.complainant, 'close')).toBe('closed');
    await expect(service.message(reference, t.complainant, 'one more thing')).rejects.toThrow(expect.objectContaining({ code: 'invalid_transition' }));
    expect((await store.listAudit(reference)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['opened', 'acknowledge', 'message', 'read', 'start-investigation', 'record-outcome', 'close', 'refused:acknowledge', 'refused:read']),
    );
    expect(JSON.stringify(await store.listAudit(reference))).not.toContain('Brook Lane');
  });

  it('purges the closed case after the retention period, leaving a record that it did', async () => {
    const { deps, clock, service, reference, store } = await opened(t);
    await service.act(reference, t.complainant, 'withdraw');
    clock.set('2028-09-10T09:00:00Z');
    expect(await purgeExpiredCases(deps, 730)).toEqual([reference]);
    expect(await store.getCase(reference)).toBeUndefined();
    expect((await store.listAudit(reference)).at(-1)?.action).toBe('purged');
  });
});

describe("London Councils: an officer's complaint about a Member", () => {
  it("goes to the officer's own director, copies the Chief Executive and informs the Member's Party Group Leader", async () => {
    const { deps } = workflowHarness('2026-08-27T10:00:00Z');
    const service = new ComplaintService(deps);
    const receipt = await service.open({
      idempotencyKey: 'lc-officer-about-member',
      council: 'london-councils',
      complainant: { personId: 'lc-officer', role: 'officer' },
      subject: { personId: 'lc-member' },
      description: 'The member shouted at me in the corridor after the meeting.',
    });
    expect(receipt.handler.name).toBe('Eve Policy');
    expect(receipt.told).toEqual([
      { title: 'Chief Executive', kind: 'copy' },
      { title: 'the Party Group Leader', kind: 'informed' },
    ]);
    const sent = (await queuedNotifications(deps.store)).map((row) => ({ to: JSON.parse(row.recipientJson) as Recipient, n: JSON.parse(row.payloadJson) as Notification }));
    const ceo = sent.filter((s) => s.to.kind === 'person' && s.to.personId === 'lc-ceo');
    const leader = sent.filter((s) => s.to.kind === 'person' && s.to.personId === 'lc-labour-leader');
    expect(ceo.map((s) => s.n.kind)).toEqual(['case-copied']);
    expect(leader.map((s) => s.n.kind)).toEqual(['case-informed']);
    expect(JSON.stringify(leader)).not.toContain('shouted');
    // The copy may be read; the informed leader may not, and neither may act on it.
    expect((await service.view(receipt.reference, 'lc-ceo')).description).toMatch(/shouted/);
    await expect(service.view(receipt.reference, 'lc-labour-leader')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    await expect(service.act(receipt.reference, 'lc-ceo', 'acknowledge')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect(sent.some((s) => s.to.kind === 'person' && s.to.personId === 'lc-member')).toBe(false);
  });
});

describe('a complaint about someone the directory does not list', () => {
  it('goes to the Monitoring Officer to place, who names the subject; it then takes their route, never reaching them', async () => {
    const { deps } = workflowHarness('2026-08-27T10:00:00Z');
    const service = new ComplaintService(deps);
    const receipt = await service.open({
      idempotencyKey: 'not-listed-c16',
      council: 'council-2016',
      complainant: { personId: 'c16-member', role: 'member' },
      subject: { role: 'officer', name: 'the new planning officer', department: 'planning' },
      description: 'The new planning officer was rude to me at the surgery.',
    });
    expect(receipt.beingAssigned).toBe(true);
    expect(receipt.handler.name).toBe('Fay Monitor');
    expect(await service.act(receipt.reference, 'c16-mo', 'assign', { subjectPersonId: 'c16-co-planning' })).toBe('submitted');
    const record = await deps.store.getCase(receipt.reference);
    expect(record?.subjectPersonId).toBe('c16-co-planning');
    expect(record?.handlerId).not.toBe('c16-co-planning');
    expect(record?.handlerId).toBe('c16-exec-dir');
  });

  it('at a council without a Monitoring Officer goes to the head of paid service, and a department matches whatever its case', async () => {
    const { deps } = workflowHarness('2026-08-27T10:00:00Z');
    const service = new ComplaintService(deps);
    const receipt = await service.open({
      idempotencyKey: 'not-listed-lc',
      council: 'london-councils',
      complainant: { personId: 'lc-member', role: 'member' },
      subject: { role: 'officer', department: 'services' },
      description: 'A temporary officer in services was rude to me.',
    });
    expect(receipt.handler.name).toBe('Dan Chief');
    expect(deps.directory.holders('london-councils', 'director', 'services').map((p) => p.id)).toEqual(['lc-director-services']);
  });
});

describe('idempotency that never loses a submission', () => {
  const base = { idempotencyKey: 'same-key-0001', council: 'rushcliffe', complainant: { personId: 'rb-member', role: 'member' as const }, subject: { personId: 'rb-officer' } };

  it('answers a true retry with the same case, and refuses the key with other words, filing nothing', async () => {
    const { deps } = workflowHarness();
    const service = new ComplaintService(deps);
    const first = await service.open({ ...base, description: 'The officer did not reply for six weeks.' });
    const again = await service.open({ ...base, description: 'The officer did not reply for six weeks.' });
    expect(again).toEqual(expect.objectContaining({ reference: first.reference, created: false }));
    await expect(service.open({ ...base, description: 'Something else entirely happened last week.' })).rejects.toThrow(
      expect.objectContaining({ code: 'idempotency_conflict', message: expect.stringContaining(first.reference) }),
    );
    expect(await deps.store.listCases()).toHaveLength(1);
  });

  it('refuses a complaint key reused for a briefing request as a conflict, filing nothing', async () => {
    const { deps } = workflowHarness();
    const service = new ComplaintService(deps);
    const { reference } = await service.open({ ...base, description: 'The officer did not reply for six weeks.' });
    const briefing = () =>
      new BriefingService(deps).request({
        idempotencyKey: base.idempotencyKey,
        council: 'rushcliffe',
        requester: { personId: 'rb-member' },
        group: 'Conservative',
        subject: 'The budget',
        format: 'attendance',
        meetingDate: '2026-10-01',
        nonCouncillorsPresent: false,
      });
    await expect(briefing()).rejects.toThrow(expect.objectContaining({ code: 'idempotency_conflict', message: expect.stringContaining(reference) }));
    expect(await deps.store.listCases()).toHaveLength(1);
  });

  it('refuses a complaint about yourself, and a subject who is not in the directory by id', async () => {
    const { deps } = workflowHarness();
    const service = new ComplaintService(deps);
    await expect(service.open({ ...base, subject: { personId: 'rb-member' }, description: 'I was rude to myself, apparently.' })).rejects.toThrow(expect.objectContaining({ code: 'bad_request' }));
    await expect(service.open({ ...base, subject: { personId: 'nobody-here' }, description: 'Someone who does not exist.' })).rejects.toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(await deps.store.listCases()).toEqual([]);
  });

  it('refuses an unknown action as a bad request, recording no TypeError', async () => {
    const { deps } = workflowHarness();
    const service = new ComplaintService(deps);
    const { reference } = await service.open({ ...base, description: 'The officer did not reply for six weeks.' });
    await expect(service.act(reference, 'rb-director-neigh', 'frobnicate' as never)).rejects.toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect((await deps.store.listAudit(reference)).at(-1)?.detail).toMatch(/no action "frobnicate"/);
    expect((await deps.store.getCase(reference))?.state).toBe('submitted');
  });
});
