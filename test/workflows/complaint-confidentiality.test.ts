import { runComplaintDeadlines } from '../../src/workflows/complaints/complaint-deadlines';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import { queuedNotifications } from '../support/queued-notifications';
import { workflowHarness } from '../support/workflow-harness';

const WORDS = ['Brook Lane', 'hung up on me', 'written apology', 'cover arrangements', 'dates of the emails', 'Mr Okonjo'];

describe('complaint confidentiality', () => {
  it("writes none of a complaint's words to the logs over its whole life", async () => {
    const { deps, clock, logLines } = workflowHarness('2026-08-27T10:00:00Z');
    const service = new ComplaintService(deps);
    const { reference } = await service.open({
      idempotencyKey: 'log-test-0001',
      council: 'london-councils',
      complainant: { personId: 'lc-member', role: 'member' },
      subject: { role: 'officer', name: 'Mr Okonjo', department: 'Services' },
      description: 'He ignored my emails about Brook Lane and hung up on me.',
    });
    clock.set('2026-09-03T08:00:00Z');
    await runComplaintDeadlines(deps);
    clock.set('2026-09-05T08:00:00Z');
    await runComplaintDeadlines(deps);
    await service.act(reference, 'lc-ceo', 'acknowledge');
    await service.message(reference, 'lc-ceo', 'Please send the dates of the emails.');
    await service.act(reference, 'lc-ceo', 'record-outcome', { outcome: 'Upheld: a written apology follows.', investigationNotes: 'cover arrangements failed' });
    await service.view(reference, 'lc-member');
    await service.act(reference, 'lc-member', 'close');
    await expect(service.view(reference, 'lc-officer')).rejects.toThrow();

    const logs = logLines.join('');
    expect(logs).toContain(reference);
    for (const words of WORDS) expect(logs).not.toContain(words);
  });

  it('never routes a complaint to the person it is about, and says why it moved on', async () => {
    const { deps } = workflowHarness();
    const service = new ComplaintService(deps);
    // Cllr Max Personnel sits on the Personnel Committee, which hears an officer's complaint about a councillor,
    // and runs the Grievance Procedure above it: both levels would reach him.
    const receipt = await service.open({
      idempotencyKey: 'self-route-0001',
      council: 'lydney',
      complainant: { personId: 'ly-officer', role: 'officer' },
      subject: { personId: 'ly-personnel' },
      description: 'Cllr Personnel told me off in front of residents at the market.',
    });
    const record = await deps.store.getCase(receipt.reference);
    expect(record?.handlerId).toBe('ly-clerk');
    expect(receipt.skipped).toEqual(expect.arrayContaining([expect.objectContaining({ reason: expect.stringMatching(/person the complaint is about/) })]));
    expect((await deps.store.listAudit(receipt.reference))[0]?.detail).toMatch(/skipped/);
    const recipients = (await queuedNotifications(deps.store)).map((row) => row.recipientJson);
    expect(recipients.some((r) => r.includes('ly-personnel'))).toBe(false);
  });

  it('refuses bad submissions with field errors and stores nothing', async () => {
    const { deps, store } = workflowHarness();
    const service = new ComplaintService(deps);
    await expect(
      service.open({ idempotencyKey: 'short', council: 'lydney', complainant: { personId: 'ly-member', role: 'member' }, subject: { role: 'officer' }, description: 'bad' }),
    ).rejects.toThrow(expect.objectContaining({ code: 'bad_request', details: expect.arrayContaining([expect.stringMatching(/^idempotencyKey:/), expect.stringMatching(/^description:/)]) }));
    await expect(
      service.open({
        idempotencyKey: 'unknown-council-1',
        council: 'atlantis',
        complainant: { personId: 'x', role: 'member' },
        subject: { role: 'officer' },
        description: 'A long enough description.',
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'unknown_council' }));
    expect(await store.listCases()).toEqual([]);
  });
});
