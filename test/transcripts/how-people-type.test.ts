import type { RunningServer } from '../../src/app/start-server';
import { startTestServer } from '../support/test-server';

// The questions issue 21 quotes, as behaviours: each is answered or asked about (never declined because it names
// a service), and a resident's pothole claim is declined. None of their words is in intents/. District-code's
// planning question is read as out of scope by the classifier, but one point (3.1) matches it far better than any
// other: the points' evidence answers it.
const IN_SCOPE = [
  { council: 'council-2016', role: 'member', question: "I've started seeing someone who works in the planning team. Who do I need to tell?", topic: 'relationships-and-socialising' },
  { council: 'rushcliffe', role: 'member', question: 'theres a planning enforcement issue next door to me that affects me personally. can I raise it with the officer?', topic: null },
  { council: 'rushcliffe', role: 'officer', question: "I turned down a cllr's request for some info and now they're kicking off. what happens next?", topic: 'access-to-information' },
  { council: 'lydney', role: 'member', question: 'can I sort out the grounds staff rota with the lads directly?', topic: null },
  {
    council: 'district-code',
    role: 'member',
    question: "can I bring up the planning officer's poor performance at planning committee tonight? its a public meeting",
    topic: 'bullying-and-public-criticism',
  },
] as const;

describe('questions as councillors and officers type them (POST /api/ask)', () => {
  let bot: RunningServer & { base: string };
  beforeAll(async () => {
    bot = await startTestServer({ RATE_LIMIT_QUESTIONS_PER_MINUTE: '1000' });
  });
  afterAll(() => bot.stop());

  const ask = (body: object) =>
    fetch(`${bot.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      (r) => r.json() as Promise<{ outOfScope: boolean; intent: string | null; clarify: unknown[] | null; point: string | null }>,
    );

  it.each(IN_SCOPE)('$council: "$question" is answered or asked about, not declined', async (q) => {
    const answer = await ask(q);
    expect(answer.outOfScope).toBe(false);
    expect(answer.point !== null || (answer.clarify?.length ?? 0) >= 2).toBe(true);
    if (q.topic && answer.clarify === null) expect(answer.intent).toBe(q.topic);
  });

  it("declines a resident's pothole claim, however it names the council", async () => {
    const answer = await ask({ council: 'rushcliffe', role: 'member', question: 'a resident says a pothole on the high street damaged their car, how do they claim compensation from the council?' });
    expect(answer.outOfScope).toBe(true);
  });
});
