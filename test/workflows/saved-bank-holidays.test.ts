import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtBankHolidaysFile, loadSavedBankHolidays, SAVED_HOLIDAY_YEARS } from '../../src/app/saved-bank-holidays';
import { addDays } from '../../src/workflows/deadlines/calendar-date';
import { englandAndWalesBankHolidays } from '../../src/workflows/deadlines/bank-holidays';
import { addWorkingDays } from '../../src/workflows/deadlines/working-days';

// `npm run build` saves the bank holidays of 2020-2060 so that start-up does not load date-holidays; a deadline
// worked out from the saved years must be the one date-holidays gives.
describe('the bank holidays the build saves', () => {
  it('are, day by day, the ones date-holidays gives, for every saved year', () => {
    const saved = loadSavedBankHolidays(builtBankHolidaysFile());
    expect(Object.keys(saved)).toHaveLength(SAVED_HOLIDAY_YEARS.to - SAVED_HOLIDAY_YEARS.from + 1);
    const fromSaved = englandAndWalesBankHolidays(saved);
    const live = englandAndWalesBankHolidays();
    for (let day = `${SAVED_HOLIDAY_YEARS.from}-01-01`; day <= `${SAVED_HOLIDAY_YEARS.to}-12-31`; day = addDays(day, 1)) {
      if (fromSaved.isBankHoliday(day) !== live.isBankHoliday(day)) throw new Error(`${day}: saved and date-holidays disagree`);
    }
    expect(fromSaved.isBankHoliday('2026-12-28')).toBe(true);
  });

  it('still give the right deadline outside the saved years, and when the saved file is missing or broken', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'holidays-'));
    const broken = path.join(dir, 'bank-holidays.json');
    writeFileSync(broken, '{"2026": ["not a date"]');
    for (const saved of [loadSavedBankHolidays(path.join(dir, 'missing.json')), loadSavedBankHolidays(broken)]) {
      expect(saved).toEqual({});
      // Thu 24 Dec 2026 + 1 working day: Christmas, Boxing Day (Sat) and its Monday substitute are skipped.
      expect(addWorkingDays('2026-12-24', 1, englandAndWalesBankHolidays(saved))).toBe('2026-12-29');
    }
    // 2070 is not saved: worked out by date-holidays (Christmas Day 2070 is a Thursday).
    expect(englandAndWalesBankHolidays(loadSavedBankHolidays(builtBankHolidaysFile())).isBankHoliday('2070-12-25')).toBe(true);
  });
});
