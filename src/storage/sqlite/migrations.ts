/**
 * Schema migrations, applied in order at start-up; `PRAGMA user_version` records how many have run.
 * Never edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE cases (
    reference TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('complaint', 'briefing')),
    council TEXT NOT NULL,
    state TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    opened_by TEXT NOT NULL,
    opened_by_role TEXT NOT NULL,
    subject_role TEXT,
    subject_person_id TEXT,
    handler_id TEXT NOT NULL,
    handler_role TEXT NOT NULL,
    route_json TEXT NOT NULL,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    ack_deadline TEXT,
    deadline_source TEXT,
    reminder_sent_for TEXT,
    breach_escalated_for TEXT,
    content_enc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT
  );
  CREATE INDEX cases_opened_by ON cases (opened_by);
  CREATE INDEX cases_handler ON cases (handler_id);
  CREATE INDEX cases_state ON cases (state);

  CREATE TABLE case_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL REFERENCES cases (reference) ON DELETE CASCADE,
    author_id TEXT NOT NULL,
    author_party TEXT NOT NULL,
    body_enc TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX case_messages_reference ON case_messages (reference);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX audit_log_reference ON audit_log (reference);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL,
    recipient_json TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT
  );
  CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
  `,
  `
  ALTER TABLE cases ADD COLUMN assigned_to TEXT;
  CREATE INDEX cases_assigned_to ON cases (assigned_to);
  CREATE TABLE pre_election_periods (
    council TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    declared_by TEXT NOT NULL,
    declared_at TEXT NOT NULL,
    PRIMARY KEY (council, starts_on)
  );
  `,
  `
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    council TEXT NOT NULL,
    intent TEXT,
    vote TEXT NOT NULL CHECK (vote IN ('helpful', 'not-helpful')),
    at TEXT NOT NULL
  );
  CREATE TABLE remembered_roles (
    identity TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('member', 'officer')),
    at TEXT NOT NULL
  );
  CREATE TABLE seen_events (
    event_key TEXT PRIMARY KEY,
    at TEXT NOT NULL
  );
  CREATE TABLE conversation_references (
    identity TEXT PRIMARY KEY,
    reference_json TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  // The channels (slack, teams) that already carry an outbox notification, so a retry sends only to the rest.
  `
  ALTER TABLE outbox ADD COLUMN delivered_via TEXT NOT NULL DEFAULT '';
  `,
  // People the protocol copies or informs, resolved when the case opened; a keyed digest of each submission, so
  // a reused idempotency key with other content is refused; the content key's check value; Slack events claimed
  // by a process until their answer is posted; first questions waiting while a new person says who they are.
  `
  ALTER TABLE cases ADD COLUMN parties_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE cases ADD COLUMN submission_hash TEXT;
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  ALTER TABLE seen_events ADD COLUMN done INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE seen_events ADD COLUMN owner TEXT;
  CREATE TABLE pending_questions (
    identity TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    at TEXT NOT NULL
  );
  `,
  // Questions the bot declined or asked about, kept for the people who maintain the knowledge base (purged after
  // UNANSWERED_RETENTION_DAYS); not-helpful votes are joined to them by council and topic.
  `
  CREATE TABLE unanswered_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    council TEXT NOT NULL,
    role TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('declined', 'clarified')),
    intent TEXT,
    question TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX unanswered_questions_at ON unanswered_questions (at);
  CREATE INDEX feedback_at ON feedback (at);
  `,
  // Counts for metrics and the scheduler's scan read an index, not every case row (with its sealed content).
  `
  CREATE INDEX cases_kind_state ON cases (kind, state);
  CREATE INDEX cases_awaiting ON cases (state, ack_deadline);
  `,
  // Retention that forgets (issue 22.5). A legal hold placed by the Monitoring Officer keeps a case past retention.
  // The audit log stays append-only, with one narrow exception: once a case is purged (its row gone and its
  // "purged" line written), each of its earlier lines may be rewritten once, and only so: the actor becomes a
  // fixed pseudonym naming their part in the case (complainant, subject, handler, copy, person; "system" stays),
  // and the detail stays as it was or becomes the fixed words "removed at purge". Id, reference, action and time
  // never change, the "purged" line itself never changes, no line of a live case can be touched and nothing
  // can be deleted, so the log still proves what was done and when, without saying to whom. Lines of cases
  // purged before this migration are pseudonymised here, the same way.
  `
  ALTER TABLE cases ADD COLUMN legal_hold_by TEXT;
  ALTER TABLE cases ADD COLUMN legal_hold_at TEXT;
  ALTER TABLE cases ADD COLUMN legal_hold_reason TEXT;
  DROP TRIGGER audit_log_no_update;
  CREATE TRIGGER audit_log_only_pseudonymised BEFORE UPDATE ON audit_log
  WHEN NOT (
    NEW.id IS OLD.id AND NEW.reference IS OLD.reference AND NEW.action IS OLD.action AND NEW.at IS OLD.at
    AND OLD.action <> 'purged'
    AND OLD.actor NOT GLOB 'purged:*'
    AND (NEW.actor IN ('purged:complainant', 'purged:subject', 'purged:handler', 'purged:copy', 'purged:person')
         OR (OLD.actor = 'system' AND NEW.actor = 'system'))
    AND (NEW.detail IS OLD.detail OR NEW.detail = 'removed at purge')
    AND NOT EXISTS (SELECT 1 FROM cases WHERE reference = OLD.reference)
    AND EXISTS (SELECT 1 FROM audit_log AS purge WHERE purge.reference = OLD.reference AND purge.action = 'purged')
  )
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: only the lines of a purged case may be pseudonymised, once'); END;
  UPDATE audit_log
  SET actor = CASE WHEN actor = 'system' THEN 'system' ELSE 'purged:person' END, detail = 'removed at purge'
  WHERE action <> 'purged' AND actor NOT GLOB 'purged:*'
    AND reference IN (SELECT reference FROM audit_log WHERE action = 'purged')
    AND reference NOT IN (SELECT reference FROM cases);
  `,
  // Seen chat events are forgotten after a day, every scheduler pass: by an index, not a scan of the table.
  `
  CREATE INDEX IF NOT EXISTS seen_events_at ON seen_events (at);
  `,
  // Web sign-in: sessions (only a hash of each id is kept) and OpenID Connect sign-ins under way (their state,
  // nonce and PKCE verifier, checked once by the callback), both expiring.
  `
  CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    council TEXT NOT NULL,
    person_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX web_sessions_expires_at ON web_sessions (expires_at);
  CREATE TABLE web_sign_ins (
    key_hash TEXT PRIMARY KEY,
    council TEXT NOT NULL,
    state TEXT NOT NULL,
    nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX web_sign_ins_expires_at ON web_sign_ins (expires_at);
  `,
  // Request limits counted in the database, so every instance counts the same (issue 23): one row per key and
  // fixed window, forgotten with the seen chat events. Unused since: only PostgreSQL serves several instances, and
  // one SQLite instance counts in memory (a durable write for every question cost /api/ask its p99 floor).
  `
  CREATE TABLE rate_limit_windows (
    key TEXT NOT NULL,
    window_start TEXT NOT NULL,
    hits INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
  );
  CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);
  `,
];
