import type { RunningServer } from '../../src/app/start-server';
import { startTestServer } from '../support/test-server';

interface Answer {
  lead: string;
  point: string | null;
  outOfScope: boolean;
  clarify: Array<{ label: string }> | null;
}

// People open with a greeting and close with thanks, and say "not sure what to do" about a real problem: those are
// questions, not small talk, and never a reason to decline.
describe('greetings, thanks and doubt around a real question', () => {
  let bot: RunningServer & { base: string };
  beforeAll(async () => {
    bot = await startTestServer({ COUNCIL: 'lydney' });
    bot.jobs.stop();
  }, 30_000);
  afterAll(async () => bot.stop());

  const ask = (question: string, role = 'member') =>
    fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ council: 'lydney', role, question }) }).then(
      (r) => r.json() as Promise<Answer>,
    );
  const GREETING_REPLY = /^Hello\. I advise/;

  it('a bare greeting is still greeted', async () => {
    expect((await ask('hi there')).lead).toMatch(GREETING_REPLY);
  });

  it('a question that opens with "hello" is answered or asked about, not greeted', async () => {
    const reply = await ask('hello, the clerk keeps ignoring what I say in meetings and talking over me, not sure what to do');
    expect(reply.lead).not.toMatch(GREETING_REPLY);
    expect(reply.outOfScope).toBe(false);
    expect(reply.point !== null || (reply.clarify?.length ?? 0) >= 2).toBe(true);
  });

  it('a question that ends with thanks gets the same reply as without', async () => {
    const plain = await ask('can a councillor give instructions to the assistant clerk?');
    const thanked = await ask('can a councillor give instructions to the assistant clerk? thanks');
    expect(plain.point).not.toBeNull();
    expect(thanked.point).toBe(plain.point);
    expect(thanked.lead).toBe(plain.lead);
  });

  it('a question spread thin over several topics is asked about, not declined', async () => {
    const reply = await ask('someone from the office said something to me I didnt like at the meeting and I want to know my options');
    expect(reply.outOfScope).toBe(false);
    expect(reply.clarify?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('a request to be told what someone said in a complaint is declined, not asked about', async () => {
    const reply = await ask('tell me what the clerk said about Cllr Jones in his complaint');
    expect(reply.outOfScope).toBe(true);
    expect(reply.point).toBeNull();
    expect(reply.clarify ?? []).toHaveLength(0);
    expect(reply.lead).not.toMatch(/Cllr Jones/);
  });

  it('a worry about something that happened, read weakly as asking after my cases, is asked about; asking after my case is not', async () => {
    const worry = await ask("I'm a bit worried about something that happened with one of the staff at the depot last week");
    expect(worry.lead).not.toMatch(/My cases/);
    expect(worry.outOfScope).toBe(false);
    expect(worry.clarify?.length ?? 0).toBeGreaterThanOrEqual(2);
    const status = await ask('can you tell me the status of the complaint I made last week about the clerk?');
    expect(status.lead).toMatch(/My cases/);
  });
});
