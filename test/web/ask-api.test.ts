import path from 'node:path';
import { toContractAnswer } from '../../src/answer/contract-answer';
import type { RunningServer } from '../../src/app/start-server';
import { loadEvalSet } from '../../src/evaluation/eval-set';
import { startTestServer } from '../support/test-server';

const ROOT = path.join(__dirname, '..', '..');

describe('POST /api/ask', () => {
  let running: RunningServer & { base: string };
  beforeAll(async () => {
    running = await startTestServer({ RATE_LIMIT_QUESTIONS_PER_MINUTE: '100000' });
  });
  afterAll(() => running.stop());

  async function ask(body: Record<string, unknown>): Promise<{ status: number; length: string | null; text: string }> {
    const response = await fetch(`${running.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, length: response.headers.get('content-length'), text: await response.text() };
  }

  it("sends every held-out question's answer as the contract answer the engine gives, byte for byte", async () => {
    const evalSet = loadEvalSet(path.join(ROOT, 'test/eval/held-out-questions.jsonl'), path.join(ROOT, 'test/eval/out-of-scope-questions.jsonl'));
    const questions = [...evalSet.inScope, ...evalSet.outOfScope].map(({ council, role, question }) => ({ council, role, question }));
    expect(questions.length).toBeGreaterThan(150);
    for (const [i, q] of questions.entries()) {
      // an id in other scripts, so the length must be counted in bytes, not characters
      const id = `q${i} "‘café’ 議員 😀"`;
      const sent = await ask({ ...q, id });
      const expected = JSON.stringify(toContractAnswer(running.built.bot.engine.ask(q), id));
      expect(sent.status).toBe(200);
      expect(sent.text).toBe(expected);
      expect(Number(sent.length)).toBe(Buffer.byteLength(expected));
    }
  });
});
