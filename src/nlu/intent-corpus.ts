import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

/** Kinds of intent: a protocol topic, a conversational move, or the learnt "out of scope" class. */
export const INTENT_KINDS = ['topic', 'conversation', 'out-of-scope'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];

/** The id of the intent that stands for everything the bot declines. */
export const OUT_OF_SCOPE = 'out-of-scope';

const intentFileSchema = z
  .object({
    intent: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    kind: z.enum(INTENT_KINDS),
    utterances: z.array(z.string().trim().min(1)).min(5),
  })
  .strict();

/** One intent with its training utterances. */
export type IntentExamples = z.infer<typeof intentFileSchema>;

/** The training corpus and a fingerprint of its content, used to know when a cached model is stale. */
export interface IntentCorpus {
  intents: IntentExamples[];
  fingerprint: string;
}

/** The `intents/*.yaml` files, by name, and a fingerprint of their names and content. */
function readIntentFiles(dir: string): { files: Array<{ name: string; text: string }>; fingerprint: string } {
  const hash = createHash('sha256');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
  for (const { name, text } of files) hash.update(name).update('\0').update(text).update('\0');
  return { files, fingerprint: hash.digest('hex').slice(0, 16) };
}

/**
 * The fingerprint `loadIntentCorpus` gives, without parsing the files: enough to find a model trained on them
 * (whose training parsed and checked them).
 */
export function intentCorpusFingerprint(dir: string): string {
  return readIntentFiles(dir).fingerprint;
}

/** Reads every `intents/*.yaml`, validated; a bad file is a `kb_invalid` error naming it. */
export function loadIntentCorpus(dir: string): IntentCorpus {
  const problems: string[] = [];
  const intents: IntentExamples[] = [];
  const { files, fingerprint } = readIntentFiles(dir);
  for (const { name, text } of files) {
    let data: unknown;
    try {
      data = parse(text);
    } catch (error) {
      problems.push(`intents/${name}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = intentFileSchema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`intents/${name}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    if (`${result.data.intent}.yaml` !== name) problems.push(`intents/${name}: intent "${result.data.intent}" must match the file name`);
    intents.push(result.data);
  }
  if (intents.length === 0 && problems.length === 0) problems.push(`${dir}: no intent files found`);
  if (problems.length > 0) throw new AppError('kb_invalid', `the training intents have ${problems.length} problem(s):\n  ${problems.join('\n  ')}`, problems);
  return { intents, fingerprint };
}
