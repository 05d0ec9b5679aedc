import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/app/create-logger';
import { startServer } from '../../src/app/start-server';
import { loadSettings } from '../../src/config/load-settings';
import { loadDirectory } from '../../src/directory/load-directory';
import { DATABASE_FILE } from '../../src/storage/sqlite/open-database';
import { builtEntry, ROOT } from '../support/built-entry-points';
import { tempDataDir } from '../support/temp-data-dir';
import { DIRECTORY_FIXTURE } from '../support/workflow-harness';

/** A copy of the example directory with one deliberate change to its text. */
function brokenDirectory(change: (text: string) => string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'etiquette-dir-')), 'directory.yaml');
  const before = readFileSync(DIRECTORY_FIXTURE, 'utf8');
  const after = change(before);
  if (after === before) throw new Error('the fixture edit changed nothing');
  writeFileSync(file, after);
  return file;
}

describe('a directory file with a mistake', () => {
  it('names the file and the path of a missing field', () => {
    const file = brokenDirectory((t) => t.replace('{ id: ly-rfo, name: Jon Finance, ', '{ id: ly-rfo, '));
    expect(() => loadDirectory(file)).toThrow(expect.objectContaining({ code: 'directory_invalid', message: expect.stringContaining(`${file}: councils.lydney.people.1.name:`) }));
  });

  it('names the file and the path of a malformed email and an unknown field', () => {
    const file = brokenDirectory((t) => t.replace('email: clerk@lydney.example', 'email: not-an-email, phone: 123'));
    let message = '';
    try {
      loadDirectory(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`${file}: councils.lydney.people.0.email:`);
    expect(message).toMatch(/councils\.lydney\.people\.0: .*phone/);
  });

  it('names the file and line of a YAML syntax error', () => {
    const file = brokenDirectory((t) => t.replace('  lydney:\n', '  lydney: [unclosed\n'));
    expect(() => loadDirectory(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot read the directory: .*line \\d+`));
  });

  it.each([
    ['empty', ''],
    ['a bare word', 'hello'],
    ['binary noise', '\u0000\u00ff\u0001PK\u0003\u0004'],
  ])('refuses a file that is %s, naming it', (_label, content) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'etiquette-dir-')), 'directory.yaml');
    writeFileSync(file, content);
    expect(() => loadDirectory(file)).toThrow(expect.objectContaining({ code: 'directory_invalid', message: expect.stringContaining(file) }));
  });

  it('refuses a file that does not exist, naming it', () => {
    expect(() => loadDirectory('/nowhere/directory.yaml')).toThrow(/\/nowhere\/directory\.yaml: cannot read the directory/);
  });
});

describe('the server with a broken directory', () => {
  it('does not start in-process: no database created, the error names the file and the role', async () => {
    const file = brokenDirectory((t) => t.replace('roles: [chief-officer, responsible-financial-officer]', 'roles: [chief-officer, treasurer]'));
    const dataDir = tempDataDir();
    const settings = loadSettings({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DIRECTORY_FILE: file });
    await expect(startServer(settings, createLogger('silent'))).rejects.toMatchObject({
      code: 'directory_invalid',
      message: expect.stringMatching(new RegExp(`directory\\.yaml[\\s\\S]*councils\\.lydney: role "treasurer" is not defined in protocol-data/lydney/council\\.yaml`)),
    });
    expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(false);
  }, 30_000);

  it('exits 1 from `npm start`, printing the file and field, and never says it is listening', async () => {
    const file = brokenDirectory((t) => t.replace('{ id: dc-mo, name: Uma Monitor, ', '{ id: dc-mo, name: "", '));
    const child = spawn(process.execPath, [builtEntry('src/app/main.js')], { cwd: ROOT, env: { ...process.env, PORT: '0', DATA_DIR: tempDataDir(), DIRECTORY_FILE: file, LOG_LEVEL: 'info' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot start: the directory has 1 problem(s):\n  ${file}: councils.district-code.people.5.name:`);
    expect(stdout).not.toMatch(/listening/);
  }, 30_000);
});
