import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import { workflowHarness } from '../support/workflow-harness';

// Two steps on one case at the same moment (two instances' deadline passes, or a complainant pressing "not
// satisfied" as the handler passes it on): one wins, the other is refused, so the case goes up one level, once,
// and only the person it went to is told it is theirs.
describe('two steps on one complaint at once', () => {
  it('escalates once from "escalated" when two escalations race; the other is refused as changed meanwhile', async () => {
    const { deps, store } = workflowHarness('2026-08-27T10:00:00Z');
    const service = new ComplaintService(deps);
    const { reference } = await service.open({
      idempotencyKey: 'race-escalations-1',
      council: 'rushcliffe',
      complainant: { personId: 'rb-member', role: 'member' },
      subject: { personId: 'rb-officer' },
      description: 'Ignored my emails about the Brook Lane flooding.',
    });
    expect(await service.act(reference, 'rb-member', 'escalate')).toBe('escalated');
    expect((await store.getCase(reference))?.handlerId).toBe('rb-ceo');

    const outcomes = await Promise.allSettled([service.act(reference, 'rb-member', 'escalate'), service.act(reference, 'rb-member', 'escalate')]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason)).toEqual([expect.objectContaining({ code: 'invalid_transition' })]);
    const record = await store.getCase(reference);
    expect(record).toEqual(expect.objectContaining({ handlerId: 'rb-mo', escalationLevel: 2 }));
    expect((await store.listAudit(reference)).filter((line) => line.action === 'escalate')).toHaveLength(2);
  });
});
