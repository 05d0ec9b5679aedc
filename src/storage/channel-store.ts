/** What chat channels keep between requests: votes, remembered roles, seen event ids, conversation references. */
export interface ChannelStore {
  recordFeedback(vote: { channel: string; council: string; intent: string | null; vote: 'helpful' | 'not-helpful'; at: string }): void;
  /** Remembers the role a person told us ("asked once and remembered"). */
  rememberRole(identity: string, role: 'member' | 'officer', at: string): void;
  rememberedRole(identity: string): 'member' | 'officer' | undefined;
  /** True the first time an event key is seen; false for a retry or replay. */
  firstSighting(eventKey: string, at: string): boolean;
  /** Drops event keys older than `before` (retries come within minutes). */
  forgetEventsBefore(before: string): void;
  saveConversationReference(identity: string, referenceJson: string, at: string): void;
  conversationReference(identity: string): string | undefined;
}
