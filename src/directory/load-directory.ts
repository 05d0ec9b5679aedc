import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AppError } from '../errors/app-error';
import { Directory } from './directory';
import { directorySchema } from './directory-schema';

/** Reads and validates the directory file (YAML or JSON); every problem names the file and path. */
export function loadDirectory(file: string): Directory {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('directory_invalid', `${file}: cannot read the directory: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = directorySchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${file}: ${issue.path.map(String).join('.')}: ${issue.message}`);
    throw new AppError('directory_invalid', `the directory has ${lines.length} problem(s):\n  ${lines.join('\n  ')}`, lines);
  }
  return new Directory(result.data);
}
