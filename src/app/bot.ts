import type { Logger } from 'pino';
import type { AnswerEngine, Question } from '../answer/answer-engine';
import type { ReplyModel } from '../answer/reply-model';
import type { Directory } from '../directory/directory';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { AskerRole } from '../knowledge/schemas/identifiers';
import type { Metrics } from '../observability/metrics';
import type { ChannelStore } from '../storage/channel-store';
import type { BriefingService } from '../workflows/briefings/briefing-service';
import type { ComplaintService } from '../workflows/complaints/complaint-service';
import type { Clock } from '../workflows/workflow-deps';

/** Who someone is to the bot: their directory person id (or a channel id), role if known, and council. */
export interface Identity {
  personId: string;
  name: string | null;
  council: string;
  role: AskerRole | undefined;
  /** True when the directory knows this person. */
  inDirectory: boolean;
}

/** A person as a channel knows them. */
export interface ChannelUser {
  channel: 'slack' | 'teams' | 'web';
  council: string;
  userId: string;
  email?: string;
}

const MEMBER_ROLES = new Set(['member', 'group-leader', 'chair', 'leader', 'cabinet-member', 'portfolio-holder', 'committee-chair']);

/** The channel-neutral core every adapter calls: answer, identify, and the two workflows. */
export class Bot {
  constructor(
    readonly kb: KnowledgeBase,
    readonly engine: AnswerEngine,
    readonly complaints: ComplaintService,
    readonly briefings: BriefingService,
    readonly channelStore: ChannelStore,
    readonly directory: Directory,
    readonly metrics: Metrics,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly defaultCouncil: string | undefined,
  ) {}

  /** Answers a question and records it in the metrics (topic and latency only; never the words). */
  ask(question: Question): ReplyModel {
    const started = process.hrtime.bigint();
    const reply = this.engine.ask({ ...question, council: question.council ?? this.defaultCouncil });
    this.metrics.recordAnswer(reply.intent, reply.outOfScope, Number(process.hrtime.bigint() - started) / 1e9);
    return reply;
  }

  /** Maps a channel user to a directory person and role; an unknown role is asked once and remembered. */
  identify(user: ChannelUser): Identity {
    const person = this.directory.findByIdentity(user.council, {
      ...(user.channel === 'slack' ? { slackUserId: user.userId } : {}),
      ...(user.channel === 'teams' ? { teamsUserId: user.userId } : {}),
      ...(user.channel === 'web' ? {} : user.email ? { email: user.email } : {}),
    }) ?? (user.channel === 'web' ? this.directory.person(user.council, user.userId) : undefined);
    const key = person ? person.id : `${user.channel}:${user.userId}`;
    const remembered = this.channelStore.rememberedRole(key);
    const fromDirectory = person ? (person.roles.some((r) => MEMBER_ROLES.has(r)) ? 'member' : 'officer') : undefined;
    return { personId: key, name: person?.name ?? null, council: user.council, role: remembered ?? fromDirectory, inDirectory: person !== undefined };
  }

  /** Stores the role a person told us. */
  rememberRole(identity: Identity, role: AskerRole): void {
    this.channelStore.rememberRole(identity.personId, role, this.clock.now().toISOString());
  }

  /** Stores a helpful / not helpful vote (no words, no identity). */
  recordFeedback(channel: string, council: string, intent: string | null, vote: 'helpful' | 'not-helpful'): void {
    this.channelStore.recordFeedback({ channel, council, intent, vote, at: this.clock.now().toISOString() });
    this.metrics.feedback.inc(vote);
  }
}
