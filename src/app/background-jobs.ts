import type { Logger } from 'pino';
import { purgeExpiredCases } from '../workflows/case-retention';
import { runComplaintDeadlines } from '../workflows/complaints/complaint-deadlines';
import type { Notifier } from '../workflows/notifications';
import { dispatchOutbox } from '../workflows/outbox-dispatcher';
import type { BuiltWorkflows } from './build-workflows';

/** Handle to stop the background jobs on shutdown. */
export interface BackgroundJobs {
  stop(): void;
  /** Runs one pass now (tests and start-up), or waits for the one already running. */
  runOnce(): Promise<void>;
}

/**
 * The server's scheduler: every `intervalMs`, deadline reminders and escalations, then the outbox, and once a
 * day the retention purge. All state is in the database, so a restart picks up exactly where it stopped.
 */
export function startBackgroundJobs(workflows: BuiltWorkflows, notifier: Notifier, logger: Logger, retentionDays: number, intervalMs = 60_000): BackgroundJobs {
  let lastPurgeDay = '';
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
      await step('deadlines', () => {
        const pass = runComplaintDeadlines(workflows.deps);
        if (pass.reminders.length || pass.escalations.length || pass.overdue.length || pass.skipped.length) logger.info({ reminders: pass.reminders, escalations: pass.escalations, overdue: pass.overdue, skipped: pass.skipped }, 'deadline pass');
      });
      // Notifications are sent whatever happened above: a case that cannot be read never holds up the others.
      await step('outbox', () => dispatchOutbox(workflows.deps.store, notifier, () => workflows.deps.clock.now(), logger));
      const today = workflows.deps.clock.now().toISOString().slice(0, 10);
      if (today !== lastPurgeDay) {
        await step('retention', () => {
          const purged = purgeExpiredCases(workflows.deps, retentionDays);
          if (purged.length) logger.info({ purged }, 'closed cases purged after the retention period');
          lastPurgeDay = today;
        });
      }
    } finally {
      running = null;
    }
  };
  // A pass already running is waited for, not doubled: callers (tests, shutdown) can rely on it having ended.
  const runOnce = () => (running ??= pass());
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
