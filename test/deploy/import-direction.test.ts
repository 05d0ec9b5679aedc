import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/built-entry-points';

// ESLint loads eslint.config.mjs with a dynamic import, which Jest's module sandbox refuses, so ESLint's Node API
// runs in a plain Node child process: the project's real config, the way `npm run lint` uses it.
const LINT_ONE_FILE = `
const { ESLint } = require('eslint');
let code = '';
process.stdin.on('data', (chunk) => (code += chunk));
process.stdin.on('end', async () => {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath: process.argv[1] });
  process.stdout.write(JSON.stringify(result.messages.map((m) => ({ rule: m.ruleId, message: m.message }))));
});
`;

/** The import-direction problems ESLint reports for `code` as if it were the file at `file` (relative to the repo). */
function importProblems(file: string, code: string): string[] {
  const out = execFileSync(process.execPath, ['-e', LINT_ONE_FILE, path.join(ROOT, file)], { cwd: ROOT, input: code, encoding: 'utf8' });
  const messages = JSON.parse(out) as Array<{ rule: string | null; message: string }>;
  return messages.filter((m) => m.rule === 'no-restricted-imports').map((m) => m.message);
}

const IMPORTS_SLACK = "import type { Bot } from '../channels/slack/slack-channel';\nexport type SlackBot = Bot;\n";

describe('the import direction (npm run lint)', () => {
  it('reports the knowledge base importing a channel', async () => {
    expect(importProblems('src/knowledge/wrong-way.ts', IMPORTS_SLACK)).toEqual([
      expect.stringContaining('src/{knowledge,nlu,storage,directory,config,security} must not import src/{answer,workflows,evaluation,observability,channels,app}'),
    ]);
  });

  it('reports a workflow importing the composition root, from a nested folder too', async () => {
    const code = "import type { Bot } from '../../app/bot';\nexport type WorkflowBot = Bot;\n";
    expect(importProblems('src/workflows/complaints/wrong-way.ts', code)).toEqual([expect.stringContaining('src/{answer,workflows} must not import')]);
  });

  it('reports a channel reaching past the Bot into the builders', async () => {
    const code = "import { buildWorkflows } from '../../app/build-workflows';\nexport const build = buildWorkflows;\n";
    expect(importProblems('src/channels/slack/wrong-way.ts', code)).toEqual([expect.stringContaining('A channel adapter takes the Bot')]);
  });

  it('lets the composition root import a channel', async () => {
    expect(importProblems('src/app/right-way.ts', IMPORTS_SLACK)).toEqual([]);
  });
});
