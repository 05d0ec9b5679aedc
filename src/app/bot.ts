import type { Logger } from 'pino';
import type { AnswerEngine, Question } from '../answer/answer-engine';
import type { ReplyModel } from '../answer/reply-model';
import type { Directory } from '../directory/directory';
import { isCouncillor } from '../directory/subject-role-of';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { AskerRole } from '../knowledge/schemas/identifiers';
import type { Metrics } from '../observability/metrics';
import type { CaseOpeningLimit } from '../security/case-opening-limit';
import { RateLimitedError } from '../security/rate-limiter';
import type { SharedRateLimiter } from '../security/shared-rate-limiter';
import type { ChannelStore } from '../storage/channel-store';
import { briefingForm, type BriefingFormModel } from '../workflows/briefings/briefing-form';
import type { RequestBriefingInput } from '../workflows/briefings/briefing-input';
import type { BriefingReceipt, BriefingService } from '../workflows/briefings/briefing-service';
import type { OpenComplaintInput } from '../workflows/complaints/complaint-input';
import { complaintForm, type ComplaintFormModel } from '../workflows/complaints/complaint-form';
import type { ComplaintReceipt, ComplaintService } from '../workflows/complaints/complaint-service';
import type { CaseDesk } from '../workflows/cases/case-desk';
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

/** Per-person limits on asking (counted by every instance together) and on opening cases (settings `RATE_LIMIT_*`). */
export interface BotLimits {
  questions: SharedRateLimiter;
  cases: CaseOpeningLimit;
}

/** "12 seconds" or "about 42 minutes": how long to wait, for a person. */
function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 90 ? `${seconds} seconds` : `about ${Math.ceil(seconds / 60)} minutes`;
}

/** The channel-neutral core every adapter calls: answer, identify, and the two workflows. */
export class Bot {
  constructor(
    readonly kb: KnowledgeBase,
    readonly engine: AnswerEngine,
    readonly complaints: ComplaintService,
    readonly briefings: BriefingService,
    readonly cases: CaseDesk,
    readonly channelStore: ChannelStore,
    readonly directory: Directory,
    readonly metrics: Metrics,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly defaultCouncil: string | undefined,
    readonly limits: BotLimits,
  ) {}

  /**
   * Answers a question for `askerKey` (a person id, or a channel's stand-in for one) and records it in the
   * metrics (topic and latency only; never the words). Over the per-person limit it refuses with `rate_limited`.
   */
  async ask(question: Question, askerKey: string): Promise<ReplyModel> {
    await this.takeQuestion(askerKey);
    const started = performance.now();
    const reply = this.engine.ask({ ...question, council: question.council ?? this.defaultCouncil });
    this.metrics.recordAnswer(reply.intent, reply.outOfScope, (performance.now() - started) / 1000);
    if (reply.outOfScope) await this.keepUnanswered(reply, question.question, 'declined');
    else if (reply.clarify) await this.keepUnanswered(reply, question.question, 'clarified');
    return reply;
  }

  /** Answers with one point (its button was pressed), within the same per-person limit and metrics as a question. */
  async askPoint(question: Question & { point: string }, askerKey: string): Promise<ReplyModel> {
    await this.takeQuestion(askerKey);
    const started = performance.now();
    const reply = this.engine.askPoint({ council: question.council ?? this.defaultCouncil, role: question.role, point: question.point });
    this.metrics.recordAnswer(reply.intent, reply.outOfScope, (performance.now() - started) / 1000);
    return reply;
  }

  /** Counts a question against the asker's limit, or refuses it with `rate_limited` and when to try again. */
  private async takeQuestion(askerKey: string): Promise<void> {
    const wait = await this.limits.questions.take(askerKey);
    if (wait > 0) {
      const { limit } = this.limits.questions.rule;
      throw new RateLimitedError(`You have asked ${limit} questions in the last minute, the most I take from one person. Please try again in ${waitText(wait)}.`, Math.ceil(wait / 1000));
    }
  }

  /**
   * Keeps a question the bot did not answer for the knowledge base's maintainers (`etiquette unanswered`). Its
   * words go to the database only, never the logs; a database that cannot take it does not stop the answer.
   */
  private async keepUnanswered(reply: ReplyModel, question: string, outcome: 'declined' | 'clarified'): Promise<void> {
    try {
      await this.channelStore.recordUnanswered({ council: reply.council, role: reply.role, outcome, intent: reply.intent, question: question.trim(), at: this.clock.now().toISOString() });
    } catch (error) {
      this.logger.warn({ code: (error as { code?: string }).code ?? 'internal_error' }, 'could not keep an unanswered question');
    }
  }

  /** Opens a complaint for its complainant, within the per-person limit on new cases. */
  async openComplaint(input: OpenComplaintInput): Promise<ComplaintReceipt> {
    const person = input.complainant.personId;
    await this.checkCaseLimit(person, () => this.complaints.alreadyReceived(input.idempotencyKey, person));
    return this.complaints.open(input);
  }

  /** Files a briefing request for its requester, within the per-person limit on new cases. */
  async requestBriefing(input: RequestBriefingInput): Promise<BriefingReceipt> {
    const person = input.requester.personId;
    await this.checkCaseLimit(person, () => this.briefings.alreadyReceived(input.idempotencyKey, person));
    return this.briefings.request(input);
  }

  /** Refuses a new case over the limit; a repeat of a submission already received is let through (it opens nothing). */
  private async checkCaseLimit(personId: string, isRepeat: () => Promise<boolean>): Promise<void> {
    const wait = await this.limits.cases.waitMs(personId);
    if (wait === 0 || (await isRepeat())) return;
    const { limit } = this.limits.cases.rule;
    throw new RateLimitedError(`You have opened ${limit} cases in the last hour, the most one person can. Nothing was filed; please try again in ${waitText(wait)}.`, Math.ceil(wait / 1000));
  }

  /** Maps a channel user to a directory person and role; an unknown role is asked once and remembered. */
  async identify(user: ChannelUser): Promise<Identity> {
    const person =
      this.directory.findByIdentity(user.council, {
        ...(user.channel === 'slack' ? { slackUserId: user.userId } : {}),
        ...(user.channel === 'teams' ? { teamsUserId: user.userId } : {}),
        ...(user.channel === 'web' ? {} : user.email ? { email: user.email } : {}),
      }) ?? (user.channel === 'web' ? this.directory.person(user.council, user.userId) : undefined);
    const key = person ? person.id : `${user.channel}:${user.userId}`;
    const remembered = await this.channelStore.rememberedRole(key);
    const fromDirectory = person ? (isCouncillor(person) ? 'member' : 'officer') : undefined;
    return { personId: key, name: person?.name ?? null, council: user.council, role: remembered ?? fromDirectory, inDirectory: person !== undefined };
  }

  /** The complaint form as this person sees it: everyone else in their council's directory, by title. */
  complaintForm(identity: Identity): ComplaintFormModel {
    return complaintForm(this.kb, this.directory, identity.council, identity.personId);
  }

  /** The briefing request form of a council: its fields and limits, and who the request goes to. */
  briefingForm(council: string): BriefingFormModel {
    return briefingForm(this.kb, council);
  }

  /** Keeps a new person's first question while they say who they are (it is answered once they do). */
  async holdQuestion(identity: Identity, question: string): Promise<void> {
    await this.channelStore.holdQuestion(identity.personId, question, this.clock.now().toISOString());
  }

  /** The question a person asked before saying who they are, taken so it is answered once. */
  takeHeldQuestion(identity: Identity): Promise<string | undefined> {
    return this.channelStore.takeHeldQuestion(identity.personId);
  }

  /** Stores the role a person told us. */
  async rememberRole(identity: Identity, role: AskerRole): Promise<void> {
    await this.channelStore.rememberRole(identity.personId, role, this.clock.now().toISOString());
  }

  /** Stores a helpful / not helpful vote (no words, no identity). */
  async recordFeedback(channel: string, council: string, intent: string | null, vote: 'helpful' | 'not-helpful'): Promise<void> {
    await this.channelStore.recordFeedback({ channel, council, intent, vote, at: this.clock.now().toISOString() });
    this.metrics.feedback.inc(vote);
  }
}
