import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

const inScopeSchema = z.object({
  id: z.string().min(1),
  council: z.string().min(1),
  role: z.enum(['member', 'officer']),
  question: z.string().min(1),
  expectedTopic: z.string().min(1),
  expectedClauses: z.array(z.string()),
});

const outOfScopeSchema = z.object({
  id: z.string().min(1),
  council: z.string().min(1),
  role: z.enum(['member', 'officer']),
  question: z.string().min(1),
});

/** A held-out question with the topic and clauses a right answer must have. */
export type HeldOutQuestion = z.infer<typeof inScopeSchema>;
/** A held-out question the bot must decline. */
export type OutOfScopeQuestion = z.infer<typeof outOfScopeSchema>;

/** Reads a JSON-lines file, each line checked against `schema`; a bad line is a `bad_request` naming file and line. */
export function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  const rows: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new AppError('bad_request', `${file}:${index + 1}: not valid JSON`);
      }
      const result = schema.safeParse(value);
      if (!result.success) throw new AppError('bad_request', `${file}:${index + 1}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      rows.push(result.data);
    });
  return rows;
}

/** Reads the held-out evaluation set (test/eval/*.jsonl), written apart from intents/. */
export function loadEvalSet(inScopeFile: string, outOfScopeFile: string): { inScope: HeldOutQuestion[]; outOfScope: OutOfScopeQuestion[] } {
  return { inScope: readJsonLines(inScopeFile, inScopeSchema), outOfScope: readJsonLines(outOfScopeFile, outOfScopeSchema) };
}
