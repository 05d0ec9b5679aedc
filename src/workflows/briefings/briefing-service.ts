import { AppError } from '../../errors/app-error';
import { referenceText } from '../case-reference';
import { titleOf } from '../../knowledge/council-knowledge';
import type { CaseRecord } from '../../storage/case-store';
import { londonDate } from '../deadlines/calendar-date';
import { parseInput } from '../complaints/complaint-input';
import { notifyPerson } from '../complaints/complaint-notices';
import { nextState } from '../state-machine';
import type { WorkflowDeps } from '../workflow-deps';
import { alreadyReceived, sameSubmission } from '../submission-owner';
import { requestBriefingSchema, type BriefingContent, type RequestBriefingInput } from './briefing-input';
import { decideBriefingRoute, type BriefingRoute } from './briefing-routing';
import { BRIEFING_MACHINE, type BriefingEvent, type BriefingParty, type BriefingState } from './briefing-states';
import { theTitle } from '../../knowledge/the-title';
import { updateUnchanged } from '../update-unchanged';

/** What the member is told once the request is stored. */
export interface BriefingReceipt {
  reference: string;
  created: boolean;
  state: BriefingState;
  gatekeeper: { title: string; name: string };
  /** Set when a pre-election period covers today or the meeting date. */
  preElectionWarning: string | null;
  /** Whose agreement the request waits for first, if anyone's. */
  awaitingAgreementOf: string | null;
}

/** A request as one of its three permitted people sees it. */
export interface BriefingView {
  reference: string;
  council: string;
  state: BriefingState;
  viewer: BriefingParty;
  requester: string;
  gatekeeper: string;
  assignedOfficer: string | null;
  content: BriefingContent;
  route: BriefingRoute;
}

/**
 * Party-group briefing requests on the case engine: routed to the gatekeeper the protocol names, approved with
 * an officer assigned (who gets the protocol's safeguards as a checklist) or declined, and delivered; the
 * other groups are told, or offered the same, exactly where the protocol says so.
 */
export class BriefingService {
  constructor(private readonly deps: WorkflowDeps) {}

  /** Files a request (or returns the one this idempotency key already filed). */
  async request(input: RequestBriefingInput): Promise<BriefingReceipt> {
    const data = parseInput(requestBriefingSchema, input);
    const { store, kb, clock, cipher } = this.deps;
    const council = kb.council(data.council);
    const submission = {
      personId: data.requester.personId,
      kind: 'briefing' as const,
      hash: cipher.fingerprint(JSON.stringify([data.council, data.requester, data.group, data.subject, data.format, data.meetingDate, data.nonCouncillorsPresent, data.department ?? ''])),
    };
    const existing = await store.findByIdempotencyKey(data.idempotencyKey);
    if (existing) return this.receiptFor(await sameSubmission(this.deps, existing, submission, 'refused:request'), false);

    const route = decideBriefingRoute(council);
    const gatekeeper = this.gatekeeper(data.council, route, data.department);
    const agreement = data.nonCouncillorsPresent ? route.nonCouncillorsPresent.requiresAgreementOf : null;
    const agreer = agreement ? this.deps.directory.holders(data.council, agreement.role)[0] : undefined;
    if (agreement && !agreer) throw new AppError('no_handler', `the directory names no ${agreement.title}, whose agreement is needed when non-councillors attend`);
    const now = clock.now();
    const content: BriefingContent = {
      group: data.group,
      subject: data.subject,
      format: data.format,
      meetingDate: data.meetingDate,
      nonCouncillorsPresent: data.nonCouncillorsPresent,
      department: data.department ?? '',
      declineReason: null,
    };
    const handler = agreer ?? gatekeeper;
    const reference = this.deps.newReference('B');
    const record: CaseRecord = {
      reference,
      kind: 'briefing',
      council: data.council,
      state: agreer ? 'awaiting-agreement' : 'requested',
      idempotencyKey: data.idempotencyKey,
      openedBy: data.requester.personId,
      openedByRole: 'member',
      subjectRole: null,
      subjectPersonId: null,
      handlerId: handler.id,
      handlerRole: agreer && agreement ? agreement.role : route.decidedBy.role,
      assignedTo: null,
      routeJson: JSON.stringify(route),
      escalationLevel: 0,
      ackDeadline: null,
      deadlineSource: null,
      reminderSentFor: null,
      breachEscalatedFor: null,
      contentEnc: cipher.encrypt(JSON.stringify(content), reference),
      partiesJson: '[]',
      submissionHash: submission.hash,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      closedAt: null,
    };
    const stored = await store.transaction(async (tx) => {
      const inTx = { ...this.deps, store: tx };
      const raced = await tx.findByIdempotencyKey(data.idempotencyKey);
      if (raced) return raced;
      await tx.insertCase(record);
      await tx.appendAudit({
        reference: record.reference,
        actor: record.openedBy,
        action: 'requested',
        detail: `to ${route.decidedBy.title}${agreer ? `, awaiting agreement of ${agreement?.title}` : ''}`,
        at: record.createdAt,
      });
      if (agreer && agreement) {
        await notifyPerson(
          inTx,
          now,
          record,
          agreer.id,
          'briefing-requested',
          `A party group has asked for an officer briefing (${record.reference}) at which people who are not councillors will be present: your agreement is needed first.`,
          'theirs',
        );
      } else {
        await notifyPerson(
          inTx,
          now,
          record,
          gatekeeper.id,
          'briefing-requested',
          `A party group has asked for an officer briefing or report (${record.reference}). Approve and assign an officer, or decline.`,
          'theirs',
        );
      }
      for (const advised of route.alsoAdvised) {
        for (const person of this.deps.directory.holders(data.council, advised.role).slice(0, 1)) {
          await notifyPerson(
            inTx,
            now,
            record,
            person.id,
            'briefing-requested',
            `For information: a party group has asked for an officer briefing (${record.reference}), to be decided by ${theTitle(route.decidedBy.title)}.`,
            [],
          );
        }
      }
      return record;
    });
    this.deps.logger.info({ reference: stored.reference, council: stored.council, kind: 'briefing', created: stored === record }, 'briefing request received');
    // The requester's receipt is this return value, shown once by the channel they used: no second one by notice.
    return this.receiptFor(stored === record ? stored : await sameSubmission(this.deps, stored, submission, 'refused:request'), stored === record);
  }

  /** True when `personId` already filed the submission with this idempotency key (a retry opens nothing). */
  alreadyReceived(idempotencyKey: string, personId: string): Promise<boolean> {
    return alreadyReceived(this.deps, idempotencyKey, personId);
  }

  /** The request as `viewerId` may see it; reads are audited, others refused. */
  async view(reference: string, viewerId: string): Promise<BriefingView> {
    const record = await this.load(reference);
    const viewer = await this.partyOf(record, viewerId, 'read');
    await this.deps.store.appendAudit({ reference, actor: viewerId, action: 'read', detail: `as ${viewer}`, at: this.deps.clock.now().toISOString() });
    return {
      reference,
      council: record.council,
      state: record.state as BriefingState,
      viewer,
      requester: record.openedBy,
      gatekeeper: record.handlerId,
      assignedOfficer: record.assignedTo,
      content: this.content(record),
      route: JSON.parse(record.routeJson) as BriefingRoute,
    };
  }

  /** Agree (non-councillors present), approve with an officer, decline with a reason, mark delivered, withdraw. */
  async act(reference: string, actorId: string, event: BriefingEvent, options: { assignOfficer?: string; reason?: string } = {}): Promise<BriefingState> {
    const { store, clock, directory, cipher } = this.deps;
    const record = await this.load(reference);
    const party = await this.partyOf(record, actorId, event);
    const now = clock.now();
    let next: BriefingState;
    try {
      next = nextState(BRIEFING_MACHINE, record.state as BriefingState, event, party);
    } catch (error) {
      await store.appendAudit({ reference, actor: actorId, action: `refused:${event}`, detail: (error as Error).message, at: now.toISOString() });
      throw error;
    }
    const route = JSON.parse(record.routeJson) as BriefingRoute;
    const content = this.content(record);
    const patch: Partial<CaseRecord> = { state: next, updatedAt: now.toISOString() };
    let assigned: { id: string; name: string } | undefined;
    if (event === 'agree') {
      const gatekeeper = this.gatekeeper(record.council, route, content.department || undefined);
      Object.assign(patch, { handlerId: gatekeeper.id, handlerRole: route.decidedBy.role });
    }
    if (event === 'approve') {
      const officerId = options.assignOfficer ?? actorId;
      const officer = directory.person(record.council, officerId);
      if (!officer) throw new AppError('bad_request', `no person "${officerId}" in the directory to assign`);
      assigned = officer;
      patch.assignedTo = officer.id;
    }
    if (event === 'decline') {
      if (!options.reason?.trim()) throw new AppError('bad_request', 'give the member a reason for declining');
      patch.contentEnc = cipher.encrypt(JSON.stringify({ ...content, declineReason: options.reason.trim() }), reference);
    }
    if (next === 'delivered' || next === 'declined' || next === 'withdrawn') patch.closedAt = now.toISOString();

    await store.transaction(async (tx) => {
      const inTx = { ...this.deps, store: tx };
      if (!(await updateUnchanged(tx, record, patch))) throw new AppError('invalid_transition', `${reference} changed meanwhile; look at it again`);
      await tx.appendAudit({ reference, actor: actorId, action: event, detail: `${record.state} -> ${next}${assigned ? ` (assigned ${assigned.id})` : ''}`, at: now.toISOString() });
      const updated = { ...record, ...patch } as CaseRecord;
      if (event === 'agree') {
        await notifyPerson(
          inTx,
          now,
          updated,
          updated.handlerId,
          'briefing-requested',
          `A party group has asked for an officer briefing (${reference}); ${theTitle(route.nonCouncillorsPresent.requiresAgreementOf?.title ?? 'required person')} has agreed to non-councillors being present. Approve and assign an officer, or decline.`,
          'theirs',
        );
      }
      if (event === 'approve' && assigned) {
        await notifyPerson(inTx, now, updated, assigned.id, 'briefing-assigned', this.checklist(route, content, reference), 'theirs');
        await notifyPerson(
          inTx,
          now,
          updated,
          record.openedBy,
          'briefing-decided',
          `Your briefing request ${reference} is approved: ${assigned.name} will ${content.format === 'attendance' ? 'attend' : 'write the report'}.`,
          'theirs',
        );
      }
      if (event === 'decline') {
        await notifyPerson(inTx, now, updated, record.openedBy, 'briefing-decided', `Your briefing request ${reference} was declined: ${options.reason?.trim() ?? ''}`, 'theirs');
      }
      if (event === 'mark-delivered') {
        // The member who asked, and the gatekeeper when the assigned officer marked it, are told it took place.
        await notifyPerson(inTx, now, updated, record.openedBy, 'briefing-delivered', `Your briefing request ${reference} has been delivered.`, 'theirs');
        if (actorId !== record.handlerId)
          await notifyPerson(inTx, now, updated, record.handlerId, 'briefing-delivered', `Briefing ${reference} has been marked as delivered by the officer assigned to it.`, 'theirs');
        await this.tellOtherGroups(inTx, updated, route, content, now);
      }
      if (event === 'withdraw') await notifyPerson(inTx, now, updated, record.handlerId, 'case-state-changed', `Briefing request ${reference} was withdrawn.`, []);
    });
    return next;
  }

  /**
   * The leader of another group asks for a copy of a report prepared for one group, where the protocol lets any
   * group have one (Lydney 4.2(c)): the gatekeeper, who provides it, is told who asks. Anyone else, a briefing that
   * was not a written report, or one not yet delivered is refused, and the attempt audited. Asking twice tells the
   * gatekeeper once.
   */
  async requestCopy(reference: string, personId: string): Promise<{ gatekeeperTitle: string }> {
    const record = await this.load(reference);
    const route = JSON.parse(record.routeJson) as BriefingRoute;
    const content = this.content(record);
    const person = this.deps.directory.person(record.council, personId);
    const now = this.deps.clock.now();
    const otherLeader = person !== undefined && person.roles.includes('group-leader') && person.id !== record.openedBy && (person.group ?? '').toLowerCase() !== content.group.toLowerCase();
    const refusal = !route.otherGroupsMayRequestSame
      ? "this council's protocol does not give other groups copies of a group's report"
      : !otherLeader
        ? 'only the leader of another political group may ask for a copy'
        : content.format !== 'written-report'
          ? 'this briefing was an officer attending a meeting, not a written report'
          : record.state !== 'delivered'
            ? 'the report has not been delivered yet'
            : null;
    if (refusal) {
      await this.deps.store.appendAudit({ reference, actor: personId, action: 'refused:request-copy', detail: refusal, at: now.toISOString() });
      throw new AppError(otherLeader ? 'invalid_transition' : 'not_permitted', refusal);
    }
    const title = theTitle(route.requestTo.title);
    await this.deps.store.transaction(async (tx) => {
      const inTx = { ...this.deps, store: tx };
      await tx.appendAudit({ reference, actor: personId, action: 'copy-requested', detail: 'by the leader of another group', at: now.toISOString() });
      await notifyPerson(
        inTx,
        now,
        record,
        record.handlerId,
        'briefing-copy-requested',
        `${person?.name ?? 'The leader of another group'}, leader of another political group, asks for a copy of the report prepared for briefing ${reference}. The protocol says ${title} provides it.`,
        [],
        `copy:${reference}:${personId}`,
      );
    });
    return { gatekeeperTitle: title };
  }

  /** Declares a pre-election period for a council (admin). */
  async declarePreElectionPeriod(council: string, startsOn: string, endsOn: string, declaredBy: string): Promise<void> {
    this.deps.kb.council(council);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn) || !/^\d{4}-\d{2}-\d{2}$/.test(endsOn) || endsOn < startsOn) {
      throw new AppError('bad_request', 'a pre-election period needs --from and --to dates (YYYY-MM-DD), --to not before --from');
    }
    await this.deps.store.declarePreElectionPeriod({ council, startsOn, endsOn, declaredBy, declaredAt: this.deps.clock.now().toISOString() });
  }

  /** The protocol's rules for this council as the assigned officer's checklist. */
  private checklist(route: BriefingRoute, content: BriefingContent, reference: string): string {
    const items = route.safeguards.map((s) => `- ${s.text} [${s.citations.map((c) => c.section).join(', ')}]`);
    if (content.nonCouncillorsPresent && route.nonCouncillorsPresent.rule) items.push(`- People who are not councillors will be present: ${route.nonCouncillorsPresent.rule}`);
    if (route.informOtherGroups) items.push(`- Afterwards the other groups are told that it took place and its subject, never its content: ${route.informOtherGroups}`);
    return `You have been assigned to party-group briefing ${reference} on ${content.meetingDate}. The protocol's rules:\n${items.join('\n')}`;
  }

  /** After delivery: tell the other groups' leaders, or offer them the same, exactly where the protocol says so. */
  private async tellOtherGroups(deps: WorkflowDeps, record: CaseRecord, route: BriefingRoute, content: BriefingContent, now: Date): Promise<void> {
    if (!route.informOtherGroups && !route.otherGroupsMayRequestSame) return;
    const leaders = this.deps.directory.holders(record.council, 'group-leader').filter((person) => person.id !== record.openedBy && (person.group ?? '').toLowerCase() !== content.group.toLowerCase());
    const what = content.format === 'attendance' ? 'an officer attended a political group meeting' : 'an officer prepared a report for a political group';
    for (const leader of leaders) {
      if (route.informOtherGroups) {
        await notifyPerson(
          deps,
          now,
          record,
          leader.id,
          'briefing-other-groups-told',
          `For information, as the protocol requires: ${what} on ${content.meetingDate}. Subject: ${content.subject}.`,
          [],
          `told:${record.reference}:${leader.id}`,
        );
      }
      if (route.otherGroupsMayRequestSame) {
        const copy = content.format === 'written-report' ? ' You may also ask for a copy of the report.' : '';
        await notifyPerson(
          deps,
          now,
          record,
          leader.id,
          'briefing-offer-to-other-groups',
          `Your group may ask for the same officer information or support that another group has received (subject: ${content.subject}). Ask ${theTitle(route.requestTo.title)}.${copy}`,
          content.format === 'written-report' ? ['request-copy', 'request-briefing'] : ['request-briefing'],
          `offer:${record.reference}:${leader.id}`,
        );
      }
    }
  }

  private gatekeeper(council: string, route: BriefingRoute, department?: string) {
    const person = this.deps.directory.holders(council, route.decidedBy.role, department)[0];
    if (!person) throw new AppError('no_handler', `the directory names no ${route.decidedBy.title} at ${this.deps.kb.council(council).profile.name}`);
    return person;
  }

  private async receiptFor(record: CaseRecord, created: boolean): Promise<BriefingReceipt> {
    const route = JSON.parse(record.routeJson) as BriefingRoute;
    const content = this.content(record);
    const handler = this.deps.directory.person(record.council, record.handlerId);
    return {
      reference: record.reference,
      created,
      state: record.state as BriefingState,
      gatekeeper: {
        title: record.state === 'awaiting-agreement' ? (route.nonCouncillorsPresent.requiresAgreementOf?.title ?? record.handlerRole) : route.decidedBy.title,
        name: handler?.name ?? record.handlerId,
      },
      preElectionWarning: await this.preElectionWarning(record.council, route, content.meetingDate),
      awaitingAgreementOf: record.state === 'awaiting-agreement' ? (route.nonCouncillorsPresent.requiresAgreementOf?.title ?? null) : null,
    };
  }

  /** A warning when a declared pre-election period covers today or the meeting, pointing to the protocol's guidance. */
  private async preElectionWarning(councilId: string, route: BriefingRoute, meetingDate: string): Promise<string | null> {
    const today = londonDate(this.deps.clock.now());
    const period = (await this.deps.store.listPreElectionPeriods(councilId)).find((p) => (today >= p.startsOn && today <= p.endsOn) || (meetingDate >= p.startsOn && meetingDate <= p.endsOn));
    if (!period) return null;
    const council = this.deps.kb.council(councilId);
    const guidance = route.preElection.rule
      ? `${route.preElection.rule}${route.preElection.contact ? ` Contact: ${theTitle(route.preElection.contact.title)}.` : ''}`
      : `The ${council.profile.protocolTitle} sets no specific rule for this period; take advice${council.profile.roles['monitoring-officer'] ? ` from ${theTitle(titleOf(council, 'monitoring-officer'))}` : ''} before the briefing.`;
    return `A pre-election period runs from ${period.startsOn} to ${period.endsOn}. ${guidance}`;
  }

  private async load(reference: string): Promise<CaseRecord> {
    const record = await this.deps.store.getCase(reference);
    if (!record || record.kind !== 'briefing') throw new AppError('case_not_found', `there is no briefing request ${referenceText(reference)}`);
    return record;
  }

  private content(record: CaseRecord): BriefingContent {
    return JSON.parse(this.deps.cipher.decrypt(record.contentEnc, record.reference)) as BriefingContent;
  }

  /** Only the requester, the gatekeeper (or agreer) and the assigned officer; anyone else is refused and audited. */
  private async partyOf(record: CaseRecord, personId: string, attempted: string): Promise<BriefingParty> {
    if (personId === record.openedBy) return 'requester';
    if (personId === record.handlerId) return record.state === 'awaiting-agreement' ? 'agreer' : 'gatekeeper';
    if (record.assignedTo !== null && personId === record.assignedTo) return 'assigned-officer';
    await this.deps.store.appendAudit({ reference: record.reference, actor: personId, action: `refused:${attempted}`, detail: 'not a party to this request', at: this.deps.clock.now().toISOString() });
    throw new AppError('not_permitted', `you are not a party to ${record.reference}`);
  }
}
