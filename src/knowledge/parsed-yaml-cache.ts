import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import { YAML_PARSE_OPTIONS } from './yaml-data-file';

/**
 * The parsed values of the knowledge base's YAML files, saved by `npm run build` and keyed by a hash of each
 * file's text, so that start-up reads them as JSON instead of parsing 530 KB of YAML (about 300 ms of a start-up
 * of a second). A file whose text has changed since the build has no entry and is parsed as before; everything
 * after parsing (schemas, references, quotes) is checked every time, from either source.
 */
export class ParsedYamlCache {
  private constructor(private readonly entries: ReadonlyMap<string, string>) {}

  /** Changes with the `yaml` package's version or with how files are parsed: values parsed otherwise are not reused. */
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- read once, synchronously, beside the class
  static readonly FORMAT = `yaml-${(require('yaml/package.json') as { version: string }).version}-unique-keys-v1`;

  /** The cache saved at `file`, or null when there is none or it cannot be used (it is only ever an optimisation). */
  static load(file: string): ParsedYamlCache | null {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; entries?: unknown };
      if (saved.format !== ParsedYamlCache.FORMAT || typeof saved.entries !== 'object' || saved.entries === null) return null;
      const entries = new Map<string, string>();
      for (const [hash, json] of Object.entries(saved.entries)) if (typeof json === 'string') entries.set(hash, json);
      return new ParsedYamlCache(entries);
    } catch {
      return null;
    }
  }

  /**
   * Parses the given YAML texts and saves those that parse without error and survive JSON unchanged (a value
   * JSON cannot hold, such as `.inf`, is left to be parsed at start-up). Returns how many were saved.
   */
  static save(file: string, texts: readonly string[]): number {
    const entries: Record<string, string> = {};
    for (const text of texts) {
      const doc = parseDocument(text, YAML_PARSE_OPTIONS);
      if (doc.errors.length > 0) continue;
      const value: unknown = doc.toJS();
      const json = JSON.stringify(value);
      if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) continue;
      entries[hashOf(text)] = json;
    }
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ format: ParsedYamlCache.FORMAT, entries }));
    renameSync(temporary, file);
    return Object.keys(entries).length;
  }

  /** A fresh copy of the parsed value of `text`, if it was saved; undefined otherwise. */
  valueOf(text: string): unknown {
    const json = this.entries.get(hashOf(text));
    return json === undefined ? undefined : JSON.parse(json);
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
