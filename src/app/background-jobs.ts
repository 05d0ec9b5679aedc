import type { Logger } from 'pino';
import { purgeExpiredCases } from '../workflows/case-retention';
import { runComplaintDeadlines } from '../workflows/complaints/complaint-deadlines';
import type { Notifier } from '../workflows/notifications';
import { dispatchOutbox } from '../workflows/outbox-dispatcher';
import type { BuiltWorkflows } from './build-workflows';

/** Handle to stop the background jobs on shutdown. */
export interface BackgroundJobs {
  stop(): void;
  /** Runs one pass now (tests and start-up). */
  runOnce(): Promise<void>;
}

/**
 * The server's scheduler: every `intervalMs`, deadline reminders and escalations, then the outbox, and once a
 * day the retention purge. All state is in the database, so a restart picks up exactly where it stopped.
 */
export function startBackgroundJobs(workflows: BuiltWorkflows, notifier: Notifier, logger: Logger, retentionDays: number, intervalMs = 60_000): BackgroundJobs {
  let lastPurgeDay = '';
  let running = false;
  const runOnce = async () => {
    if (running) return;
    running = true;
    try {
      const pass = runComplaintDeadlines(workflows.deps, workflows.complaints);
      if (pass.reminders.length || pass.escalations.length) logger.info({ reminders: pass.reminders, escalations: pass.escalations }, 'deadline pass');
      await dispatchOutbox(workflows.deps.store, notifier, () => workflows.deps.clock.now(), logger);
      const today = workflows.deps.clock.now().toISOString().slice(0, 10);
      if (today !== lastPurgeDay) {
        lastPurgeDay = today;
        const purged = purgeExpiredCases(workflows.deps, retentionDays);
        if (purged.length) logger.info({ purged }, 'closed cases purged after the retention period');
      }
    } catch (error) {
      logger.error({ code: (error as { code?: string }).code ?? 'internal_error' }, 'background pass failed; will retry');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
