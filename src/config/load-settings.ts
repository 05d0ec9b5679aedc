import { AppError } from '../errors/app-error';
import { settingsSchema, type Settings } from './settings-schema';

/** Parses the environment once; every problem is listed in one `config_invalid` error. */
export function loadSettings(env: NodeJS.ProcessEnv): Settings {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = settingsSchema.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new AppError('config_invalid', `invalid settings:\n  ${lines.join('\n  ')}`, lines);
}
