import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SavedBankHolidays } from '../workflows/deadlines/bank-holidays';
import { projectRoot } from './project-root';

/** The years whose bank holidays `npm run build` saves: a deadline outside them loads `date-holidays` instead. */
export const SAVED_HOLIDAY_YEARS = { from: 2020, to: 2060 } as const;

const savedSchema = z.record(z.string().regex(/^\d{4}$/), z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)));

/** Where `npm run build` saves them (scripts/save-bank-holidays.ts). */
export function builtBankHolidaysFile(): string {
  return path.join(projectRoot(), 'dist', 'bank-holidays.json');
}

/**
 * The bank holidays the build saved, or none (then every year is worked out by `date-holidays`, as before): a
 * missing or unreadable file only costs start-up time, never a wrong deadline.
 */
export function loadSavedBankHolidays(file = builtBankHolidaysFile()): SavedBankHolidays {
  if (!existsSync(file)) return {};
  try {
    return savedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
}
