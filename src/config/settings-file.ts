import { readFileSync } from 'node:fs';
import { AppError } from '../errors/app-error';

const LINE = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Reads a file's text; tests pass their own. */
export type ReadText = (file: string) => string;

/**
 * The optional settings file (`CONFIG_FILE`): `NAME=value` lines in the familiar `.env` form, `#` comments,
 * values optionally in single or double quotes. Only names the bot knows are allowed, so a misspelt setting is
 * reported rather than silently ignored.
 */
export function readSettingsFile(file: string, knownNames: ReadonlySet<string>, readText: ReadText = (f) => readFileSync(f, 'utf8')): Record<string, string> {
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    throw new AppError('config_invalid', `invalid settings:\n  CONFIG_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const values: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    const match = LINE.exec(raw);
    if (!match) return problems.push(`${where}: expected NAME=value`);
    const [, name, rawValue] = match as unknown as [string, string, string];
    if (!knownNames.has(name)) return problems.push(`${where}: ${name} is not a setting (see the README's settings table)`);
    if (name === 'CONFIG_FILE') return problems.push(`${where}: CONFIG_FILE cannot be set inside the settings file`);
    values[name] = unquote(rawValue);
  });
  if (problems.length > 0) throw new AppError('config_invalid', `invalid settings:\n  ${problems.join('\n  ')}`, problems);
  return values;
}

function unquote(value: string): string {
  const quoted = /^(['"])(.*)\1$/.exec(value);
  if (quoted) return quoted[2] ?? '';
  return value.replace(/\s+#.*$/, '');
}
