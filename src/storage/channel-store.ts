/** A question the bot declined, or asked the person about instead of answering. */
export interface UnansweredQuestion {
  council: string;
  role: string;
  outcome: 'declined' | 'clarified';
  /** The likeliest topic, where there was one. */
  intent: string | null;
  question: string;
  at: string;
}

/** Not-helpful votes on answers about one topic at one council. */
export interface NotHelpfulCount {
  council: string;
  intent: string | null;
  votes: number;
  lastAt: string;
}

/** What chat channels keep between requests: votes, remembered roles, seen event ids, conversation references. */
export interface ChannelStore {
  recordFeedback(vote: { channel: string; council: string; intent: string | null; vote: 'helpful' | 'not-helpful'; at: string }): Promise<void>;
  /** Keeps a question the bot did not answer, for the people who maintain the knowledge base. */
  recordUnanswered(question: UnansweredQuestion): Promise<void>;
  /** The kept questions, newest first (optionally of one council). */
  listUnanswered(council?: string): Promise<UnansweredQuestion[]>;
  /** Not-helpful votes, counted by council and topic. */
  notHelpfulCounts(council?: string): Promise<NotHelpfulCount[]>;
  /** Forgets kept questions from before `before` (retention). */
  forgetUnansweredBefore(before: string): Promise<number>;
  /** Remembers the role a person told us ("asked once and remembered"). */
  rememberRole(identity: string, role: 'member' | 'officer', at: string): Promise<void>;
  rememberedRole(identity: string): Promise<'member' | 'officer' | undefined>;
  /**
   * Claims an event for `owner` (this process) until its answer is posted: `claimed` to handle it, `handled` for
   * one already answered, `in-flight` while a live claim holds it. A claim older than `staleBefore` is from a
   * handler that hung or a process that stopped, and is taken over, so Slack's retry after a crash is answered.
   * Where the database serves one instance (SQLite), a claim by another owner is from a process that stopped and
   * is taken over at once; where instances share it (PostgreSQL), another owner's claim may be live, so only once
   * stale.
   */
  claimEvent(eventKey: string, owner: string, at: string, staleBefore: string): Promise<'claimed' | 'handled' | 'in-flight'>;
  /** Marks a claimed event answered. */
  finishEvent(eventKey: string): Promise<void>;
  /** Lets a claimed event go again (its handling failed), so a retry is handled. */
  releaseEvent(eventKey: string): Promise<void>;
  /** Keeps a new person's first question while they say whether they are a councillor or an officer. */
  holdQuestion(identity: string, question: string, at: string): Promise<void>;
  /** Takes (and forgets) the question held for a person, if any. */
  takeHeldQuestion(identity: string): Promise<string | undefined>;
  /** Forgets questions held since before `before` (a person who never answered). */
  forgetHeldQuestionsBefore(before: string): Promise<void>;
  /** Drops event keys older than `before` (retries come within minutes). */
  forgetEventsBefore(before: string): Promise<void>;
  saveConversationReference(identity: string, referenceJson: string, at: string): Promise<void>;
  conversationReference(identity: string): Promise<string | undefined>;
}
