/**
 * The columns of the cases table, as the records' camelCase field names, in the order both engines insert them
 * (legal holds are set only through setLegalHold, so they are not here).
 */
export const CASE_COLUMNS = [
  'reference',
  'kind',
  'council',
  'state',
  'idempotencyKey',
  'openedBy',
  'openedByRole',
  'subjectRole',
  'subjectPersonId',
  'handlerId',
  'handlerRole',
  'assignedTo',
  'routeJson',
  'escalationLevel',
  'ackDeadline',
  'deadlineSource',
  'reminderSentFor',
  'breachEscalatedFor',
  'contentEnc',
  'partiesJson',
  'submissionHash',
  'createdAt',
  'updatedAt',
  'closedAt',
] as const;

/** A record's field name as its column's name (`ackDeadline` → `ack_deadline`). */
export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A column's name as its record's field name (`ack_deadline` → `ackDeadline`). */
export const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
