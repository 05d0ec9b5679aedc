import type Holidays from 'date-holidays';
import type { CalendarDate } from './calendar-date';

/**
 * `date-holidays` carries every country's rules and takes 100-300 ms to load on these machines, and the first
 * deadline pass runs as the server starts. So `npm run build` saves the holidays of the years around now
 * (dist/bank-holidays.json, `savedBankHolidays`), and the package is loaded only for a year outside them.
 */
function englandAndWales(): Holidays {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
  return new ('default' in loaded ? loaded.default : loaded)('GB', 'ENG');
}

/** Says whether a date is a bank holiday; injected so tests can fix the holidays. */
export interface HolidayCalendar {
  isBankHoliday(date: CalendarDate): boolean;
}

/**
 * England and Wales bank holidays from `date-holidays` (GB, ENG; Wales shares them). Weekend originals are
 * listed beside their substitute days; only weekdays matter to working days, so both can be kept.
 */
export function englandAndWalesBankHolidays(saved: SavedBankHolidays = {}): HolidayCalendar {
  let holidays: Holidays | undefined;
  const byYear = new Map<number, Set<string>>(Object.entries(saved).map(([year, dates]) => [Number(year), new Set(dates)]));
  const yearSet = (year: number) => {
    let set = byYear.get(year);
    if (!set) {
      holidays ??= englandAndWales();
      set = new Set(publicHolidays(holidays, year));
      byYear.set(year, set);
    }
    return set;
  };
  return { isBankHoliday: (date) => yearSet(Number(date.slice(0, 4))).has(date) };
}

/** Bank holidays worked out ahead, year by year (as `npm run build` saves them). */
export type SavedBankHolidays = Readonly<Record<string, readonly CalendarDate[]>>;

function publicHolidays(holidays: Holidays, year: number): CalendarDate[] {
  return holidays
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => h.date.slice(0, 10));
}

/** The England and Wales bank holidays of `from` to `to` (inclusive), from `date-holidays`, to save. */
export function bankHolidaysOfYears(from: number, to: number): SavedBankHolidays {
  const holidays = englandAndWales();
  const years: Record<string, CalendarDate[]> = {};
  for (let year = from; year <= to; year += 1) years[String(year)] = publicHolidays(holidays, year);
  return years;
}

/** A fixed list of holidays, for tests. */
export function fixedHolidays(dates: readonly CalendarDate[]): HolidayCalendar {
  const set = new Set(dates);
  return { isBankHoliday: (date) => set.has(date) };
}
