import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ParsedYamlCache } from './parsed-yaml-cache';

/** One thing wrong with a knowledge-base file: where (file, path inside it, line) and what. */
export interface KbProblem {
  file: string;
  path: string;
  line?: number;
  message: string;
}

/** Renders a problem as one line a person can act on: `file:line: path: message`. */
export function formatKbProblem(problem: KbProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path === '' ? `${where}: ${problem.message}` : `${where}: ${problem.path}: ${problem.message}`;
}

/** Renders a path inside a data file the way people read it: `topics.scrutiny.clauses[1]`. */
export function formatDataPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** How every knowledge-base file is parsed (and so how `npm run build` parses them ahead: ParsedYamlCache). */
export const YAML_PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true } as const;

/** A parsed YAML file that can say on which line a path sits, for error messages. */
export interface YamlDataFile {
  file: string;
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Reads and parses one YAML file; syntax errors become problems rather than exceptions. With `parsed`, a file
 * whose text was parsed at build time is read from there; its YAML is parsed only if a line number is needed.
 */
export function readYamlDataFile(absolutePath: string, displayPath: string, problems: KbProblem[], parsed: ParsedYamlCache | null = null): YamlDataFile | null {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch {
    problems.push({ file: displayPath, path: '', message: 'file is missing or unreadable' });
    return null;
  }
  const saved = parsed?.valueOf(text);
  if (saved !== undefined) {
    let located: YamlDataFile | null = null;
    return {
      file: displayPath,
      value: saved,
      lineOf(path) {
        located ??= parseYaml(text, displayPath, []);
        return located?.lineOf(path);
      },
    };
  }
  return parseYaml(text, displayPath, problems);
}

function parseYaml(text: string, displayPath: string, problems: KbProblem[]): YamlDataFile | null {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { ...YAML_PARSE_OPTIONS, lineCounter });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
      problems.push({ file: displayPath, path: '', line, message: `not valid YAML: ${error.message.split('\n')[0]}` });
    }
    return null;
  }
  return {
    file: displayPath,
    value: doc.toJS(),
    lineOf(path) {
      // Walk up the path until a node with a position is found (a missing field has none of its own).
      for (let depth = path.length; depth >= 0; depth -= 1) {
        const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
        if (node && (isMap(node) || isSeq(node) || node.range)) {
          const offset = node.range?.[0];
          if (offset !== undefined) return lineCounter.linePos(offset).line;
        }
      }
      return undefined;
    },
  };
}

/** Validates a parsed file against its schema, turning each zod issue into a located problem. */
export function validateDataFile<Schema extends z.ZodType>(data: YamlDataFile, schema: Schema, problems: KbProblem[]): z.infer<Schema> | null {
  const result = schema.safeParse(data.value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path as PropertyKey[];
    problems.push({ file: data.file, path: formatDataPath(path), line: data.lineOf(path), message: describeIssue(issue) });
  }
  return null;
}

/** Words a council officer editing YAML understands, for the zod issues they are likely to meet. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `missing field (expected ${issue.expected})`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_value') return `${issue.message}`;
  return issue.message;
}
