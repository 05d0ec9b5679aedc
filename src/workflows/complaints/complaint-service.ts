import { AppError } from '../../errors/app-error';
import type { CaseRecord } from '../../storage/case-store';
import { londonDate } from '../deadlines/calendar-date';
import { addWorkingDays } from '../deadlines/working-days';
import { enqueueNotification } from '../notifications';
import { nextState } from '../state-machine';
import type { WorkflowDeps } from '../workflow-deps';
import { alreadyReceived, ownSubmission } from '../submission-owner';
import { decideComplaintRoute, type RoutingDecision } from './complaint-routing';
import { openComplaintSchema, parseInput, type ComplaintContent, type OpenComplaintInput } from './complaint-input';
import { notifyHr, notifyPerson } from './complaint-notices';
import { COMPLAINT_MACHINE, type ComplaintEvent, type ComplaintParty, type ComplaintState } from './complaint-states';
import { resolveHandler } from './resolve-handler';
import { theTitle } from '../../knowledge/the-title';

/** What the complainant is told once the case is safely stored. */
export interface ComplaintReceipt {
  reference: string;
  /** False when this submission repeats one already received (same idempotency key). */
  created: boolean;
  state: ComplaintState;
  handler: { title: string; name: string };
  acknowledgeBy: string | null;
  deadlineSource: 'protocol' | 'service-standard' | null;
  /** Rules the protocol asks the complainant to see, and what to try first. */
  rules: string[];
  /** Route steps passed over (e.g. it would have gone to the person complained about), with why. */
  skipped: Array<{ title: string; reason: string }>;
}

/** A case as one permitted person may see it. */
export interface ComplaintView {
  reference: string;
  council: string;
  state: ComplaintState;
  viewer: ComplaintParty;
  createdAt: string;
  complainant: { personId: string; role: string };
  subject: { role: string | null; name: string; department: string };
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
 * transaction with its audit record and notifications, so an acknowledged case is never lost or doubled.
 */
export class ComplaintService {
  constructor(private readonly deps: WorkflowDeps) {}

  /** Opens a complaint (or returns the one this idempotency key already opened). */
  open(input: OpenComplaintInput): ComplaintReceipt {
    const data = parseInput(openComplaintSchema, input);
    const { store, kb, directory, clock, cipher } = this.deps;
    const council = kb.council(data.council);
    const existing = store.findByIdempotencyKey(data.idempotencyKey);
    if (existing) return this.receiptFor(ownSubmission(this.deps, existing, data.complainant.personId, 'refused:open'), false, []);

    const decision = decideComplaintRoute(council, data.complainant.role, data.subject.role);
    const resolved = resolveHandler(directory, data.council, decision, { personId: data.subject.personId, department: data.subject.department }, 0, data.complainant.personId);
    if (!resolved) {
      throw new AppError('no_handler', `nobody in the directory can take this complaint at ${council.profile.name}: ask an administrator to add ${theTitle(decision.recipient.title)} to the directory`);
    }
    const now = clock.now();
    const { deadline, source } = this.deadlineFrom(now, decision.acknowledgeWithinWorkingDays);
    const content: ComplaintContent = {
      subjectName: data.subject.name ?? '',
      subjectDepartment: data.subject.department ?? '',
      description: data.description,
      triedInformally: data.triedInformally,
      desiredOutcome: data.desiredOutcome,
      outcome: null,
      investigationNotes: null,
    };
    const record: CaseRecord = {
      reference: this.deps.newReference('C'),
      kind: 'complaint',
      council: data.council,
      state: 'submitted',
      idempotencyKey: data.idempotencyKey,
      openedBy: data.complainant.personId,
      openedByRole: data.complainant.role,
      subjectRole: data.subject.role,
      subjectPersonId: data.subject.personId ?? null,
      handlerId: resolved.person.id,
      handlerRole: resolved.party.role,
      assignedTo: null,
      routeJson: JSON.stringify(decision),
      escalationLevel: resolved.level,
      ackDeadline: deadline,
      deadlineSource: source,
      reminderSentFor: null,
      breachEscalatedFor: null,
      contentEnc: cipher.encrypt(JSON.stringify(content)),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      closedAt: null,
    };
    const stored = store.transaction(() => {
      // Checked again inside the transaction: two racing submissions with one key make one case.
      const raced = store.findByIdempotencyKey(data.idempotencyKey);
      if (raced) return raced;
      store.insertCase(record);
      const skippedNote = resolved.skipped.map((s) => `${s.title} skipped: ${s.reason}`).join('; ');
      store.appendAudit({ reference: record.reference, actor: record.openedBy, action: 'opened', detail: `routed to ${resolved.party.title}${skippedNote ? ` (${skippedNote})` : ''}`, at: record.createdAt });
      notifyPerson(this.deps, now, record, record.handlerId, 'case-assigned', `A private complaint (${record.reference}) has been routed to you as ${resolved.party.title}.`, ['acknowledge', 'view']);
      notifyPerson(this.deps, now, record, record.openedBy, 'case-received', `Received: your complaint is reference ${record.reference}. It has gone to ${theTitle(resolved.party.title)}.`, ['view']);
      notifyHr(this.deps, now, record, 'hr-case-opened');
      return record;
    });
    this.deps.logger.info({ reference: stored.reference, council: stored.council, kind: 'complaint', created: stored === record }, 'complaint received');
    return this.receiptFor(stored === record ? stored : ownSubmission(this.deps, stored, data.complainant.personId, 'refused:open'), stored === record, resolved.skipped);
  }

  /** True when `personId` already filed the submission with this idempotency key (a retry opens nothing). */
  alreadyReceived(idempotencyKey: string, personId: string): boolean {
    return alreadyReceived(this.deps, idempotencyKey, personId);
  }

  /** The case as `viewerId` may see it; every read (and refused read) is audited. */
  view(reference: string, viewerId: string): ComplaintView {
    const record = this.load(reference);
    const party = this.partyOf(record, viewerId, 'read');
    const content = this.content(record);
    const route = JSON.parse(record.routeJson) as RoutingDecision;
    const now = this.deps.clock.now().toISOString();
    this.deps.store.appendAudit({ reference, actor: viewerId, action: 'read', detail: `as ${party}`, at: now });
    return {
      reference,
      council: record.council,
      state: record.state as ComplaintState,
      viewer: party,
      createdAt: record.createdAt,
      complainant: { personId: record.openedBy, role: record.openedByRole },
      subject: { role: record.subjectRole, name: content.subjectName, department: content.subjectDepartment },
      description: content.description,
      triedInformally: content.triedInformally,
      desiredOutcome: content.desiredOutcome,
      outcome: content.outcome,
      ...(party === 'handler' ? { investigationNotes: content.investigationNotes } : {}),
      handler: { personId: record.handlerId, title: this.handlerTitle(record, route) },
      acknowledgeBy: record.ackDeadline,
      route,
      messages: this.deps.store.listMessages(reference).map((m) => ({ from: m.authorParty, text: this.deps.cipher.decrypt(m.bodyEnc), at: m.createdAt })),
    };
  }

  /** Relays a message between complainant and handler into the case thread. */
  message(reference: string, authorId: string, text: string): void {
    const body = text.trim();
    if (body === '' || body.length > 10_000) throw new AppError('bad_request', 'a message must have between 1 and 10,000 characters');
    const record = this.load(reference);
    const party = this.partyOf(record, authorId, 'message');
    if (record.state === 'closed' || record.state === 'withdrawn') throw new AppError('invalid_transition', `cannot add a message to a case that is ${record.state}`);
    const now = this.deps.clock.now();
    this.deps.store.transaction(() => {
      this.deps.store.insertMessage({ reference, authorId, authorParty: party, bodyEnc: this.deps.cipher.encrypt(body), createdAt: now.toISOString() });
      this.deps.store.appendAudit({ reference, actor: authorId, action: 'message', detail: `from ${party}`, at: now.toISOString() });
      const to = party === 'complainant' ? record.handlerId : record.openedBy;
      notifyPerson(this.deps, now, record, to, 'case-message', `New message on ${reference} from the ${party}.`, ['view', 'reply'], `message:${reference}:${now.getTime()}:${party}`);
    });
  }

  /**
   * Moves the case by `event` if `actorId` may; refused moves change nothing and are audited.
   * `note` carries the outcome (record-outcome) or the reason (withdraw, escalate).
   */
  act(reference: string, actorId: string, event: ComplaintEvent, note?: { outcome?: string; investigationNotes?: string; reason?: string }): ComplaintState {
    const { store, clock } = this.deps;
    const record = this.load(reference);
    const party = this.partyOf(record, actorId, event);
    const now = clock.now();
    let next: ComplaintState;
    try {
      next = nextState(COMPLAINT_MACHINE, record.state as ComplaintState, event, party);
    } catch (error) {
      store.appendAudit({ reference, actor: actorId, action: `refused:${event}`, detail: (error as Error).message, at: now.toISOString() });
      throw error;
    }
    if (event === 'record-outcome' && !note?.outcome?.trim()) throw new AppError('bad_request', 'record an outcome for the complainant');
    if (event === 'escalate') return this.escalate(record, actorId, now, note?.reason ?? 'the complainant asked for the next level');

    const patch: Partial<CaseRecord> = { state: next, updatedAt: now.toISOString() };
    if (next === 'closed' || next === 'withdrawn') patch.closedAt = now.toISOString();
    if (event === 'record-outcome') {
      const content = this.content(record);
      patch.contentEnc = this.deps.cipher.encrypt(JSON.stringify({ ...content, outcome: note?.outcome?.trim() ?? '', investigationNotes: note?.investigationNotes?.trim() ?? null }));
    }
    store.transaction(() => {
      if (!store.updateCase(reference, record.state, patch)) throw new AppError('invalid_transition', `${reference} changed meanwhile; look at it again`);
      store.appendAudit({ reference, actor: actorId, action: event, detail: `${record.state} -> ${next}`, at: now.toISOString() });
      const other = party === 'handler' ? record.openedBy : record.handlerId;
      const text = event === 'record-outcome' ? `An outcome has been recorded on ${reference}.` : `${reference} is now ${next.replace(/-/g, ' ')}.`;
      notifyPerson(this.deps, now, record, other, 'case-state-changed', text, ['view'], `state:${reference}:${next}:${now.getTime()}`);
      notifyHr(this.deps, now, { ...record, state: next }, 'hr-case-changed');
    });
    return next;
  }

  /** Moves a case to the next level of its route (deadline breach, stalled, or not satisfied). */
  escalate(record: CaseRecord, actorId: string, now: Date, reason: string): ComplaintState {
    const { store, directory } = this.deps;
    const route = JSON.parse(record.routeJson) as RoutingDecision;
    const resolved = resolveHandler(directory, record.council, route, { personId: record.subjectPersonId, department: this.content(record).subjectDepartment || null }, record.escalationLevel + 1, record.openedBy);
    const { deadline, source } = this.deadlineFrom(now, route.acknowledgeWithinWorkingDays);
    store.transaction(() => {
      const patch: Partial<CaseRecord> = { state: 'escalated', updatedAt: now.toISOString(), ackDeadline: deadline, deadlineSource: source, reminderSentFor: null };
      if (resolved) Object.assign(patch, { handlerId: resolved.person.id, handlerRole: resolved.party.role, escalationLevel: resolved.level });
      // With no level left there is nobody further to chase: the case stays with its handler, HR is told, and
      // no new deadline is set, so a breach is escalated once and not again and again.
      else Object.assign(patch, { ackDeadline: null, deadlineSource: null });
      if (actorId === 'system') patch.breachEscalatedFor = record.ackDeadline;
      if (!store.updateCase(record.reference, record.state, patch)) throw new AppError('invalid_transition', `${record.reference} changed meanwhile; look at it again`);
      const to = resolved ? resolved.party.title : 'no further level (the protocol gives none)';
      store.appendAudit({ reference: record.reference, actor: actorId, action: 'escalate', detail: `${record.state} -> escalated to ${to}: ${reason}`, at: now.toISOString() });
      const updated = { ...record, ...patch } as CaseRecord;
      if (resolved) {
        notifyPerson(this.deps, now, updated, resolved.person.id, 'case-assigned', `Complaint ${record.reference} has been escalated to you as ${resolved.party.title} (${reason}).`, ['acknowledge', 'view'], `escalated:${record.reference}:${resolved.level}:${now.getTime()}`);
      }
      notifyPerson(this.deps, now, updated, record.openedBy, 'case-state-changed', `Your complaint ${record.reference} has been escalated${resolved ? ` to ${theTitle(resolved.party.title)}` : ''}.`, ['view'], `escalated-complainant:${record.reference}:${now.getTime()}`);
      notifyHr(this.deps, now, updated, 'hr-case-changed');
    });
    return 'escalated';
  }

  /** Cases a person opened or handles (metadata only). */
  listFor(personId: string): CaseSummary[] {
    return this.deps.store.listCasesByPerson(personId).map((record) => ({
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
  exportForComplainant(reference: string, personId: string): object {
    const record = this.load(reference);
    if (record.openedBy !== personId) {
      this.deps.store.appendAudit({ reference, actor: personId, action: 'refused:export', detail: 'not the complainant', at: this.deps.clock.now().toISOString() });
      throw new AppError('not_permitted', 'only the complainant can export their case');
    }
    const view = this.view(reference, personId);
    this.deps.store.appendAudit({ reference, actor: personId, action: 'exported', detail: 'subject-access export', at: this.deps.clock.now().toISOString() });
    return { exportedAt: this.deps.clock.now().toISOString(), case: view, audit: this.deps.store.listAudit(reference) };
  }

  private receiptFor(record: CaseRecord, created: boolean, skipped: ComplaintReceipt['skipped']): ComplaintReceipt {
    const route = JSON.parse(record.routeJson) as RoutingDecision;
    const handler = this.deps.directory.person(record.council, record.handlerId);
    return {
      reference: record.reference,
      created,
      state: record.state as ComplaintState,
      handler: { title: this.handlerTitle(record, route), name: handler?.name ?? record.handlerId },
      acknowledgeBy: record.ackDeadline,
      deadlineSource: record.deadlineSource,
      rules: [...(route.informalFirst ? [`First: ${route.informalFirst}`] : []), ...route.notes],
      skipped,
    };
  }

  private handlerTitle(record: CaseRecord, route: RoutingDecision): string {
    const all = [route.recipient, ...route.alternatives, ...route.escalation];
    return all.find((p) => p.role === record.handlerRole)?.title ?? record.handlerRole;
  }

  private deadlineFrom(now: Date, protocolDays: number | null): { deadline: string; source: 'protocol' | 'service-standard' } {
    const days = protocolDays ?? this.deps.serviceStandardWorkingDays;
    return { deadline: addWorkingDays(londonDate(now), days, this.deps.holidays), source: protocolDays === null ? 'service-standard' : 'protocol' };
  }

  private load(reference: string): CaseRecord {
    const record = this.deps.store.getCase(reference);
    if (!record || record.kind !== 'complaint') throw new AppError('case_not_found', `no complaint ${reference}`);
    return record;
  }

  private content(record: CaseRecord): ComplaintContent {
    return JSON.parse(this.deps.cipher.decrypt(record.contentEnc)) as ComplaintContent;
  }

  /** The party a person is on this case; anyone else is refused, and the attempt audited. */
  private partyOf(record: CaseRecord, personId: string, attempted: string): ComplaintParty {
    if (personId === 'system') return 'system';
    if (personId === record.openedBy) return 'complainant';
    if (personId === record.handlerId) return 'handler';
    this.deps.store.appendAudit({ reference: record.reference, actor: personId, action: `refused:${attempted}`, detail: 'not a party to this case', at: this.deps.clock.now().toISOString() });
    throw new AppError('not_permitted', `you are not a party to ${record.reference}`);
  }
}
