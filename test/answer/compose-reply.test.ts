import type { AnswerEngine } from '../../src/answer/answer-engine';
import { toContractAnswer } from '../../src/answer/contract-answer';
import { buildAnswerEngine } from '../../src/app/build-answer-engine';
import { loadSettings } from '../../src/config/load-settings';
import { tempDataDir } from '../support/temp-data-dir';

describe('composing a reply', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    engine = buildAnswerEngine(loadSettings({ NODE_ENV: 'test', DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent', SERVICE_STANDARD_WORKING_DAYS: '7' })).engine;
  }, 60_000);

  it('makes a fresh plain object each time, so a change to one reply never reaches the next', async () => {
    const first = engine.askTopic({ council: 'rushcliffe', role: 'member', topic: 'correspondence-and-copying', question: 'can I copy in the other group?' });
    first.doList.push('something a channel added');
    first.citations.length = 0;
    first.followUps.push({ kind: 'did-you-mean', label: 'Did you mean: something else?', value: 'confidentiality' });
    const second = engine.askTopic({ council: 'rushcliffe', role: 'member', topic: 'correspondence-and-copying', question: 'can I copy in the other group?' });
    expect(second.doList).not.toContain('something a channel added');
    expect(second.citations.length).toBeGreaterThan(0);
    expect(second.followUps.some((f) => f.label === 'Did you mean: something else?')).toBe(false);
    expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
  });

  it('leads an escalating complainant with what comes next, and a first-time one with where the complaint goes', async () => {
    const first = engine.askTopic({ council: 'london-councils', role: 'member', topic: 'complaint-about-officer', question: 'who do I complain to about an officer in the grants team?' });
    const stalled = engine.askTopic({
      council: 'london-councils',
      role: 'member',
      topic: 'complaint-about-officer',
      question: 'the director never dealt with my complaint about an officer, where do I go now?',
    });
    expect(first.lead).toMatch(/^The officer's director\b.*\(section 13\)\.$/);
    expect(first.summary).toMatch(/^A complaint about the officer goes to the officer's director\./);
    expect(stalled.lead).toMatch(/Chief Executive/);
    expect(stalled.summary).toMatch(/^If not satisfied with the result of the disciplinary investigation, refer the complaint to the Chief Executive/);
    expect(stalled.lead).not.toBe(first.lead);
  });

  it('names each cited paragraph once in the text, with its quoted passages under it, and quotes each clause once in the route', async () => {
    const answer = toContractAnswer(engine.askTopic({ council: 'london-councils', role: 'member', topic: 'complaint-about-officer', question: 'how do I complain about an officer?' }));
    const section13 = answer.citations.filter((c) => c.section === '13' && c.title === 'Formal complaint by a Member about an officer');
    expect(section13.length).toBeGreaterThan(1);
    const headings = answer.text.split('\n').filter((line) => line.startsWith('[13] Formal complaint by a Member about an officer'));
    expect(headings).toHaveLength(1);
    for (const citation of section13.slice(0, 3)) expect(answer.text).toContain(`  "${citation.quote}"`);
    expect(answer.route?.citations.length).toBeGreaterThan(0);
    for (const citation of answer.route?.citations ?? []) expect(Object.keys(citation).sort()).toEqual(['council', 'section', 'title']);
  });

  it("tells a complaint route in plain sentences, each once, with a service standard named as the council's, not the protocol's", async () => {
    const reply = engine.askTopic({ council: 'district-code', role: 'member', topic: 'complaint-about-officer', question: 'who do I complain to about an officer in planning?' });
    const sentences = reply.summary.split(/(?<=\.)\s+/);
    expect(reply.summary).not.toMatch(/First:|Copied or told:/);
    expect(new Set(sentences).size).toBe(sentences.length);
    expect(reply.summary).toContain('A complaint about the officer goes to the relevant Executive Head.');
    expect(reply.summary).toContain('The protocol sets no deadline for a response.');
    expect(reply.summary).toMatch(/acknowledged within 7 working days: that is the council's own service standard, not the protocol's\./);
    expect(reply.summary).toMatch(/If you continue to feel concerned after raising it with the Executive Head, report the facts to the Chief Executive/);
  });

  it("keeps to the route asked about: a member's complaint about an officer borrows no step from the routes for other people", async () => {
    const reply = engine.askTopic({ council: 'council-2016', role: 'member', topic: 'complaint-about-officer', question: 'who do I complain to about a junior officer?' });
    expect(reply.point).not.toBeNull();
    // the topic's own "do" list names the step for a complaint about the Chief Executive; a route's answer leaves it out
    expect(reply.doList.join(' ')).not.toMatch(/Raise a complaint about the Chief Executive with the Leader/);
    expect(reply.summary).toMatch(/^A complaint about the officer goes to the appropriate Chief Officer/);
  });

  it("answers with the point a button names, in the asker's own wording", async () => {
    const forMember = engine.askPoint({ council: 'lydney', role: 'member', point: 'lyd-roles-who-officers-answer-to' });
    const forOfficer = engine.askPoint({ council: 'lydney', role: 'officer', point: 'lyd-roles-who-officers-answer-to' });
    expect(forMember.point).toBe('lyd-roles-who-officers-answer-to');
    expect(forMember.lead).toMatch(/^The Council\. Officers are responsible to the Council/);
    expect(forOfficer.lead).toMatch(/^The Council\. You are responsible to the Council/);
    expect(forMember.citations[0]?.clause).toBe('2.1.p2');
    expect(() => engine.askPoint({ council: 'lydney', role: 'member', point: 'lyd-no-such-point' })).toThrow(/unknown point "lyd-no-such-point"/);
  });
});
