import type { Logger } from 'pino';
import type { Directory } from '../directory/directory';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { ContentCipher } from '../security/content-cipher';
import type { CaseStore } from '../storage/case-store';
import type { HolidayCalendar } from './deadlines/bank-holidays';

/** A clock; injected so deadlines, reminders and escalations are testable to the minute. */
export interface Clock {
  now(): Date;
}

/** Everything the case workflows need, passed in by the composition root (or a test). */
export interface WorkflowDeps {
  store: CaseStore;
  kb: KnowledgeBase;
  directory: Directory;
  cipher: ContentCipher;
  clock: Clock;
  /** A new unguessable case reference with the given prefix (`C` complaints, `B` briefings). */
  newReference: (prefix: 'C' | 'B') => string;
  holidays: HolidayCalendar;
  /**
   * Working days to acknowledge where the protocol sets no deadline: the deployment's own service standard,
   * always labelled as such and never presented as the protocol's rule.
   */
  serviceStandardWorkingDays: number;
  logger: Logger;
}
