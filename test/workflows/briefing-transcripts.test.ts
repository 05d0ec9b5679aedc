import { BriefingService } from '../../src/workflows/briefings/briefing-service';
import type { Notification, Recipient } from '../../src/workflows/notifications';
import { queuedNotifications } from '../support/queued-notifications';
import { workflowHarness } from '../support/workflow-harness';

interface Transcript {
  council: string;
  requester: string;
  group: string;
  department?: string;
  gatekeeper: string;
  officer: string;
  otherLeaders: string[];
  /** The protocol requires the other groups be told that the briefing happened and its subject. */
  told: boolean;
  /** The protocol lets (or asks) the other groups have the same. */
  offered: boolean;
  /** Someone must agree before non-councillors attend. */
  agreer?: string;
  /** A phrase the officer's checklist must contain, from this council's safeguards. */
  checklistPhrase: RegExp;
}

const TRANSCRIPTS: Transcript[] = [
  {
    council: 'council-2016',
    requester: 'c16-member',
    group: 'Labour',
    department: 'Housing',
    gatekeeper: 'c16-co-housing',
    officer: 'c16-officer',
    otherLeaders: ['c16-other-leader'],
    told: false,
    offered: false,
    checklistPhrase: /\[6\.3/,
  },
  {
    council: 'lydney',
    requester: 'ly-member',
    group: 'Independent',
    gatekeeper: 'ly-clerk',
    officer: 'ly-officer',
    otherLeaders: ['ly-other-leader'],
    told: true,
    offered: true,
    checklistPhrase: /\[4\.[23]/,
  },
  {
    council: 'district-code',
    requester: 'dc-member',
    group: 'Liberal Democrat',
    department: 'Environment',
    gatekeeper: 'dc-service-manager',
    officer: 'dc-officer',
    otherLeaders: ['dc-other-leader'],
    told: false,
    offered: true,
    agreer: 'dc-ceo',
    checklistPhrase: /\[8\./,
  },
  {
    council: 'rushcliffe',
    requester: 'rb-member',
    group: 'Conservative',
    gatekeeper: 'rb-ceo',
    officer: 'rb-officer',
    otherLeaders: ['rb-other-leader'],
    told: true,
    offered: true,
    checklistPhrase: /political-group/,
  },
  {
    council: 'london-councils',
    requester: 'lc-member',
    group: 'Labour',
    gatekeeper: 'lc-ceo',
    officer: 'lc-officer',
    otherLeaders: ['lc-group-leader'],
    told: false,
    offered: true,
    checklistPhrase: /\[6\]/,
  },
];

const SUBJECT = 'Options for the Riverside leisure centre contract';

describe.each(TRANSCRIPTS)('a briefing request at $council', (t) => {
  const { deps, store } = workflowHarness('2027-01-12T10:00:00Z');
  const service = new BriefingService(deps);
  const sent = async () => (await queuedNotifications(store)).map((item) => ({ to: JSON.parse(item.recipientJson) as Recipient, n: JSON.parse(item.payloadJson) as Notification }));
  const to = async (personId: string) => (await sent()).filter((item) => item.to.kind === 'person' && item.to.personId === personId);

  it('goes from request through approval to delivery, telling the right people at each step', async () => {
    const receipt = await service.request({
      idempotencyKey: `briefing-${t.council}-1`,
      council: t.council,
      requester: { personId: t.requester },
      group: t.group,
      subject: SUBJECT,
      format: 'attendance',
      meetingDate: '2027-01-26',
      nonCouncillorsPresent: t.agreer !== undefined,
      department: t.department,
    });
    const ref = receipt.reference;
    if (t.agreer) {
      expect(receipt.state).toBe('awaiting-agreement');
      expect((await to(t.agreer)).map((i) => i.n.kind)).toContain('briefing-requested');
      await expect(service.act(ref, t.gatekeeper, 'approve', { assignOfficer: t.officer })).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
      expect(await service.act(ref, t.agreer, 'agree')).toBe('requested');
    } else {
      expect(receipt.state).toBe('requested');
    }
    expect((await to(t.gatekeeper)).map((i) => i.n.kind)).toContain('briefing-requested');
    await expect(service.view(ref, t.otherLeaders[0] as string)).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));

    expect(await service.act(ref, t.gatekeeper, 'approve', { assignOfficer: t.officer })).toBe('approved');
    const checklist = (await to(t.officer)).find((i) => i.n.kind === 'briefing-assigned');
    expect(checklist?.n.text).toMatch(t.checklistPhrase);
    expect((await to(t.requester)).map((i) => i.n.kind)).toContain('briefing-decided');
    expect((await service.view(ref, t.officer)).content.subject).toBe(SUBJECT);

    await expect(service.act(ref, t.requester, 'mark-delivered')).rejects.toThrow(expect.objectContaining({ code: 'not_permitted' }));
    expect(await service.act(ref, t.officer, 'mark-delivered')).toBe('delivered');
    for (const leader of t.otherLeaders) {
      const kinds = (await to(leader)).map((i) => i.n.kind);
      expect(kinds.includes('briefing-other-groups-told')).toBe(t.told);
      expect(kinds.includes('briefing-offer-to-other-groups')).toBe(t.offered);
      const told = (await to(leader)).find((i) => i.n.kind === 'briefing-other-groups-told');
      if (told) {
        expect(told.n.text).toContain(SUBJECT);
        expect(told.n.text).not.toContain(t.group);
      }
    }
    expect((await sent()).some((i) => i.to.kind === 'hr')).toBe(false);
  });

  it('can be declined with a reason, and then nobody else is told anything', async () => {
    const receipt = await service.request({
      idempotencyKey: `briefing-${t.council}-2`,
      council: t.council,
      requester: { personId: t.requester },
      group: t.group,
      subject: 'Which candidate to back in the by-election',
      format: 'written-report',
      meetingDate: '2027-02-02',
      nonCouncillorsPresent: false,
      department: t.department,
    });
    await expect(service.act(receipt.reference, t.gatekeeper, 'decline')).rejects.toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(await service.act(receipt.reference, t.gatekeeper, 'decline', { reason: 'Officers cannot advise on party political matters.' })).toBe('declined');
    const declined = (await to(t.requester)).filter((i) => i.n.kind === 'briefing-decided' && i.n.reference === receipt.reference);
    expect(declined[0]?.n.text).toMatch(/declined: Officers cannot advise/);
    for (const leader of t.otherLeaders) expect((await to(leader)).filter((i) => i.n.reference === receipt.reference)).toEqual([]);
    await expect(service.act(receipt.reference, t.gatekeeper, 'approve', { assignOfficer: t.officer })).rejects.toThrow(expect.objectContaining({ code: 'invalid_transition' }));
  });
});

describe('briefings in a pre-election period', () => {
  it("carry a warning pointing to the Monitoring Officer's guidance at council-2016", async () => {
    const { deps } = workflowHarness('2027-04-01T10:00:00Z');
    const service = new BriefingService(deps);
    await service.declarePreElectionPeriod('council-2016', '2027-03-25', '2027-05-06', 'admin');
    const receipt = await service.request({
      idempotencyKey: 'purdah-briefing-1',
      council: 'council-2016',
      requester: { personId: 'c16-member' },
      group: 'Labour',
      subject: 'The housing allocations policy',
      format: 'attendance',
      meetingDate: '2027-04-08',
      nonCouncillorsPresent: false,
      department: 'Housing',
    });
    expect(receipt.preElectionWarning).toMatch(/2027-03-25 to 2027-05-06/);
    expect(receipt.preElectionWarning).toMatch(/Monitoring Officer/);
  });

  it('carry no warning outside a declared period', async () => {
    const { deps } = workflowHarness('2027-06-01T10:00:00Z');
    const service = new BriefingService(deps);
    const receipt = await service.request({
      idempotencyKey: 'no-purdah-1',
      council: 'lydney',
      requester: { personId: 'ly-member' },
      group: 'Independent',
      subject: 'Allotment rents',
      format: 'written-report',
      meetingDate: '2027-06-10',
      nonCouncillorsPresent: false,
    });
    expect(receipt.preElectionWarning).toBeNull();
  });
});
