import type { RunningServer } from '../../src/app/start-server';
import { startTestServer } from '../support/test-server';

// Questions in our own words, five a council, each answered through POST /api/ask: the lead must state the point's
// deciding facts and end with its clause, and that clause must be cited first.

interface Answer {
  point: string | null;
  lead: string;
  clarify: unknown;
  text: string;
  outOfScope: boolean;
  citations: Array<{ section: string; title: string; quote: string }>;
}

interface Step {
  council: string;
  role: 'member' | 'officer';
  question: string;
  /** What the lead must say, each pattern in turn. */
  says: RegExp[];
  /** How the lead cites its deciding clause, and the section of citations[0]. */
  clause: string;
  section: string;
}

const STEPS: Step[] = [
  // council-2016
  {
    council: 'council-2016',
    role: 'member',
    question: 'As a councillor, am I allowed to hand out work directly to a junior member of staff?',
    says: [/^No\./, /instructions to junior staff/],
    clause: '8.3',
    section: '8.3',
  },
  { council: 'council-2016', role: 'member', question: 'my complaint is about the chief executive himself - where does that go?', says: [/^The Leader\./], clause: '8.4', section: '8.4' },
  {
    council: 'council-2016',
    role: 'member',
    question: 'An employee keeps lobbying me about their own pay grading. What am I supposed to do?',
    says: [/^Tell the Monitoring Officer immediately\./],
    clause: '8.7',
    section: '8.7',
  },
  {
    council: 'council-2016',
    role: 'officer',
    question: 'Do I have to give a political group advice every time it asks for it?',
    says: [/^No\./, /cannot be required to advise/],
    clause: '6.1',
    section: '6.1',
  },
  {
    council: 'council-2016',
    role: 'member',
    question: "I'd like to complain about one of the chief officers. Where should that go?",
    says: [/relevant Executive Director/, /Chief Executive/],
    clause: '8.4',
    section: '8.4',
  },
  // lydney
  {
    council: 'lydney',
    role: 'member',
    question: "I'm unhappy with how the Town Clerk handled something. Who do I raise it with?",
    says: [/^The Chairman of the Council\./],
    clause: '5.2',
    section: '5.2',
  },
  { council: 'lydney', role: 'member', question: 'if the clerk briefs our group, will the other groups find out?', says: [/^Yes\./, /tells all other groups/], clause: '4.3(d)', section: '4.3(d)' },
  { council: 'lydney', role: 'officer', question: 'who are town council staff ultimately answerable to?', says: [/^The Council\./, /corporate body/], clause: '2.1', section: '2.1' },
  {
    council: 'lydney',
    role: 'officer',
    question: 'a councillor wants me to recommend something in my report that goes against my professional view, do I have to?',
    says: [/^Yours\./, /professional views and recommendations/],
    clause: '2.5',
    section: '2.5',
  },
  { council: 'lydney', role: 'member', question: 'Will the clerk tell us which option to vote for at our group meeting?', says: [/^No\./, /recommendation/], clause: '4.3(c)', section: '4.3(c)' },
  // district-code
  {
    council: 'district-code',
    role: 'member',
    question: "Is it ok for me to have a go at an officer's performance during a public council meeting?",
    says: [/^No\./, /meeting held in public/],
    clause: '3.1',
    section: '3.1',
  },
  {
    council: 'district-code',
    role: 'member',
    question: "I'm unhappy with the conduct of an officer. Who do I raise it with formally?",
    says: [/^The relevant Executive Head/],
    clause: '3.2',
    section: '3.2',
  },
  {
    council: 'district-code',
    role: 'officer',
    question: 'Do officers have to stay politically neutral when advising members?',
    says: [/political neutrality at all times/],
    clause: '8.2(a)',
    section: '8.2(a)',
  },
  {
    council: 'district-code',
    role: 'member',
    question: "Should officers let me know when they're holding a public meeting in my ward?",
    says: [/^Yes\./, /Ward/, /invited/],
    clause: '14.1',
    section: '14.1',
  },
  {
    council: 'district-code',
    role: 'officer',
    question: 'Am I allowed to accept a lift home from a councillor I work with closely?',
    says: [/close personal familiarity/],
    clause: '6.1',
    section: '6.1',
  },
  // rushcliffe
  {
    council: 'rushcliffe',
    role: 'member',
    question: 'Who should I report it to if I think a colleague councillor broke the protocol?',
    says: [/Monitoring Officer or their deputy/],
    clause: 'Complaints, Councillors, item 1',
    section: 'complaints-councillors',
  },
  {
    council: 'rushcliffe',
    role: 'officer',
    question: 'A councillor has been rude to me in an email. Who do I tell?',
    says: [/^Your line manager/],
    clause: 'Complaints, officers, item 1',
    section: 'complaints-officers',
  },
  {
    council: 'rushcliffe',
    role: 'member',
    question: "Can I use the council's printer for my campaign literature?",
    says: [/duties as a Councillor/, /never for party political or personal use/],
    clause: 'Use of Council facilities, Councillors, item 2',
    section: 'facilities-councillors',
  },
  {
    council: 'rushcliffe',
    role: 'officer',
    question: "Is it ever OK for me to pass one councillor's correspondence on to another councillor?",
    says: [/political or sensitive matters/, /consent/, /other Councillors/],
    clause: 'Confidentiality, officers, item 2',
    section: 'confidentiality-officers',
  },
  {
    council: 'rushcliffe',
    role: 'member',
    question: "Should I tell somebody in advance before I visit one of the council's buildings?",
    says: [/^Whenever practicable, notify/, /in advance/],
    clause: 'Access to premises, Councillors, item 1',
    section: 'access-to-premises-councillors',
  },
  // london-councils
  { council: 'london-councils', role: 'member', question: 'Can I demand that the officer I complained about gets disciplined?', says: [/^No\./, /insist/], clause: 'section 13', section: '13' },
  {
    council: 'london-councils',
    role: 'member',
    question: 'Who do I send a formal complaint about a director to?',
    says: [/^The Chief Executive\./, /in writing/],
    clause: 'section 13',
    section: '13',
  },
  {
    council: 'london-councils',
    role: 'member',
    question: 'Am I entitled to see the full details of the disciplinary investigation into the officer I complained about?',
    says: [/outcome of any disciplinary investigation/, /no right to detailed information/],
    clause: 'section 13',
    section: '13',
  },
  {
    council: 'london-councils',
    role: 'member',
    question: 'Where should I send my complaint about the conduct of the chief executive?',
    says: [/Local Authorities \(Standing Orders\) Regulations 1993/],
    clause: 'section 13',
    section: '13',
  },
  {
    council: 'london-councils',
    role: 'officer',
    question: 'How long will the director take to respond to my complaint about a Member?',
    says: [/^Five working days\./, /Your director/],
    clause: 'section 13',
    section: '13',
  },
];

describe('leads for questions in our own words (POST /api/ask)', () => {
  let running: RunningServer & { base: string };
  beforeAll(async () => {
    running = await startTestServer({ RATE_LIMIT_QUESTIONS_PER_MINUTE: '100000' });
  }, 30_000);
  afterAll(() => running.stop());

  async function ask(step: Pick<Step, 'council' | 'role' | 'question'>): Promise<Answer> {
    const response = await fetch(`${running.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(step) });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  }

  it.each(STEPS.map((step) => [step.council, step.question, step] as const))('%s: "%s" leads with the deciding fact and its clause', async (_council, _question, step) => {
    const answer = await ask(step);
    expect(answer.outOfScope).toBe(false);
    expect(answer.point).toEqual(expect.any(String));
    expect(answer.clarify).toBeNull();
    for (const pattern of step.says) expect(answer.lead).toMatch(pattern);
    expect(answer.lead.endsWith(` (${step.clause}).`)).toBe(true);
    expect(answer.lead.length).toBeLessThanOrEqual(400);
    expect(answer.citations[0]?.section).toBe(step.section);
    expect(answer.text.startsWith(answer.lead)).toBe(true);
  });

  it('never gives two questions answered by different points the same lead', async () => {
    const answers = await Promise.all(STEPS.map((step) => ask(step)));
    const pointOfLead = new Map<string, string | null>();
    for (const answer of answers) {
      const point = pointOfLead.get(answer.lead);
      if (point !== undefined) expect(point).toBe(answer.point);
      pointOfLead.set(answer.lead, answer.point);
    }
    expect(new Set(answers.map((answer) => answer.point)).size).toBeGreaterThan(20);
  });

  it('offers a close second point as "did you mean", and the next points of the topic as related questions', async () => {
    const answer = (await ask({ council: 'london-councils', role: 'member', question: 'the director never dealt with my complaint about one of their staff, where do I go now?' })) as Answer & {
      followUps: Array<{ kind: string; label: string; value: string }>;
    };
    const offered = answer.followUps.filter((f) => f.kind === 'did-you-mean-point');
    const related = answer.followUps.filter((f) => f.kind === 'related-point');
    expect(offered.length).toBeLessThanOrEqual(1);
    for (const f of offered) expect(f.label).toMatch(/^Did you mean: /);
    expect(related.length).toBeGreaterThan(0);
    for (const f of [...offered, ...related]) expect(f.value).toMatch(/^lc-/);
    expect(new Set([answer.point, ...offered.map((f) => f.value), ...related.map((f) => f.value)]).size).toBe(1 + offered.length + related.length);
  });
});
