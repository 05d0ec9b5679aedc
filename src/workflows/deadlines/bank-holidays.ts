import type Holidays from 'date-holidays';
import type { CalendarDate } from './calendar-date';

/**
 * `date-holidays` carries every country's rules and takes ~50 ms to load: a third of the bot's own start-up.
 * It is loaded the first time a deadline is worked out, which is never on the way to being ready.
 */
function loadHolidays(): typeof Holidays {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
  return 'default' in loaded ? loaded.default : loaded;
}

/** Says whether a date is a bank holiday; injected so tests can fix the holidays. */
export interface HolidayCalendar {
  isBankHoliday(date: CalendarDate): boolean;
}

/**
 * England and Wales bank holidays from `date-holidays` (GB, ENG; Wales shares them). Weekend originals are
 * listed beside their substitute days; only weekdays matter to working days, so both can be kept.
 */
export function englandAndWalesBankHolidays(): HolidayCalendar {
  let holidays: Holidays | undefined;
  const byYear = new Map<number, Set<string>>();
  const yearSet = (year: number) => {
    let set = byYear.get(year);
    if (!set) {
      holidays ??= new (loadHolidays())('GB', 'ENG');
      set = new Set(
        holidays
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
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
