import type { Logger } from 'pino';
import type { Directory } from '../directory/directory';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { ContentCipher } from '../security/content-cipher';
import type { CaseStore } from '../storage/case-store';
import type { Clock } from '../shared/clock';
import type { HolidayCalendar } from './deadlines/bank-holidays';

// The clock lives in src/shared so the layers below workflows (security's rate limiter) can take one too.
export type { Clock } from '../shared/clock';

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
