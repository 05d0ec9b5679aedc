import { isCouncillor } from '../../src/directory/subject-role-of';
import { runComplaintDeadlines } from '../../src/workflows/complaints/complaint-deadlines';
import { ComplaintService } from '../../src/workflows/complaints/complaint-service';
import type { Recipient } from '../../src/workflows/notifications';
import { runEtiquette } from '../support/cli-harness';
import { queuedNotifications } from '../support/queued-notifications';
import { DIRECTORY_FIXTURE, workflowHarness } from '../support/workflow-harness';

const { deps: fixture } = workflowHarness();
const PAIRS = fixture.directory.councilIds().flatMap((council) => {
  const people = fixture.directory.holdersOfAny(council);
  return people.flatMap((complainant) => people.filter((subject) => subject.id !== complainant.id).map((subject) => ({ council, complainant: complainant.id, subject: subject.id })));
});

/** Every person a routing decision names, anywhere in it. */
function peopleIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(peopleIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = typeof record.person === 'object' && record.person !== null ? [String((record.person as { id: string }).id)] : [];
  return [
    ...own,
    ...Object.entries(record)
      .filter(([key]) => key !== 'person' && key !== 'subject' && key !== 'complainant')
      .flatMap(([, v]) => peopleIn(v)),
  ];
}

describe('no step of any complaint reaches the person it is about', () => {
  it(`etiquette route --complainant --subject names people at every step, and never the subject (${PAIRS.length} pairs)`, async () => {
    const lines = PAIRS.map((pair, i) => JSON.stringify({ id: `p${i}`, ...pair }));
    const run = await runEtiquette(['route', '--batch'], { DIRECTORY_FILE: DIRECTORY_FIXTURE, LOG_LEVEL: 'silent' }, lines);
    expect(run.code).toBe(0);
    const decisions = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(decisions).toHaveLength(PAIRS.length);
    let reached = 0;
    const unresolved: Array<(typeof PAIRS)[number]> = [];
    decisions.forEach((decision, i) => {
      const pair = PAIRS[i] as (typeof PAIRS)[number];
      expect(decision.error).toBeUndefined();
      const named = peopleIn(decision);
      if (named.includes(pair.subject)) reached += 1;
      const recipient = decision.recipient as { person: unknown; note?: string };
      if (!recipient.person) {
        unresolved.push(pair);
        expect(recipient.note).toMatch(/nobody/);
      }
    });
    expect(reached).toBe(0);
    // The one pair where everyone the protocol and its fallbacks name is the complainant or the subject: the
    // Chief Executive complaining about the Chair at London Councils (no Monitoring Officer in its directory).
    expect(unresolved).toEqual([{ council: 'london-councils', complainant: 'lc-ceo', subject: 'lc-chair' }]);
  });

  it('the single command prints the people as JSON, with the subject never a person', async () => {
    const run = await runEtiquette(['route', '--council', 'london-councils', '--complainant', 'lc-member', '--subject', 'lc-director-policy', '--json'], {
      DIRECTORY_FILE: DIRECTORY_FIXTURE,
      LOG_LEVEL: 'silent',
    });
    expect(run.code).toBe(0);
    const decision = JSON.parse(run.stdout) as { about: string; recipient: { person: { id: string; name: string } | null; note?: string }; escalation: Array<{ person: unknown }> };
    expect(decision.about).toBe('chief-officer');
    expect(decision.recipient.person).toEqual({ id: 'lc-ceo', name: 'Dan Chief' });
    expect(peopleIn(decision)).not.toContain('lc-director-policy');
  });

  it('refuses a person who is not in the directory, naming the option', async () => {
    const run = await runEtiquette(['route', '--council', 'lydney', '--complainant', 'ly-member', '--subject', 'nobody'], { DIRECTORY_FILE: DIRECTORY_FIXTURE, LOG_LEVEL: 'silent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--subject/);
  });

  it(`in the workflow, no notification of opening, escalating, passing on or a missed deadline goes to the subject (${PAIRS.length} pairs)`, async () => {
    const { deps, clock } = workflowHarness('2026-08-27T10:00:00Z');
    const service = new ComplaintService(deps);
    for (const [i, pair] of PAIRS.entries()) {
      const complainant = deps.directory.person(pair.council, pair.complainant);
      const open = () =>
        service.open({
          idempotencyKey: `pair-${i}-0000`,
          council: pair.council,
          complainant: { personId: pair.complainant, role: complainant && isCouncillor(complainant) ? 'member' : 'officer' },
          subject: { personId: pair.subject },
          description: 'Something happened that the complainant wants looked at.',
        });
      if (pair.complainant === 'lc-ceo' && pair.subject === 'lc-chair') {
        await expect(open()).rejects.toThrow(expect.objectContaining({ code: 'no_handler' }));
        continue;
      }
      const { reference } = await open();
      const handler = (await deps.store.getCase(reference))?.handlerId ?? '';
      expect(handler).not.toBe(pair.subject);
      expect(handler).not.toBe(pair.complainant);
      for (let step = 0; step < 4; step += 1) {
        try {
          await service.act(reference, pair.complainant, 'escalate');
        } catch {
          // No further level: that is allowed, and changes nothing.
        }
        try {
          await service.act(reference, (await deps.store.getCase(reference))?.handlerId ?? '', 'pass-on');
        } catch {
          // Likewise.
        }
      }
    }
    clock.set('2026-10-30T09:00:00Z');
    await runComplaintDeadlines(deps);
    const rows = await queuedNotifications(deps.store);
    const subjectOf = new Map((await deps.store.listCases()).map((c) => [c.reference, c.subjectPersonId]));
    const toSubject = rows.filter((row) => {
      const to = JSON.parse(row.recipientJson) as Recipient;
      return to.kind === 'person' && to.personId === subjectOf.get(row.reference);
    });
    expect(rows.length).toBeGreaterThan(PAIRS.length);
    expect(toSubject).toEqual([]);
    for (const record of await deps.store.listCases()) expect(record.handlerId).not.toBe(record.subjectPersonId);
  });
});
