import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/app/project-root';

/** One classifier's row of `npm run bench:nlu`. */
export interface NluRow {
  name: string;
  accuracy: string;
  outOfScopeRecall: string;
  p50Us: number;
  p99Us: number;
  /** p50 with each held-out question timed the first time it is asked. */
  firstP50Us: number;
}

/** What `npm run bench:nlu` printed, and its two rows (ours first) where they could be read. */
export interface NluFigures {
  rows: NluRow[];
  output: string;
}

/**
 * Runs the built `bench:nlu` comparison (scripts/bench-nlu.ts, which exports no function) as a child process
 * with --expose-gc, as its npm script does, and reads the rows of its table.
 */
export function benchNlu(): Promise<NluFigures> {
  const script = path.join(projectRoot(), 'dist', 'scripts', 'bench-nlu.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench:nlu exited with ${code}: ${errors.slice(-2000)}`));
      const rows = output
        .split('\n')
        .filter((line) => /^\| (ours|nlp\.js)/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()))
        .map((cells) => ({ name: cells[1] ?? '', accuracy: cells[2] ?? '', outOfScopeRecall: cells[3] ?? '', p50Us: Number(cells[4]), p99Us: Number(cells[5]), firstP50Us: Number(cells[6]) }));
      resolve({ rows, output });
    });
  });
}
