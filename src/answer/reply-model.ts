import type { AskerRole } from '../knowledge/schemas/identifiers';
import type { RoutingDecision } from '../workflows/complaints/complaint-routing';
import type { Citation } from './citation';

/** A button or link a channel may render under a reply. */
export interface FollowUp {
  kind: 'show-clause' | 'compare-councils' | 'make-complaint' | 'request-briefing' | 'did-you-mean' | 'ask-example';
  label: string;
  /** What the button carries back: a clause id, a topic id, or a question. */
  value: string;
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
  /** The short direct answer, first thing a person reads. */
  headline: string;
  /** What to do and what not to do, in the council's titles. */
  doList: string[];
  dontList: string[];
  /** Who to contact, by the council's titles. */
  contacts: Array<{ role: string; title: string }>;
  /** For complaint questions: where the complaint goes. */
  route: RoutingDecision | null;
  citations: Citation[];
  /** The protocol of this council does not cover the topic; other councils' positions, labelled as theirs. */
  elsewhere: ElsewhereNote[];
  followUps: FollowUp[];
  /** "Did you mean": the close runner-up topics. */
  alternatives: Array<{ intent: string; title: string; confidence: number }>;
}
