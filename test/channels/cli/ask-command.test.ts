import { runEtiquette } from '../../support/cli-harness';
import { tempDataDir } from '../../support/temp-data-dir';

const env = { DATA_DIR: tempDataDir() };

interface Answer {
  id?: string;
  council: string;
  role: string;
  intent: string | null;
  confidence: number;
  outOfScope: boolean;
  point: string | null;
  lead: string;
  clarify: Array<{ point: string; label: string }> | null;
  text: string;
  citations: Array<{ council: string; section: string; title: string; quote: string }>;
  alternatives: Array<{ intent: string; confidence: number }>;
  error?: { code: string; message: string };
}

async function askJson(council: string, role: string, question: string): Promise<Answer> {
  const run = await runEtiquette(['ask', '--council', council, '--role', role, '--json', question], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Answer;
}

const STALLED = 'the director never dealt with my complaint about one of their staff, where do I go now?';

describe('etiquette ask', () => {
  it('sends a London Councils member whose complaint stalled to the Chief Executive, citing section 13', async () => {
    const answer = await askJson('london-councils', 'member', STALLED);
    expect(answer.intent).toBe('complaint-about-officer');
    expect(answer.outOfScope).toBe(false);
    expect(answer.text).toMatch(/Chief Executive/);
    expect(answer.citations.map((c) => c.section)).toContain('13');
    for (const citation of answer.citations) expect(citation.council).toBe('london-councils');
  });

  it("answers the same question at Lydney in Lydney's own terms, citing its section 5", async () => {
    const answer = await askJson('lydney', 'member', STALLED);
    expect(answer.text).toMatch(/Town Clerk/);
    expect(answer.text).toMatch(/Chairman of the Council/);
    expect(answer.text).not.toMatch(/\bDirector\b/);
    expect(answer.citations.some((c) => /^5(\.|$)/.test(c.section))).toBe(true);
  });

  it('gives confidences and alternatives as probabilities', async () => {
    const answer = await askJson('rushcliffe', 'officer', "can I forward a councillor's email to another party?");
    expect(answer.confidence).toBeGreaterThan(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
    for (const alt of answer.alternatives) expect(alt.confidence).toBeLessThanOrEqual(answer.confidence);
  });

  it('declines a question outside the protocols, with no citations and a pointer to what it can do', async () => {
    const answer = await askJson('district-code', 'officer', 'when will my bins be collected?');
    expect(answer.outOfScope).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(answer.text).toMatch(/outside what I can advise on/);
  });

  it("says when the council's protocol does not cover a topic, and labels what others say as theirs", async () => {
    const answer = await askJson('lydney', 'member', 'what are the rules for councillors and officers during purdah before the election?');
    expect(answer.intent).toBe('pre-election-period');
    expect(answer.text).toMatch(/does not cover/);
    expect(answer.text).toMatch(/Other councils' protocols \(theirs, not yours\)/);
    expect(answer.citations).toEqual([]);
  });

  it('prints the lead and a one-line hint of the rest without --json, and the whole answer with --full', async () => {
    const question = 'who signs off an officer coming to brief our group?';
    const short = await runEtiquette(['ask', '--council', 'council-2016', question], env);
    expect(short.code).toBe(0);
    const [lead, hint, ...rest] = short.stdout.trim().split('\n\n');
    expect(lead).toMatch(/^The relevant Chief Officer\..*\(6\.2\)\.$/);
    expect(hint).toMatch(/^More: .*the protocol's words \(\d+ paragraphs?\).* \(etiquette ask --full to read it\)\.$/);
    expect(hint?.split('\n')).toHaveLength(1);
    expect(rest).toEqual([]);
    expect(short.stdout).not.toMatch(/Source: /);

    const full = await runEtiquette(['ask', '--council', 'council-2016', '--full', question], env);
    expect(full.code).toBe(0);
    expect(full.stdout.startsWith(`${lead}\n\n`)).toBe(true);
    expect(full.stdout).toMatch(/Source: /);
    expect(full.stdout).not.toMatch(/^More: /m);
  });

  it('gives the lead, the point and clarify in --json, with the text starting with the lead and the deciding clause cited first', async () => {
    const answer = await askJson('council-2016', 'member', 'who signs off an officer coming to brief our group?');
    expect(answer.point).toMatch(/^c16-briefing-/);
    expect(answer.clarify).toBeNull();
    expect(answer.lead.length).toBeLessThanOrEqual(400);
    expect(answer.text.startsWith(answer.lead)).toBe(true);
    expect(answer.lead).toContain(`(${answer.citations[0]?.section})`);
  });

  it('compares the five councils side by side with --compare', async () => {
    const run = await runEtiquette(['ask', '--council', 'council-2016', '--compare', 'can an officer brief our party group?'], env);
    expect(run.code).toBe(0);
    for (const name of ['Lydney Town Council', 'Rushcliffe Borough Council', 'London Councils']) expect(run.stdout).toContain(name);
  });

  it.each([
    [['ask', '--council', 'atlantis', 'hello'], /unknown council "atlantis"/],
    [['ask', '--council', 'lydney', '   '], /question is empty/],
    [['ask', '--council', 'lydney', '--role', 'mayor', 'hello'], /--role must be member or officer/],
    [['ask', '--council', 'lydney', 'x'.repeat(5000)], /limit is 2000/],
    [['ask', '--council', 'lydney'], /expected one question/],
  ])('refuses %j with exit code 2 and one line', async (argv, message) => {
    const run = await runEtiquette(argv, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('etiquette ask --batch', () => {
  it('answers JSON lines in order, one line each, with an error line for a malformed one', async () => {
    const lines = [
      JSON.stringify({ id: 'a', council: 'lydney', role: 'member', question: 'who do I complain to about the town clerk?' }),
      '{"id": "b", "council": ',
      JSON.stringify({ id: 'c', council: 'atlantis', role: 'member', question: 'hello' }),
      '',
      JSON.stringify({ id: 'd', council: 'london-councils', role: 'officer', question: 'a councillor was rude to me, who do I tell?' }),
      JSON.stringify({ id: 'e', council: 'london-councils', role: 'officer' }),
    ];
    const run = await runEtiquette(['ask', '--batch'], env, lines);
    expect(run.code).toBe(0);
    const out = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Answer & { line?: number });
    expect(out).toHaveLength(5);
    expect(out[0]?.id).toBe('a');
    expect(out[0]?.text).toMatch(/Chairman of the Council/);
    expect(out[1]?.error?.code).toBe('malformed_json');
    expect(out[1]?.line).toBe(2);
    expect(out[2]).toMatchObject({ id: 'c', error: { code: 'unknown_council' } });
    expect(out[3]?.id).toBe('d');
    expect(out[3]?.intent).toBe('complaint-about-member');
    expect(out[4]).toMatchObject({ id: 'e', error: { code: 'bad_request' } });
  });
});
