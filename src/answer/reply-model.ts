import type { AskerRole } from '../knowledge/schemas/identifiers';
import type { RoutingDecision } from '../workflows/complaints/complaint-routing';
import type { Citation } from './citation';

/**
 * A button or link a channel may render under a reply. `did-you-mean` offers another topic; `did-you-mean-point`
 * the point that came a close second; `related-point` a neighbouring point of the same topic (or, when no point
 * fits the question, each point of the topic).
 */
export interface FollowUp {
  kind: 'show-clause' | 'compare-councils' | 'make-complaint' | 'request-briefing' | 'did-you-mean' | 'did-you-mean-point' | 'related-point' | 'ask-example';
  label: string;
  /** What the button carries back: a clause id, a topic id, a point id, or a question. */
  value: string;
}

/** One choice when the bot asks which point a person means instead of answering. */
export interface ClarifyChoice {
  point: string;
  label: string;
}

/** What another council's protocol says on a topic this council's does not cover. */
export interface ElsewhereNote {
  council: string;
  councilName: string;
  summary: string;
  citations: Citation[];
}

/** The channel-neutral reply: every channel renders this, none composes its own. */
export interface ReplyModel {
  council: string;
  councilName: string;
  role: AskerRole;
  intent: string | null;
  topicTitle: string | null;
  confidence: number;
  outOfScope: boolean;
  /**
   * What a person reads first: the direct answer to this question, the chosen point's answer in the asker's
   * wording with its clause, e.g. "(8.4)" (at most 400 characters). Everything below is behind "More".
   */
  lead: string;
  /** The id of the knowledge point the lead gives, or null when none does. */
  point: string | null;
  /** When not null, the bot asks which of these the person means instead of answering; `lead` is the question. */
  clarify: ClarifyChoice[] | null;
  /** The topic in general (or, for a complaint, its route in plain sentences), or '' when the lead is all there is. */
  summary: string;
  /** What to do and what not to do, in the council's titles. */
  doList: string[];
  dontList: string[];
  /** Who to contact, by the council's titles. */
  contacts: Array<{ role: string; title: string }>;
  /** For complaint questions: where the complaint goes. */
  route: RoutingDecision | null;
  /** The deciding clause first, then the point's supporting clauses, then those of the topic or route. */
  citations: Citation[];
  /** The protocol of this council does not cover the topic; other councils' positions, labelled as theirs. */
  elsewhere: ElsewhereNote[];
  followUps: FollowUp[];
  /** "Did you mean": the close runner-up topics. */
  alternatives: Array<{ intent: string; title: string; confidence: number }>;
}
