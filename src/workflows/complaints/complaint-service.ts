import { AppError } from '../../errors/app-error';
import { referenceText } from '../case-reference';
import { titleOf } from '../../knowledge/council-knowledge';
import { messageBinding } from '../../security/content-key-check';
import type { CaseParty, CaseRecord } from '../../storage/case-store';
import { theTitle } from '../../knowledge/the-title';
import { nextState } from '../state-machine';
import { alreadyReceived, sameSubmission } from '../submission-owner';
import type { WorkflowDeps } from '../workflow-deps';
import { openComplaintSchema, parseInput, type ComplaintContent, type OpenComplaintInput } from './complaint-input';
import { notifyHr, notifyPerson } from './complaint-notices';
import { assignerFor, handlerFor, peopleOfSubmission } from './complaint-people';
import { decideComplaintRoute, type RoutingDecision } from './complaint-routing';
import { COMPLAINT_MACHINE, type ComplaintEvent, type ComplaintParty, type ComplaintState } from './complaint-states';
import { escalateCase } from './complaint-escalation';
import { LegalHolds, type LegalHoldStatus } from '../legal-hold';
import { complaintDeadline, handlerTitleOf } from './complaint-case-facts';
import { firstHandler, resolveCopies, type ComplaintPeople, type HandlerChoice } from './route-to-people';
import { updateUnchanged } from '../update-unchanged';

/** What the complainant is told once the case is safely stored. */
export interface ComplaintReceipt {
  reference: string;
  /** False when this submission repeats one already received (same idempotency key, same content). */
  created: boolean;
  state: ComplaintState;
  handler: { title: string; name: string };
  acknowledgeBy: string | null;
  deadlineSource: 'protocol' | 'service-standard' | null;
  /** True when the subject is not in the directory and the handler first finds who should deal with it. */
  beingAssigned: boolean;
  /** Rules the protocol asks the complainant to see, and what to try first. */
  rules: string[];
  /** Route steps passed over (e.g. it would have gone to the person complained about), with why. */
  skipped: Array<{ title: string; reason: string }>;
  /** Who else the protocol has told, by title. */
  told: Array<{ title: string; kind: 'copy' | 'informed' }>;
}

/** A case as one permitted person may see it. */
export interface ComplaintView {
  reference: string;
  council: string;
  state: ComplaintState;
  viewer: ComplaintParty;
  createdAt: string;
  complainant: { personId: string; role: string; name: string | null };
  subject: { role: string | null; personId: string | null; name: string; department: string };
  description: string;
  triedInformally: string;
  desiredOutcome: string;
  outcome: string | null;
  /** Only for the handler. */
  investigationNotes?: string | null;
  handler: { personId: string; title: string };
  acknowledgeBy: string | null;
  route: RoutingDecision;
  messages: Array<{ from: string; text: string; at: string }>;
}

/** Metadata of a case for lists (no content). */
export interface CaseSummary {
  reference: string;
  kind: string;
  council: string;
  state: string;
  role: 'complainant' | 'handler' | 'requester' | 'gatekeeper' | 'assigned officer' | 'other';
  acknowledgeBy: string | null;
  createdAt: string;
}

/**
 * Private complaints: open, read, relay messages, move through the state machine. Every change is one
 * transaction with its audit record and notifications, so an acknowledged case is never lost or doubled, and no
 * step of it (handler, escalation, copy) ever reaches the person the complaint is about.
 */
export class ComplaintService {
  private readonly holds: LegalHolds;

  constructor(private readonly deps: WorkflowDeps) {
    this.holds = new LegalHolds(deps);
  }

  /** Opens a complaint (or returns the one this idempotency key already opened with the same content). */
  async open(input: OpenComplaintInput): Promise<ComplaintReceipt> {
    const data = parseInput(openComplaintSchema, input);
    const { store, kb, directory, clock, cipher } = this.deps;
    const council = kb.council(data.council);
    const people = peopleOfSubmission(directory, data.council, data.complainant.personId, data.subject);
    const submission = {
      personId: data.complainant.personId,
      kind: 'complaint' as const,
      hash: cipher.fingerprint(JSON.stringify([data.council, data.complainant, data.subject, data.description, data.triedInformally, data.desiredOutcome])),
    };
    const existing = await store.findByIdempotencyKey(data.idempotencyKey);
    if (existing) return this.receiptFor(await sameSubmission(this.deps, existing, submission, 'refused:open'), false, []);

    const decision = decideComplaintRoute(council, data.complainant.role, people.subject.role);
    const listed = people.subject.person !== undefined;
    const handler = listed
      ? handlerFor(directory, decision, people, (role) => titleOf(council, role))
      : (assignerFor(directory, people, (role) => titleOf(council, role)) ?? firstHandler(directory, decision, people));
    if (!handler) {
      throw new AppError(
        'no_handler',
        `nothing was filed: nobody in the directory at ${council.profile.name} can take this complaint without it going to you or to the person it is about (the protocol names ${theTitle(decision.recipient.title)}); please ask an administrator to add who should handle it`,
      );
    }
    const now = clock.now();
    const { deadline, source } = this.deadlineFrom(now, decision.acknowledgeWithinWorkingDays);
    const copies = listed ? resolveCopies(directory, decision, people, handler.person.id) : [];
    const parties: CaseParty[] = copies.flatMap((c) => (c.person ? [{ personId: c.person.id, kind: c.kind, role: c.role, title: c.title }] : []));
    const reference = this.deps.newReference('C');
    const content: ComplaintContent = {
      subjectName: people.subject.person?.name ?? data.subject.name ?? '',
      subjectDepartment: people.subject.person?.department ?? data.subject.department ?? '',
      description: data.description,
      triedInformally: data.triedInformally,
      desiredOutcome: data.desiredOutcome,
      outcome: null,
      investigationNotes: null,
    };
    const record: CaseRecord = {
      reference,
      kind: 'complaint',
      council: data.council,
      state: 'submitted',
      idempotencyKey: data.idempotencyKey,
      openedBy: data.complainant.personId,
      openedByRole: data.complainant.role,
      subjectRole: people.subject.role,
      subjectPersonId: people.subject.person?.id ?? null,
      handlerId: handler.person.id,
      handlerRole: handler.party.role,
      assignedTo: null,
      routeJson: JSON.stringify(decision),
      escalationLevel: handler.level,
      ackDeadline: deadline,
      deadlineSource: source,
      reminderSentFor: null,
      breachEscalatedFor: null,
      contentEnc: cipher.encrypt(JSON.stringify(content), reference),
      partiesJson: JSON.stringify(parties),
      submissionHash: submission.hash,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      closedAt: null,
    };
    const stored = await store.transaction(async (tx) => {
      // Checked again inside the transaction: two racing submissions with one key make one case.
      const raced = await tx.findByIdempotencyKey(data.idempotencyKey);
      if (raced) return raced;
      await tx.insertCase(record);
      const passedOver = [...handler.skipped.map((s) => `${s.title} skipped: ${s.reason}`), ...copies.filter((c) => !c.person).map((c) => `${c.title}: ${c.note}`)];
      await tx.appendAudit({
        reference,
        actor: record.openedBy,
        action: 'opened',
        detail: `routed to ${handler.party.title}${listed ? '' : ' to assign (the subject is not in the directory)'}${passedOver.length ? ` (${passedOver.join('; ')})` : ''}`,
        at: record.createdAt,
      });
      const inTx = { ...this.deps, store: tx };
      await this.tellHandler(inTx, now, record, handler, listed);
      await this.tellCopies(inTx, now, record, parties, handler.party.title);
      await notifyHr(inTx, now, record, 'hr-case-opened', handler.party.title);
      return record;
    });
    this.deps.logger.info({ reference: stored.reference, council: stored.council, kind: 'complaint', created: stored === record }, 'complaint received');
    if (stored !== record) return this.receiptFor(await sameSubmission(this.deps, stored, submission, 'refused:open'), false, []);
    return this.receiptFor(stored, true, handler.skipped);
  }

  /** True when `personId` already filed the submission with this idempotency key (a retry opens nothing). */
  alreadyReceived(idempotencyKey: string, personId: string): Promise<boolean> {
    return alreadyReceived(this.deps, idempotencyKey, personId);
  }

  /** The case as `viewerId` may see it; every read (and refused read) is audited. */
  async view(reference: string, viewerId: string): Promise<ComplaintView> {
    const record = await this.load(reference);
    const party = await this.partyOf(record, viewerId, 'read', true);
    const content = this.content(record);
    const route = JSON.parse(record.routeJson) as RoutingDecision;
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.appendAudit({ reference, actor: viewerId, action: 'read', detail: `as ${party}`, at: now });
    const messages = await this.deps.store.listMessages(reference);
    return {
      reference,
      council: record.council,
      state: record.state as ComplaintState,
      viewer: party,
      createdAt: record.createdAt,
      complainant: { personId: record.openedBy, role: record.openedByRole, name: this.deps.directory.person(record.council, record.openedBy)?.name ?? null },
      subject: { role: record.subjectRole, personId: record.subjectPersonId, name: content.subjectName, department: content.subjectDepartment },
      description: content.description,
      triedInformally: content.triedInformally,
      desiredOutcome: content.desiredOutcome,
      outcome: content.outcome,
      ...(party === 'handler' ? { investigationNotes: content.investigationNotes } : {}),
      handler: { personId: record.handlerId, title: handlerTitleOf(record, this.deps.kb) },
      acknowledgeBy: record.ackDeadline,
      route,
      messages: messages.map((m) => ({ from: m.authorParty, text: this.deps.cipher.decrypt(m.bodyEnc, messageBinding(reference)), at: m.createdAt })),
    };
  }

  /** Relays a message between complainant and handler into the case thread. */
  async message(reference: string, authorId: string, text: string): Promise<void> {
    const body = text.trim();
    if (body === '' || body.length > 10_000) throw new AppError('bad_request', 'a message must have between 1 and 10,000 characters');
    const record = await this.load(reference);
    const party = await this.partyOf(record, authorId, 'message', false);
    if (record.state === 'closed' || record.state === 'withdrawn') throw new AppError('invalid_transition', `cannot add a message to a case that is ${record.state}`);
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      await tx.insertMessage({ reference, authorId, authorParty: party, bodyEnc: this.deps.cipher.encrypt(body, messageBinding(reference)), createdAt: now.toISOString() });
      await tx.appendAudit({ reference, actor: authorId, action: 'message', detail: `from ${party}`, at: now.toISOString() });
      const to = party === 'complainant' ? record.handlerId : record.openedBy;
      await notifyPerson({ ...this.deps, store: tx }, now, record, to, 'case-message', `New message on ${reference} from the ${party}.`, 'theirs', `message:${reference}:${now.getTime()}:${party}`);
    });
  }

  /**
   * Moves the case by `event` if `actorId` may; refused moves change nothing and are audited.
   * `note` carries the outcome (record-outcome), the reason (withdraw, escalate, pass-on) or, for `assign`, the
   * directory id of the person the complaint turns out to be about.
   */
  async act(reference: string, actorId: string, event: ComplaintEvent, note?: { outcome?: string; investigationNotes?: string; reason?: string; subjectPersonId?: string }): Promise<ComplaintState> {
    const { store, clock } = this.deps;
    const record = await this.load(reference);
    const party = await this.partyOf(record, actorId, event, false);
    const now = clock.now();
    let next: ComplaintState;
    try {
      next = nextState(COMPLAINT_MACHINE, record.state as ComplaintState, event, party);
    } catch (error) {
      await store.appendAudit({ reference, actor: actorId, action: `refused:${String(event).slice(0, 40)}`, detail: (error as Error).message, at: now.toISOString() });
      throw error;
    }
    if (event === 'record-outcome' && !note?.outcome?.trim()) throw new AppError('bad_request', 'record an outcome for the complainant');
    if (event === 'escalate') return escalateCase(this.deps, record, actorId, now, 'not-satisfied', note?.reason ?? 'the complainant asked for the next level');
    if (event === 'pass-on') return escalateCase(this.deps, record, actorId, now, 'handler-refers', note?.reason ?? 'the handler referred it on');
    if (event === 'assign') return this.assign(record, actorId, now, note?.subjectPersonId);

    const patch: Partial<CaseRecord> = { state: next, updatedAt: now.toISOString() };
    if (next === 'closed' || next === 'withdrawn') patch.closedAt = now.toISOString();
    if (event === 'record-outcome') {
      const content = this.content(record);
      patch.contentEnc = this.deps.cipher.encrypt(JSON.stringify({ ...content, outcome: note?.outcome?.trim() ?? '', investigationNotes: note?.investigationNotes?.trim() ?? null }), reference);
    }
    await store.transaction(async (tx) => {
      if (!(await updateUnchanged(tx, record, patch))) throw new AppError('invalid_transition', `${reference} changed meanwhile; look at it again`);
      await tx.appendAudit({ reference, actor: actorId, action: event, detail: `${record.state} -> ${next}`, at: now.toISOString() });
      const other = party === 'handler' ? record.openedBy : record.handlerId;
      const text = event === 'record-outcome' ? `An outcome has been recorded on ${reference}.` : `${reference} is now ${next.replace(/-/g, ' ')}.`;
      const inTx = { ...this.deps, store: tx };
      await notifyPerson(inTx, now, { ...record, ...patch } as CaseRecord, other, 'case-state-changed', text, 'theirs', `state:${reference}:${next}:${now.getTime()}`);
      await notifyHr(inTx, now, { ...record, state: next }, 'hr-case-changed', handlerTitleOf(record, this.deps.kb));
    });
    return next;
  }

  /** Places a legal hold on a case, complaint or briefing (only the Monitoring Officer): kept past retention until released. */
  placeLegalHold(reference: string, personId: string, reason: string): Promise<LegalHoldStatus> {
    return this.holds.place(reference, personId, reason);
  }

  /** Lifts a legal hold (only the Monitoring Officer): the next retention pass treats the case like any other. */
  releaseLegalHold(reference: string, personId: string, reason?: string): Promise<LegalHoldStatus> {
    return this.holds.release(reference, personId, reason);
  }

  /** Cases a person opened or handles (metadata only). */
  async listFor(personId: string): Promise<CaseSummary[]> {
    return (await this.deps.store.listCasesByPerson(personId)).map((record) => ({
      reference: record.reference,
      kind: record.kind,
      council: record.council,
      state: record.state,
      role: record.openedBy === personId ? (record.kind === 'complaint' ? 'complainant' : 'requester') : record.kind === 'complaint' ? 'handler' : 'gatekeeper',
      acknowledgeBy: record.ackDeadline,
      createdAt: record.createdAt,
    }));
  }

  /** Subject-access export: everything held about a complainant's own case, as JSON; only for them. */
  async exportForComplainant(reference: string, personId: string): Promise<object> {
    const record = await this.load(reference);
    if (record.openedBy !== personId) {
      await this.deps.store.appendAudit({ reference, actor: personId, action: 'refused:export', detail: 'not the complainant', at: this.deps.clock.now().toISOString() });
      throw new AppError('not_permitted', 'only the complainant can export their case');
    }
    const view = await this.view(reference, personId);
    await this.deps.store.appendAudit({ reference, actor: personId, action: 'exported', detail: 'subject-access export', at: this.deps.clock.now().toISOString() });
    return { exportedAt: this.deps.clock.now().toISOString(), case: view, audit: await this.deps.store.listAudit(reference) };
  }

  /**
   * A complaint about someone not listed, placed by the person it went to: with the subject named from the
   * directory, it takes that subject's route (never reaching them); without, the assigner keeps it as handler.
   */
  private async assign(record: CaseRecord, actorId: string, now: Date, subjectPersonId: string | undefined): Promise<ComplaintState> {
    if (record.escalationLevel !== -1 || record.subjectPersonId !== null)
      throw new AppError('invalid_transition', `${record.reference} already has its handler; only a complaint about someone not listed is assigned`);
    if (!subjectPersonId) throw new AppError('bad_request', 'choose the person the complaint is about from the directory');
    const council = this.deps.kb.council(record.council);
    const people: ComplaintPeople = peopleOfSubmission(this.deps.directory, record.council, record.openedBy, { personId: subjectPersonId });
    const decision = decideComplaintRoute(council, record.openedByRole as 'member' | 'officer', people.subject.role);
    const handler = handlerFor(this.deps.directory, decision, people, (role) => titleOf(council, role));
    if (!handler) throw new AppError('no_handler', `nobody in the directory can take a complaint about that person at ${council.profile.name}`);
    const copies = resolveCopies(this.deps.directory, decision, people, handler.person.id);
    const parties: CaseParty[] = copies.flatMap((c) => (c.person ? [{ personId: c.person.id, kind: c.kind, role: c.role, title: c.title }] : []));
    const { deadline, source } = this.deadlineFrom(now, decision.acknowledgeWithinWorkingDays);
    const patch: Partial<CaseRecord> = {
      subjectPersonId: people.subject.person?.id ?? null,
      subjectRole: people.subject.role,
      routeJson: JSON.stringify(decision),
      handlerId: handler.person.id,
      handlerRole: handler.party.role,
      escalationLevel: handler.level,
      partiesJson: JSON.stringify(parties),
      ackDeadline: deadline,
      deadlineSource: source,
      reminderSentFor: null,
      updatedAt: now.toISOString(),
    };
    const updated = { ...record, ...patch } as CaseRecord;
    await this.deps.store.transaction(async (tx) => {
      const inTx = { ...this.deps, store: tx };
      if (!(await updateUnchanged(tx, record, patch))) throw new AppError('invalid_transition', `${record.reference} changed meanwhile; look at it again`);
      await tx.appendAudit({
        reference: record.reference,
        actor: actorId,
        action: 'assign',
        detail: `subject identified; routed to ${handler.party.title}${handler.skipped.length ? ` (${handler.skipped.map((s) => `${s.title} skipped: ${s.reason}`).join('; ')})` : ''}`,
        at: now.toISOString(),
      });
      if (handler.person.id !== actorId) {
        await this.tellHandler(inTx, now, updated, handler, true);
        await notifyPerson(
          inTx,
          now,
          updated,
          actorId,
          'case-reassigned',
          `Complaint ${record.reference} has gone to ${theTitle(handler.party.title)}; you no longer handle it.`,
          [],
          `reassigned:${record.reference}:${actorId}:${now.getTime()}`,
        );
      }
      await this.tellCopies(inTx, now, updated, parties, handler.party.title);
      await notifyPerson(
        inTx,
        now,
        updated,
        record.openedBy,
        'case-state-changed',
        `Your complaint ${record.reference} is now with ${theTitle(handler.party.title)}.`,
        'theirs',
        `assigned-complainant:${record.reference}:${now.getTime()}`,
      );
      await notifyHr(inTx, now, updated, 'hr-case-changed', handler.party.title);
    });
    return 'submitted';
  }

  private async tellHandler(deps: WorkflowDeps, now: Date, record: CaseRecord, handler: HandlerChoice, listed: boolean): Promise<void> {
    const text = listed
      ? `A private complaint (${record.reference}) has been routed to you as ${handler.party.title}.`
      : `A private complaint (${record.reference}) is about someone the directory does not list. As ${handler.party.title}, please say who it is about so it goes to the right person, or handle it yourself.`;
    await notifyPerson(
      deps,
      now,
      record,
      handler.person.id,
      'case-assigned',
      text,
      listed ? 'theirs' : ['assign', 'acknowledge', 'view'],
      `case-assigned:${record.reference}:${handler.person.id}:${handler.level}`,
    );
  }

  /** Everyone the protocol copies (they may read it) or informs (told of it, never its words). */
  private async tellCopies(deps: WorkflowDeps, now: Date, record: CaseRecord, parties: CaseParty[], handlerTitle: string): Promise<void> {
    for (const party of parties) {
      const text =
        party.kind === 'copy'
          ? `You are sent a copy of complaint ${record.reference}, as the protocol requires; it is with ${theTitle(handlerTitle)}.`
          : `For information, as the protocol requires: a complaint (${record.reference}) has been made and is with ${theTitle(handlerTitle)}. You are told that it exists, not what it says.`;
      await notifyPerson(
        deps,
        now,
        record,
        party.personId,
        party.kind === 'copy' ? 'case-copied' : 'case-informed',
        text,
        party.kind === 'copy' ? 'theirs' : [],
        `${party.kind}:${record.reference}:${party.personId}`,
      );
    }
  }

  private receiptFor(record: CaseRecord, created: boolean, skipped: ComplaintReceipt['skipped']): ComplaintReceipt {
    const route = JSON.parse(record.routeJson) as RoutingDecision;
    const handler = this.deps.directory.person(record.council, record.handlerId);
    const parties = JSON.parse(record.partiesJson) as CaseParty[];
    return {
      reference: record.reference,
      created,
      state: record.state as ComplaintState,
      handler: { title: handlerTitleOf(record, this.deps.kb), name: handler?.name ?? record.handlerId },
      acknowledgeBy: record.ackDeadline,
      deadlineSource: record.deadlineSource,
      beingAssigned: record.escalationLevel === -1 && record.subjectPersonId === null,
      rules: [...(route.informalFirst ? [`First: ${route.informalFirst}`] : []), ...route.notes],
      skipped,
      told: parties.map((p) => ({ title: p.title.replace(/ \(informed\)$/, ''), kind: p.kind })),
    };
  }

  private deadlineFrom(now: Date, protocolDays: number | null): { deadline: string; source: 'protocol' | 'service-standard' } {
    return complaintDeadline(this.deps, now, protocolDays);
  }

  private async load(reference: string): Promise<CaseRecord> {
    const record = await this.deps.store.getCase(reference);
    if (!record || record.kind !== 'complaint') throw new AppError('case_not_found', `there is no complaint ${referenceText(reference)}`);
    return record;
  }

  private content(record: CaseRecord): ComplaintContent {
    return JSON.parse(this.deps.cipher.decrypt(record.contentEnc, record.reference)) as ComplaintContent;
  }

  /** The party a person is on this case (a copy only when reading); anyone else is refused, and the attempt audited. */
  private async partyOf(record: CaseRecord, personId: string, attempted: string, reading: boolean): Promise<ComplaintParty> {
    if (personId === 'system') return 'system';
    if (personId === record.openedBy) return 'complainant';
    if (personId === record.handlerId) return 'handler';
    const copied = (JSON.parse(record.partiesJson) as CaseParty[]).some((p) => p.personId === personId && p.kind === 'copy');
    if (copied && reading) return 'copy';
    await this.deps.store.appendAudit({
      reference: record.reference,
      actor: personId,
      action: `refused:${attempted.slice(0, 40)}`,
      detail: copied ? 'a copy holder may only read the case' : 'not a party to this case',
      at: this.deps.clock.now().toISOString(),
    });
    throw new AppError('not_permitted', copied ? `you have a copy of ${record.reference} to read; only its handler and complainant act on it` : `you are not a party to ${record.reference}`);
  }
}
