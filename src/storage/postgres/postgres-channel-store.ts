import type { Pool } from 'pg';
import type { ChannelStore, NotHelpfulCount, UnansweredQuestion } from '../channel-store';
import { query } from './pg-query';

/** ChannelStore on PostgreSQL (the same database as the cases), so every instance sees the same votes, roles and events. */
export class PostgresChannelStore implements ChannelStore {
  constructor(private readonly pool: Pool) {}

  async recordFeedback(vote: { channel: string; council: string; intent: string | null; vote: 'helpful' | 'not-helpful'; at: string }): Promise<void> {
    await query(this.pool, 'INSERT INTO feedback (channel, council, intent, vote, at) VALUES ($1, $2, $3, $4, $5)', [vote.channel, vote.council, vote.intent, vote.vote, vote.at]);
  }

  async recordUnanswered(question: UnansweredQuestion): Promise<void> {
    await query(this.pool, 'INSERT INTO unanswered_questions (council, role, outcome, intent, question, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      question.council,
      question.role,
      question.outcome,
      question.intent,
      question.question,
      question.at,
    ]);
  }

  async listUnanswered(council?: string): Promise<UnansweredQuestion[]> {
    const sql = `SELECT council, role, outcome, intent, question, at FROM unanswered_questions${council ? ' WHERE council = $1' : ''} ORDER BY at DESC, id DESC`;
    return (await query<UnansweredQuestion>(this.pool, sql, council ? [council] : [])).rows;
  }

  async notHelpfulCounts(council?: string): Promise<NotHelpfulCount[]> {
    const sql = `SELECT council, intent, COUNT(*)::integer AS votes, MAX(at) AS "lastAt" FROM feedback WHERE vote = 'not-helpful'${council ? ' AND council = $1' : ''} GROUP BY council, intent ORDER BY votes DESC`;
    return (await query<NotHelpfulCount>(this.pool, sql, council ? [council] : [])).rows;
  }

  async forgetUnansweredBefore(before: string): Promise<number> {
    return (await query(this.pool, 'DELETE FROM unanswered_questions WHERE at < $1', [before])).rowCount;
  }

  async rememberRole(identity: string, role: 'member' | 'officer', at: string): Promise<void> {
    await query(this.pool, 'INSERT INTO remembered_roles (identity, role, at) VALUES ($1, $2, $3) ON CONFLICT (identity) DO UPDATE SET role = EXCLUDED.role, at = EXCLUDED.at', [identity, role, at]);
  }

  async rememberedRole(identity: string): Promise<'member' | 'officer' | undefined> {
    return (await query<{ role: 'member' | 'officer' }>(this.pool, 'SELECT role FROM remembered_roles WHERE identity = $1', [identity])).rows[0]?.role;
  }

  /**
   * One upsert decides: a new key is claimed; an unfinished claim by another owner, or one older than
   * `staleBefore`, is taken over in the same statement (the row is locked while it decides, so two instances
   * cannot both take it). When the upsert changes nothing, the row says whether the event is handled or in flight.
   */
  async claimEvent(eventKey: string, owner: string, at: string, staleBefore: string): Promise<'claimed' | 'handled' | 'in-flight'> {
    for (let attempt = 1; ; attempt += 1) {
      const claimed = await query(
        this.pool,
        'INSERT INTO seen_events (event_key, at, done, owner) VALUES ($1, $2, false, $3)' +
          ' ON CONFLICT (event_key) DO UPDATE SET owner = EXCLUDED.owner, at = EXCLUDED.at' +
          ' WHERE NOT seen_events.done AND seen_events.at < $4 RETURNING event_key',
        [eventKey, at, owner, staleBefore],
      );
      if (claimed.rowCount === 1) return 'claimed';
      const { rows } = await query<{ done: boolean }>(this.pool, 'SELECT done FROM seen_events WHERE event_key = $1', [eventKey]);
      if (rows[0]) return rows[0].done ? 'handled' : 'in-flight';
      // Released (deleted) between the two statements: claim it afresh; a key that keeps vanishing is left to a retry.
      if (attempt >= 3) return 'in-flight';
    }
  }

  async finishEvent(eventKey: string): Promise<void> {
    await query(this.pool, 'UPDATE seen_events SET done = true WHERE event_key = $1', [eventKey]);
  }

  async releaseEvent(eventKey: string): Promise<void> {
    await query(this.pool, 'DELETE FROM seen_events WHERE event_key = $1 AND NOT done', [eventKey]);
  }

  async holdQuestion(identity: string, question: string, at: string): Promise<void> {
    await query(this.pool, 'INSERT INTO pending_questions (identity, question, at) VALUES ($1, $2, $3) ON CONFLICT (identity) DO UPDATE SET question = EXCLUDED.question, at = EXCLUDED.at', [
      identity,
      question,
      at,
    ]);
  }

  /** Deleted and returned by one statement, so two instances never both take it. */
  async takeHeldQuestion(identity: string): Promise<string | undefined> {
    return (await query<{ question: string }>(this.pool, 'DELETE FROM pending_questions WHERE identity = $1 RETURNING question', [identity])).rows[0]?.question;
  }

  async forgetHeldQuestionsBefore(before: string): Promise<void> {
    await query(this.pool, 'DELETE FROM pending_questions WHERE at < $1', [before]);
  }

  async forgetEventsBefore(before: string): Promise<void> {
    await query(this.pool, 'DELETE FROM seen_events WHERE at < $1', [before]);
  }

  async saveConversationReference(identity: string, referenceJson: string, at: string): Promise<void> {
    await query(
      this.pool,
      'INSERT INTO conversation_references (identity, reference_json, at) VALUES ($1, $2, $3) ON CONFLICT (identity) DO UPDATE SET reference_json = EXCLUDED.reference_json, at = EXCLUDED.at',
      [identity, referenceJson, at],
    );
  }

  async conversationReference(identity: string): Promise<string | undefined> {
    return (await query<{ reference_json: string }>(this.pool, 'SELECT reference_json FROM conversation_references WHERE identity = $1', [identity])).rows[0]?.reference_json;
  }
}
