import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/app/project-root';

/** The built server entry point the benchmarks start as a child process. */
export const BOT_MAIN = path.join(projectRoot(), 'dist', 'src', 'app', 'main.js');
/** The bare Node HTTP server, the baseline of the same run. */
export const BARE_MAIN = path.join(__dirname, 'bare-server.js');

/** A fresh, empty DATA_DIR. */
export function freshDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'etiquette-bench-'));
}

/**
 * Settings of a production-like bot: production mode, the example directory, a throwaway content key, info logs
 * (to an ignored stdout) and a per-person question limit high enough that the load generator is never refused.
 */
export function botEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    DIRECTORY_FILE: path.join(projectRoot(), 'config', 'directory.example.yaml'),
    // random per data folder: a regular key such as 64 sevens is refused at start-up
    COMPLAINT_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
    RATE_LIMIT_QUESTIONS_PER_MINUTE: '10000000',
    ...extra,
  };
}

/** A council, role and question, as the web API takes them. */
export interface BenchQuestion {
  council: string;
  role: string;
  question: string;
}

/**
 * Held-out evaluation questions, in scope and out of scope: varied, realistic wording the model was not trained
 * on, for every council and both roles (the first `count` of the two files together).
 */
export function benchQuestions(count = Number.POSITIVE_INFINITY): BenchQuestion[] {
  return ['held-out-questions.jsonl', 'out-of-scope-questions.jsonl']
    .flatMap((file) => readFileSync(path.join(projectRoot(), 'test', 'eval', file), 'utf8').split('\n'))
    .filter((line) => line.trim() !== '')
    .slice(0, count)
    .map((line) => {
      const { council, role, question } = JSON.parse(line) as BenchQuestion;
      return { council, role, question };
    });
}
