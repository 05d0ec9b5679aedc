import Holidays from 'date-holidays';
import type { CalendarDate } from './calendar-date';

/** Says whether a date is a bank holiday; injected so tests can fix the holidays. */
export interface HolidayCalendar {
  isBankHoliday(date: CalendarDate): boolean;
}

/**
 * England and Wales bank holidays from `date-holidays` (GB, ENG; Wales shares them). Weekend originals are
 * listed beside their substitute days; only weekdays matter to working days, so both can be kept.
 */
export function englandAndWalesBankHolidays(): HolidayCalendar {
  const holidays = new Holidays('GB', 'ENG');
  const byYear = new Map<number, Set<string>>();
  const yearSet = (year: number) => {
    let set = byYear.get(year);
    if (!set) {
      set = new Set(holidays.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
      byYear.set(year, set);
    }
    return set;
  };
  return { isBankHoliday: (date) => yearSet(Number(date.slice(0, 4))).has(date) };
}

/** A fixed list of holidays, for tests. */
export function fixedHolidays(dates: readonly CalendarDate[]): HolidayCalendar {
  const set = new Set(dates);
  return { isBankHoliday: (date) => set.has(date) };
}
