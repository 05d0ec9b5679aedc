import { writeFileSync } from 'node:fs';
import { builtBankHolidaysFile, SAVED_HOLIDAY_YEARS } from '../src/app/saved-bank-holidays';
import { bankHolidaysOfYears } from '../src/workflows/deadlines/bank-holidays';

// Part of `npm run build`: the England and Wales bank holidays of the years around now, worked out once by
// date-holidays into dist/, so that the server's first deadline pass, as it starts, does not load the package.
const years = bankHolidaysOfYears(SAVED_HOLIDAY_YEARS.from, SAVED_HOLIDAY_YEARS.to);
writeFileSync(builtBankHolidaysFile(), JSON.stringify(years));
process.stdout.write(`bank holidays saved: ${SAVED_HOLIDAY_YEARS.from}-${SAVED_HOLIDAY_YEARS.to} -> ${builtBankHolidaysFile()}\n`);
