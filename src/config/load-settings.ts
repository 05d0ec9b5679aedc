import { AppError } from '../errors/app-error';
import { readSettingsFile, type ReadText } from './settings-file';
import { settingsSchema, type Settings } from './settings-schema';

/**
 * Parses the settings once: the environment, over the optional `CONFIG_FILE` (environment variables win, so a
 * deployment can keep the file in its image and still override a value). Every problem is listed in one
 * `config_invalid` error.
 */
export function loadSettings(env: NodeJS.ProcessEnv, readText?: ReadText): Settings {
  const fromEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const fromFile = fromEnv.CONFIG_FILE ? readSettingsFile(fromEnv.CONFIG_FILE, new Set(Object.keys(settingsSchema.shape)), readText) : {};
  const blankAsUnset = Object.fromEntries(Object.entries(fromFile).filter(([, value]) => value !== ''));
  const result = settingsSchema.safeParse({ ...blankAsUnset, ...fromEnv });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new AppError('config_invalid', `invalid settings:\n  ${lines.join('\n  ')}`, lines);
}
