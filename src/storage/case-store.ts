/** What kind of case: a private complaint or a party-group briefing request. */
export type CaseKind = 'complaint' | 'briefing';

/** Someone the protocol copies on a case (may read it) or informs of it (told, never shown it). */
export interface CaseParty {
  personId: string;
  kind: 'copy' | 'informed';
  role: string;
  title: string;
}

/** A case as stored: metadata in the clear, content sealed by the content cipher. */
export interface CaseRecord {
  reference: string;
  kind: CaseKind;
  council: string;
  state: string;
  idempotencyKey: string;
  openedBy: string;
  openedByRole: string;
  subjectRole: string | null;
  /** The person the case is about, where one is named (never routed to them). */
  subjectPersonId: string | null;
  handlerId: string;
  handlerRole: string;
  /** Briefings: the officer the gatekeeper assigned. */
  assignedTo: string | null;
  /** Routing decision or briefing rules in force: roles and titles only, no content. */
  routeJson: string;
  escalationLevel: number;
  ackDeadline: string | null;
  deadlineSource: 'protocol' | 'service-standard' | null;
  reminderSentFor: string | null;
  breachEscalatedFor: string | null;
  contentEnc: string;
  /** People the protocol copies or informs (`CaseParty[]` as JSON): ids and titles, no content. */
  partiesJson: string;
  /** Keyed digest of the submission, so a reused idempotency key with other content is refused. */
  submissionHash: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /**
   * A legal hold placed by the Monitoring Officer: the case is neither closed by age nor purged while it stands.
   * Set only through `setLegalHold`, never when a case is inserted (so optional here).
   */
  legalHoldBy?: string | null;
  legalHoldAt?: string | null;
  legalHoldReason?: string | null;
}

/** A legal hold as placed: who, when and why. */
export interface LegalHold {
  by: string;
  at: string;
  reason: string;
}

/** A message in a case thread; its body is sealed. */
export interface CaseMessageRecord {
  id?: number;
  reference: string;
  authorId: string;
  authorParty: string;
  bodyEnc: string;
  createdAt: string;
}

/** One line of the append-only audit log: who did what to which case, and when. Never content. */
export interface AuditRecord {
  id?: number;
  reference: string;
  actor: string;
  action: string;
  detail: string;
  at: string;
}

/** A pre-election period declared by an administrator. */
export interface PreElectionPeriod {
  council: string;
  startsOn: string;
  endsOn: string;
  declaredBy: string;
  declaredAt: string;
}

/** A notification waiting to be delivered; written in the same transaction as the change it reports. */
export interface OutboxRecord {
  id?: number;
  dedupeKey: string;
  reference: string;
  recipientJson: string;
  kind: string;
  payloadJson: string;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  /** Comma-separated channels that already delivered it (a partial delivery is not repeated). */
  deliveredVia: string;
}

/**
 * The storage the case workflows need; SQLite is the default engine (src/storage/sqlite), PostgreSQL the shared one.
 * Every method is asynchronous, so a wait for the database holds up only the request that made it.
 */
export interface CaseStore {
  /**
   * Runs `work` atomically with `tx`, a store bound to this transaction: all its writes land, or none do.
   * Inside `work` use only `tx` (never the outer store), and do no network I/O. `tx.transaction(w)` runs
   * `w(tx)` inside the same transaction.
   */
  transaction<T>(work: (tx: CaseStore) => Promise<T>): Promise<T>;
  findByIdempotencyKey(key: string): Promise<CaseRecord | undefined>;
  insertCase(record: CaseRecord): Promise<void>;
  getCase(reference: string): Promise<CaseRecord | undefined>;
  /** Updates a case only if it is still in `expectedState`; false when another change got there first. */
  updateCase(reference: string, expectedState: string, patch: Partial<Omit<CaseRecord, 'reference' | 'kind'>>): Promise<boolean>;
  /** When each case `personId` opened since `since` was opened (ISO instants, oldest first): the per-person limit. */
  listOpenedSince(personId: string, since: string): Promise<string[]>;
  /** Cases a person opened, handles or is assigned to. */
  listCasesByPerson(personId: string): Promise<CaseRecord[]>;
  listCases(filter?: { council?: string; kind?: CaseKind; state?: string }): Promise<CaseRecord[]>;
  /** How many cases there are of each kind and state, counted by the database (metrics). */
  countByKindAndState(): Promise<Array<{ kind: CaseKind; state: string; count: number }>>;
  /** How many open cases are past their acknowledgement deadline (`today`, YYYY-MM-DD), counted by the database. */
  countOverdue(today: string): Promise<number>;
  /**
   * Cases awaiting acknowledgement whose deadline (YYYY-MM-DD) is on or before `horizon` and still needs the
   * scheduler: not yet marked overdue for it, and not already reminded of a deadline still to come (`today`).
   * Read by an index, so a pass does not grow with the number of cases.
   */
  listDueForDeadlineCheck(today: string, horizon: string): Promise<CaseRecord[]>;
  listClosedBefore(instant: string): Promise<CaseRecord[]>;
  /**
   * Open cases not under a legal hold on which nothing has happened since `instant`: no state change and no
   * message (retention closes them by age).
   */
  listOpenInactiveSince(instant: string): Promise<CaseRecord[]>;
  /** Places (or, with null, lifts) a legal hold on a case; false when there is no such case. */
  setLegalHold(reference: string, hold: LegalHold | null): Promise<boolean>;
  /** Deletes a case with its messages (the rest of what names its people goes through the methods below). */
  deleteCase(reference: string): Promise<void>;
  /** Deletes every outbox notification about a case, sent or not (their recipients and texts name its people). */
  deleteOutboxFor(reference: string): Promise<number>;
  /**
   * Rewrites one audit line of a purged case to its pseudonymised form; the database refuses anything else
   * (see the migration that replaced the no-update trigger).
   */
  pseudonymiseAuditLine(id: number, actor: string, detail: string): Promise<void>;
  /** Makes sure deleted rows are gone from the database files, not just unlinked (after a purge). */
  scrubDeleted(): Promise<void>;
  insertMessage(message: CaseMessageRecord): Promise<void>;
  listMessages(reference: string): Promise<CaseMessageRecord[]>;
  appendAudit(entry: AuditRecord): Promise<void>;
  listAudit(reference?: string): Promise<AuditRecord[]>;
  /** Adds a notification; a second one with the same dedupe key is ignored. */
  enqueue(item: Omit<OutboxRecord, 'id' | 'sentAt' | 'attempts' | 'lastError' | 'deliveredVia'>): Promise<void>;
  /**
   * Claims up to `limit` due notifications (not sent, nextAttemptAt <= now), oldest first: in the same
   * statement their nextAttemptAt becomes `leaseUntil`, so another instance's claim skips them until the
   * lease ends (PostgreSQL: FOR UPDATE SKIP LOCKED). A claim never marks anything sent.
   */
  claimOutbox(now: string, limit: number, leaseUntil: string): Promise<OutboxRecord[]>;
  /**
   * Gives back claimed notifications this instance did not try after all (their recipient's pace allowed no more
   * just now, or the dispatch stopped): due again at `nextAttemptAt`, attempts and errors unchanged, a sent one
   * left sent. One write for them all: a dispatch may give back hundreds.
   */
  releaseOutboxClaims(ids: readonly number[], nextAttemptAt: string): Promise<void>;
  markOutboxSent(id: number, at: string): Promise<void>;
  markOutboxFailed(id: number, error: string, nextAttemptAt: string): Promise<void>;
  /** Records the channels that have delivered an outbox notification so far. */
  markOutboxDeliveredVia(id: number, channels: string): Promise<void>;
  /** Declares a pre-election period for a council (dates inclusive, YYYY-MM-DD). */
  declarePreElectionPeriod(period: PreElectionPeriod): Promise<void>;
  clearPreElectionPeriods(council: string): Promise<void>;
  listPreElectionPeriods(council?: string): Promise<PreElectionPeriod[]>;
  /** Replaces a case's sealed content without a state check (re-sealing at start-up). */
  resealContent(reference: string, contentEnc: string): Promise<void>;
  /** Every message of every case, for re-sealing at start-up. */
  listAllMessages(): Promise<CaseMessageRecord[]>;
  resealMessage(id: number, bodyEnc: string): Promise<void>;
  /** A value of the store's own settings (the content key's check value). */
  metaValue(key: string): Promise<string | undefined>;
  setMetaValue(key: string, value: string): Promise<void>;
  /** Proves the store can be written (readiness). */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}
