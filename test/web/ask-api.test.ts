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

  it("sends every held-out question's answer as the contract answer the engine gives, byte for byte, twice over", async () => {
    const evalSet = loadEvalSet(path.join(ROOT, 'test/eval/held-out-questions.jsonl'), path.join(ROOT, 'test/eval/out-of-scope-questions.jsonl'));
    const questions = [...evalSet.inScope, ...evalSet.outOfScope].map(({ council, role, question }) => ({ council, role, question }));
    expect(questions.length).toBeGreaterThan(150);
    let ambiguous = 0;
    for (let pass = 0; pass < 2; pass += 1) {
      for (const [i, q] of questions.entries()) {
        // the second time with an id in other scripts, so the length is counted in bytes, not characters
        const id = pass === 0 ? `q${i} "${pass}"` : `q${i} ‘café’ 議員 😀`;
        const sent = await ask({ ...q, id });
        const expected = JSON.stringify(toContractAnswer(running.built.bot.engine.ask(q), id));
        expect(sent.status).toBe(200);
        expect(sent.text).toBe(expected);
        expect(Number(sent.length)).toBe(Buffer.byteLength(expected));
        if (pass === 0 && expected.includes('"kind":"did-you-mean"')) ambiguous += 1;
      }
    }
    // the set holds questions whose answer carries a "did you mean", which the encoder splices in
    expect(ambiguous).toBeGreaterThan(0);
    // 800 requests: on a loaded two-core machine this takes several seconds (a correctness check, not a timing one)
  }, 60_000);
});
