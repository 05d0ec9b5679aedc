import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/built-entry-points';

// No Docker engine runs on these machines, so the Dockerfile is checked for structure rather than built.
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const stages = instructions.filter((line) => line.startsWith('FROM '));
const finalStage = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1] ?? ''));

describe('Dockerfile', () => {
  it('is multi-stage on a current Node LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:(22|24)[-.\w]*/);
  });

  it('builds the native SQLite module in the build stage, with the tools it needs', () => {
    const buildStage = instructions.slice(0, instructions.indexOf(stages[1] ?? ''));
    expect(buildStage.join('\n')).toMatch(/python3.*make.*g\+\+/);
    expect(buildStage.join('\n')).toMatch(/npm (install|ci)/);
  });

  it('runs as a non-root user, with data on a volume and a health check', () => {
    const user = finalStage.find((line) => line.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(finalStage.some((line) => line.startsWith('VOLUME'))).toBe(true);
    expect(finalStage.some((line) => /^HEALTHCHECK .*\/healthz/.test(line))).toBe(true);
  });

  it('trains the classifier and parses the knowledge base in the build stage, and ships every folder the server reads at run time', () => {
    const buildStage = instructions.slice(0, instructions.indexOf(stages[1] ?? ''));
    const build = buildStage.findIndex((line) => line.includes('npm run build'));
    // npm run build reads both: intents/ to train, protocol-data/ to save its parsed YAML
    for (const folder of ['intents', 'protocol-data']) {
      const copy = buildStage.findIndex((line) => new RegExp(`^COPY ${folder}\\b`).test(line));
      expect(copy).toBeGreaterThanOrEqual(0);
      expect(copy).toBeLessThan(build);
    }
    // the folders found from the project root at run time (src/app/project-root.ts callers)
    for (const folder of ['protocol-data', 'intents', 'public', 'config']) {
      expect(finalStage.some((line) => new RegExp(`^COPY (--\\S+ )*${folder} `).test(line))).toBe(true);
    }
  });

  it('copies only files that exist, and starts the entry point the build produces', () => {
    const localCopies = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from='));
    for (const copy of localCopies) {
      const sources = copy.replace(/--\S+/g, '').trim().split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(path.join(ROOT, source))).toBe(true);
    }
    const cmd = finalStage.find((line) => line.startsWith('CMD '));
    expect(cmd).toContain('dist/src/app/main.js');
    expect(existsSync(path.join(ROOT, 'src/app/main.ts'))).toBe(true);
  });
});
