/** A clock; injected so deadlines, reminders, escalations and rate limits are testable to the minute. */
export interface Clock {
  now(): Date;
}
