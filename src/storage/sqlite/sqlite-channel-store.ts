import type Database from 'better-sqlite3';
import type { ChannelStore } from '../channel-store';
import { guard } from './storage-guard';

/** ChannelStore on the embedded SQLite database (same file as the cases); failed writes are `storage_unavailable`. */
export class SqliteChannelStore implements ChannelStore {
  constructor(private readonly db: Database.Database) {}

  recordFeedback(vote: { channel: string; council: string; intent: string | null; vote: 'helpful' | 'not-helpful'; at: string }): void {
    guard(() => this.db.prepare('INSERT INTO feedback (channel, council, intent, vote, at) VALUES (@channel, @council, @intent, @vote, @at)').run(vote));
  }

  rememberRole(identity: string, role: 'member' | 'officer', at: string): void {
    guard(() => this.db.prepare('INSERT OR REPLACE INTO remembered_roles (identity, role, at) VALUES (?, ?, ?)').run(identity, role, at));
  }

  rememberedRole(identity: string): 'member' | 'officer' | undefined {
    const row = this.db.prepare('SELECT role FROM remembered_roles WHERE identity = ?').get(identity) as { role: 'member' | 'officer' } | undefined;
    return row?.role;
  }

  firstSighting(eventKey: string, at: string): boolean {
    return guard(() => this.db.prepare('INSERT OR IGNORE INTO seen_events (event_key, at) VALUES (?, ?)').run(eventKey, at)).changes === 1;
  }

  forgetEventsBefore(before: string): void {
    guard(() => this.db.prepare('DELETE FROM seen_events WHERE at < ?').run(before));
  }

  saveConversationReference(identity: string, referenceJson: string, at: string): void {
    guard(() => this.db.prepare('INSERT OR REPLACE INTO conversation_references (identity, reference_json, at) VALUES (?, ?, ?)').run(identity, referenceJson, at));
  }

  conversationReference(identity: string): string | undefined {
    const row = this.db.prepare('SELECT reference_json FROM conversation_references WHERE identity = ?').get(identity) as { reference_json: string } | undefined;
    return row?.reference_json;
  }
}
