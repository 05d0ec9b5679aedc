import type { Logger } from 'pino';
import { runRetention } from '../workflows/case-retention';
import { runComplaintDeadlines } from '../workflows/complaints/complaint-deadlines';
import type { Notifier } from '../workflows/notifications';
import { DEFAULT_PACE, DeliveryPace, type PaceOptions } from '../workflows/delivery-pace';
import { outboxDrainer } from '../workflows/outbox-drain';
import type { BuiltWorkflows } from './build-workflows';

/** Handle to stop the background jobs on shutdown. */
export interface BackgroundJobs {
  stop(): void;
  /** Runs one pass now (tests and start-up), or waits for the one already running, and the outbox drain it started. */
  runOnce(): Promise<void>;
  /** Resolves once a stopped scheduler's outbox drain has finished its delivery in flight. */
  settled(): Promise<void>;
}

/** How long things are kept: closed cases, and questions the bot did not answer. */
export interface Retention {
  caseDays: number;
  unansweredDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The server's scheduler: every `intervalMs`, deadline reminders and escalations; then it starts the outbox drain,
 * which runs on by itself until nothing is due, at each recipient's `pace` (so a backlog never holds up the next
 * pass); seen chat events older than a day are forgotten; once a day the retention purges (closed cases,
 * stuck cases closed by age, unanswered questions, held first questions; see runRetention). All state is in the database, so a restart picks up exactly where
 * it stopped.
 */
export function startBackgroundJobs(
  workflows: Pick<BuiltWorkflows, 'deps' | 'channelStore'> & Partial<Pick<BuiltWorkflows, 'rateLimits'>>,
  notifier: Notifier,
  logger: Logger,
  retention: Retention,
  intervalMs = 60_000,
  pace: PaceOptions = DEFAULT_PACE,
  outboxLeaseMs?: number,
): BackgroundJobs {
  let lastPurgeDay = '';
  const outbox = outboxDrainer({
    store: workflows.deps.store,
    notifier,
    now: () => workflows.deps.clock.now(),
    logger,
    pace: new DeliveryPace(pace),
    ...(outboxLeaseMs ? { leaseMs: outboxLeaseMs } : {}),
  });
  let running: Promise<void> | null = null;
  /** Runs one step of the pass; a failure is logged with its code and the next step still runs. */
  const step = async (name: string, work: () => unknown): Promise<void> => {
    try {
      await work();
    } catch (error) {
      logger.error({ step: name, code: (error as { code?: string }).code ?? 'internal_error' }, 'background step failed; the other steps go on, and it runs again next pass');
    }
  };
  const pass = async () => {
    try {
      await step('deadlines', async () => {
        const pass = await runComplaintDeadlines(workflows.deps);
        if (pass.reminders.length || pass.escalations.length || pass.overdue.length || pass.skipped.length)
          logger.info({ reminders: pass.reminders, escalations: pass.escalations, overdue: pass.overdue, skipped: pass.skipped }, 'deadline pass');
      });
      // Notifications are sent whatever happened above: a case that cannot be read never holds up the others.
      await step('outbox', () => outbox.kick());
      // Chat platforms retry an event within minutes; a day later its id is of no use (and would pile up).
      const dayAgo = () => new Date(workflows.deps.clock.now().getTime() - DAY_MS).toISOString();
      await step('seen-events', () => workflows.channelStore.forgetEventsBefore(dayAgo()));
      // Request-limit windows last an hour at most: a day later they count for nothing.
      await step('rate-limit-windows', () => workflows.rateLimits?.forgetWindowsBefore(dayAgo()));
      const today = workflows.deps.clock.now().toISOString().slice(0, 10);
      if (today !== lastPurgeDay) {
        await step('retention', async () => {
          const cases = await runRetention(workflows.deps, retention.caseDays);
          if (cases.purged.length || cases.closedByAge.length || cases.held.length || cases.skipped.length) {
            logger.info(
              { purged: cases.purged, closedByAge: cases.closedByAge, held: cases.held, skipped: cases.skipped },
              'retention: closed cases purged, inactive ones closed by age, held ones kept',
            );
          }
          const now = workflows.deps.clock.now().getTime();
          const forgotten = await workflows.channelStore.forgetUnansweredBefore(new Date(now - retention.unansweredDays * DAY_MS).toISOString());
          if (forgotten) logger.info({ forgotten }, 'unanswered questions forgotten after their retention period');
          // A first question held while its asker said who they are is of no use a day later.
          await workflows.channelStore.forgetHeldQuestionsBefore(new Date(now - DAY_MS).toISOString());
          lastPurgeDay = today;
        });
      }
    } finally {
      running = null;
    }
  };
  // A pass already running is waited for, not doubled: callers (tests, shutdown) can rely on it having ended.
  const runPass = () => (running ??= pass());
  const timer = setInterval(() => void runPass(), intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      outbox.stop();
    },
    runOnce: () => runPass().then(() => outbox.idle()),
    settled: () => outbox.idle(),
  };
}
