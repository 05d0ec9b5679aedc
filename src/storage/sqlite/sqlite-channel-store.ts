import type Database from 'better-sqlite3';
import type { ChannelStore, NotHelpfulCount, UnansweredQuestion } from '../channel-store';
import { gateFor, type SqliteGate } from './sqlite-gate';

/** ChannelStore on the embedded SQLite database (same file and gate as the cases); failed writes are `storage_unavailable`. */
export class SqliteChannelStore implements ChannelStore {
  private readonly gate: SqliteGate;

  constructor(private readonly db: Database.Database) {
    this.gate = gateFor(db);
  }

  recordFeedback(vote: { channel: string; council: string; intent: string | null; vote: 'helpful' | 'not-helpful'; at: string }): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('INSERT INTO feedback (channel, council, intent, vote, at) VALUES (@channel, @council, @intent, @vote, @at)').run(vote);
    });
  }

  /** Prepared once: every declined or asked-about question is kept, so this runs on a good share of questions. */
  private insertUnanswered: Database.Statement | null = null;

  recordUnanswered(question: UnansweredQuestion): Promise<void> {
    return this.gate.write(() => {
      this.insertUnanswered ??= this.db.prepare('INSERT INTO unanswered_questions (council, role, outcome, intent, question, at) VALUES (@council, @role, @outcome, @intent, @question, @at)');
      this.insertUnanswered.run(question);
    });
  }

  listUnanswered(council?: string): Promise<UnansweredQuestion[]> {
    const sql = `SELECT council, role, outcome, intent, question, at FROM unanswered_questions${council ? ' WHERE council = ?' : ''} ORDER BY at DESC, id DESC`;
    return this.gate.read(() => (council ? this.db.prepare(sql).all(council) : this.db.prepare(sql).all()) as UnansweredQuestion[]);
  }

  notHelpfulCounts(council?: string): Promise<NotHelpfulCount[]> {
    const sql = `SELECT council, intent, COUNT(*) AS votes, MAX(at) AS lastAt FROM feedback WHERE vote = 'not-helpful'${council ? ' AND council = ?' : ''} GROUP BY council, intent ORDER BY votes DESC`;
    return this.gate.read(() => (council ? this.db.prepare(sql).all(council) : this.db.prepare(sql).all()) as NotHelpfulCount[]);
  }

  forgetUnansweredBefore(before: string): Promise<number> {
    return this.gate.write(() => this.db.prepare('DELETE FROM unanswered_questions WHERE at < ?').run(before).changes);
  }

  rememberRole(identity: string, role: 'member' | 'officer', at: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('INSERT OR REPLACE INTO remembered_roles (identity, role, at) VALUES (?, ?, ?)').run(identity, role, at);
    });
  }

  rememberedRole(identity: string): Promise<'member' | 'officer' | undefined> {
    return this.gate.read(() => (this.db.prepare('SELECT role FROM remembered_roles WHERE identity = ?').get(identity) as { role: 'member' | 'officer' } | undefined)?.role);
  }

  claimEvent(eventKey: string, owner: string, at: string, staleBefore: string): Promise<'claimed' | 'handled' | 'in-flight'> {
    return this.gate.write(() =>
      this.db
        .transaction(() => {
          if (this.db.prepare('INSERT OR IGNORE INTO seen_events (event_key, at, done, owner) VALUES (?, ?, 0, ?)').run(eventKey, at, owner).changes === 1) return 'claimed' as const;
          const row = this.db.prepare('SELECT done, owner, at FROM seen_events WHERE event_key = ?').get(eventKey) as { done: number; owner: string | null; at: string };
          if (row.done === 1) return 'handled' as const;
          // One instance serves this file: a claim by another owner is from a process that stopped, taken over at once.
          if (row.owner === owner && row.at >= staleBefore) return 'in-flight' as const;
          this.db.prepare('UPDATE seen_events SET owner = ?, at = ? WHERE event_key = ?').run(owner, at, eventKey);
          return 'claimed' as const;
        })
        .immediate(),
    );
  }

  finishEvent(eventKey: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('UPDATE seen_events SET done = 1 WHERE event_key = ?').run(eventKey);
    });
  }

  releaseEvent(eventKey: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('DELETE FROM seen_events WHERE event_key = ? AND done = 0').run(eventKey);
    });
  }

  holdQuestion(identity: string, question: string, at: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('INSERT OR REPLACE INTO pending_questions (identity, question, at) VALUES (?, ?, ?)').run(identity, question, at);
    });
  }

  takeHeldQuestion(identity: string): Promise<string | undefined> {
    return this.gate.write(() =>
      this.db
        .transaction(() => {
          const row = this.db.prepare('SELECT question FROM pending_questions WHERE identity = ?').get(identity) as { question: string } | undefined;
          if (row) this.db.prepare('DELETE FROM pending_questions WHERE identity = ?').run(identity);
          return row?.question;
        })
        .immediate(),
    );
  }

  forgetHeldQuestionsBefore(before: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('DELETE FROM pending_questions WHERE at < ?').run(before);
    });
  }

  forgetEventsBefore(before: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('DELETE FROM seen_events WHERE at < ?').run(before);
    });
  }

  saveConversationReference(identity: string, referenceJson: string, at: string): Promise<void> {
    return this.gate.write(() => {
      this.db.prepare('INSERT OR REPLACE INTO conversation_references (identity, reference_json, at) VALUES (?, ?, ?)').run(identity, referenceJson, at);
    });
  }

  conversationReference(identity: string): Promise<string | undefined> {
    return this.gate.read(() => (this.db.prepare('SELECT reference_json FROM conversation_references WHERE identity = ?').get(identity) as { reference_json: string } | undefined)?.reference_json);
  }
}
