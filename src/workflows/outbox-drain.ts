import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { CaseStore } from '../storage/case-store';
import type { DeliveryPace } from './delivery-pace';
import type { Notifier } from './notifications';
import { dispatchOutbox } from './outbox-dispatcher';

/** What the drain needs: the outbox, the channels, the business clock, the pace and how to wait. */
export interface DrainDeps {
  store: CaseStore;
  notifier: Notifier;
  now: () => Date;
  logger: Logger;
  pace: DeliveryPace;
  /** Waits `ms`; resolves false when the drain is being stopped. Tests pass one that advances a manual clock. */
  sleep: (ms: number) => Promise<boolean>;
  /** True once the drain should stop (checked between dispatches). */
  stopped?: () => boolean;
  /** Deliveries per dispatch, and how many due rows one dispatch looks through for recipients free to send to. */
  batch?: number;
  window?: number;
  /** The longest Retry-After the drain waits out itself; a longer one ends it, and the next pass resumes. */
  maxPauseMs?: number;
  /** How long a claimed notification is this instance's to send (see DEFAULT_OUTBOX_LEASE_MS). */
  leaseMs?: number;
}

/** What one drain delivered, and how often a chat service made it pause. */
export interface DrainResult {
  sent: number;
  failed: number;
  pauses: number;
}

/**
 * Delivers the outbox until nothing is due: dispatch after dispatch, each recipient at its pace (a dispatch that
 * could send to no one waits for the next free send). A chat service's 429 pauses it for the Retry-After (at least a
 * second), then it goes on; a refusal with no Retry-After, or one longer than `maxPauseMs`, ends it, and the next
 * scheduler pass starts it again. New notifications queued meanwhile are taken in the same drain.
 */
export async function drainOutbox(deps: DrainDeps): Promise<DrainResult> {
  const { batch = 10, window = 500, maxPauseMs = 30_000, stopped = () => false } = deps;
  const total: DrainResult = { sent: 0, failed: 0, pauses: 0 };
  while (!stopped()) {
    const result = await dispatchOutbox(deps.store, deps.notifier, deps.now, deps.logger, batch, deps.pace, window, deps.leaseMs);
    total.sent += result.sent;
    total.failed += result.failed;
    if (result.refusedForMs !== undefined) {
      if (result.refusedForMs === null || result.refusedForMs > maxPauseMs) break;
      total.pauses += 1;
      deps.logger.info({ pauseMs: Math.max(1000, result.refusedForMs) }, 'outbox paused: a chat service asked to wait');
      if (!(await deps.sleep(Math.max(1000, result.refusedForMs)))) break;
      continue;
    }
    if (result.sent + result.failed > 0) continue;
    if (result.held === 0) break;
    if (!(await deps.sleep(deps.pace.msPerSend))) break;
  }
  return total;
}

/** A drain running in the background: started by each scheduler pass, never two at once. */
export interface OutboxDrainer {
  /** Starts a drain unless one is running (it will see the new work too). */
  kick(): void;
  /** Resolves when no drain is running. */
  idle(): Promise<void>;
  /** Stops the running drain after its dispatch in flight (`idle()` then resolves); a later `kick()` starts anew. */
  stop(): void;
}

/** Runs drains in the background, so a long backlog never holds up the scheduler's other steps. */
export function outboxDrainer(deps: Omit<DrainDeps, 'sleep'>): OutboxDrainer {
  let stopping = new AbortController();
  let running: Promise<void> | null = null;
  /** A kick while a stopped drain was still finishing: start a fresh one when it ends. */
  let again = false;
  let runningSignal: AbortSignal | null = null;
  const drain = async (): Promise<void> => {
    const { signal } = stopping;
    runningSignal = signal;
    const sleep = async (ms: number) => {
      try {
        await sleepFor(ms, undefined, { signal, ref: false });
        return true;
      } catch {
        return false;
      }
    };
    try {
      const result = await drainOutbox({ ...deps, sleep, stopped: () => signal.aborted });
      if (result.sent || result.failed || result.pauses) deps.logger.info(result, 'outbox drained');
    } catch (error) {
      deps.logger.error({ step: 'outbox', code: (error as { code?: string }).code ?? 'internal_error' }, 'outbox drain failed; the next pass starts it again');
    } finally {
      const restart = again;
      again = false;
      running = restart ? drain() : null;
    }
  };
  return {
    kick: () => {
      if (running === null) running = drain();
      else if (stopping.signal !== runningSignal) again = true;
    },
    idle: async () => {
      while (running) await running;
    },
    stop: () => {
      stopping.abort();
      stopping = new AbortController();
    },
  };
}
