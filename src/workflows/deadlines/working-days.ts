import type { HolidayCalendar } from './bank-holidays';
import { addDays, dayOfWeek, type CalendarDate } from './calendar-date';

/** Monday to Friday, less bank holidays. */
export function isWorkingDay(date: CalendarDate, holidays: HolidayCalendar): boolean {
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6 && !holidays.isBankHoliday(date);
}

/**
 * The date `n` working days after `date`, not counting `date` itself: a complaint received on Friday with a
 * 5-working-day deadline is due the following Friday, or later if a bank holiday falls in between.
 */
export function addWorkingDays(date: CalendarDate, n: number, holidays: HolidayCalendar): CalendarDate {
  let current = date;
  let remaining = n;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) remaining -= 1;
  }
  return current;
}

/** The working day before `date` (the day a reminder falls due). */
export function previousWorkingDay(date: CalendarDate, holidays: HolidayCalendar): CalendarDate {
  let current = addDays(date, -1);
  while (!isWorkingDay(current, holidays)) current = addDays(current, -1);
  return current;
}
