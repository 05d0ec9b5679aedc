/** A date in the UK calendar, `YYYY-MM-DD`; deadlines are whole days in Europe/London, whatever the server's zone. */
export type CalendarDate = string;

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The London calendar date of an instant. */
export function londonDate(instant: Date): CalendarDate {
  return LONDON.format(instant);
}

/** The date `days` after `date` (negative for before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}
