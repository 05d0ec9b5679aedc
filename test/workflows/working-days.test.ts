import { englandAndWalesBankHolidays, fixedHolidays } from '../../src/workflows/deadlines/bank-holidays';
import { londonDate } from '../../src/workflows/deadlines/calendar-date';
import { addWorkingDays, isWorkingDay, previousWorkingDay } from '../../src/workflows/deadlines/working-days';

const england = englandAndWalesBankHolidays();

describe('working days', () => {
  it('skips the weekend and the August bank holiday Monday', () => {
    // Thu 27 Aug 2026 + 5 working days: Fri 28, (Sat, Sun, Mon 31 Aug bank holiday), Tue 1, Wed 2, Thu 3, Fri 4 Sep.
    expect(addWorkingDays('2026-08-27', 5, england)).toBe('2026-09-04');
  });

  it('skips Christmas, Boxing Day and the substitute day', () => {
    // Thu 24 Dec 2026: Fri 25 and Sat 26 holidays, Mon 28 Dec is the Boxing Day substitute.
    expect(addWorkingDays('2026-12-24', 1, england)).toBe('2026-12-29');
    expect(isWorkingDay('2026-12-28', england)).toBe(false);
  });

  it('counts from the next working day when something arrives at the weekend', () => {
    expect(addWorkingDays('2026-11-21', 1, fixedHolidays([]))).toBe('2026-11-23');
  });

  it('finds the working day before a deadline across a holiday', () => {
    expect(previousWorkingDay('2026-09-01', england)).toBe('2026-08-28');
  });

  it('uses the London calendar date, not UTC, near midnight in summer time', () => {
    expect(londonDate(new Date('2026-08-27T23:30:00Z'))).toBe('2026-08-28');
    expect(londonDate(new Date('2026-12-27T23:30:00Z'))).toBe('2026-12-27');
  });
});
