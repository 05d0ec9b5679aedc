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
  }, 30_000);

  it('answers with the point a button names, within the question limit, and refuses an unknown one by name', async () => {
    const sent = await ask({ council: 'lydney', role: 'officer', point: 'lyd-roles-who-officers-answer-to', question: 'Who are officers answerable to?' });
    expect(sent.status).toBe(200);
    const answer = JSON.parse(sent.text) as { point: string; lead: string; citations: Array<{ section: string }> };
    expect(answer.point).toBe('lyd-roles-who-officers-answer-to');
    expect(answer.lead).toMatch(/^The Council\. You are responsible to the Council .*\(2\.1\)\.$/);
    expect(answer.citations[0]?.section).toBe('2.1');

    const unknown = await ask({ council: 'lydney', point: 'lyd-no-such-point', question: 'x' });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: { code: 'unknown_point', message: expect.stringContaining('lyd-no-such-point') } });
  });
});
