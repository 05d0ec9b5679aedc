import { toContractAnswer } from '../../src/answer/contract-answer';
import { composeReply, type ReplyRequest } from '../../src/answer/compose-reply';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import type { Understanding } from '../../src/nlu/understanding';
import { PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';

const kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);

function understood(intent: string, ambiguous: boolean): Understanding {
  return {
    intent,
    kind: 'topic',
    confidence: 0.5,
    outOfScope: false,
    clarify: [],
    ambiguous,
    alternatives: [{ intent: 'confidentiality', kind: 'topic', confidence: 0.45 }],
  };
}

function request(council: string, intent: string, question: string, ambiguous = false): ReplyRequest {
  return { kb, council: kb.council(council), role: 'member', question, understanding: understood(intent, ambiguous), subjectRole: undefined };
}

describe('composing a reply', () => {
  it("never carries one question's \"did you mean\" or changes over to the next question on the same topic", () => {
    const first = composeReply(request('rushcliffe', 'correspondence-and-copying', 'can I copy in the other group?', true));
    expect(first.followUps.some((f) => f.kind === 'did-you-mean')).toBe(true);
    first.doList.push('something a channel added');
    first.citations.length = 0;
    const second = composeReply(request('rushcliffe', 'correspondence-and-copying', 'who sees my emails?'));
    expect(second.followUps.some((f) => f.kind === 'did-you-mean')).toBe(false);
    expect(second.doList).not.toContain('something a channel added');
    expect(second.citations.length).toBeGreaterThan(0);
  });

  it('answers an escalating complainant differently from a first-time one at the same council', () => {
    const first = composeReply(request('london-councils', 'complaint-about-officer', 'how do I complain about an officer?'));
    const stalled = composeReply(request('london-councils', 'complaint-about-officer', 'the director never dealt with my complaint, where do I go now?'));
    expect(first.headline).toMatch(/^Raise a complaint about the officer with/);
    expect(stalled.headline).toMatch(/^If not satisfied/);
  });

  it('names each cited paragraph once in the text, with its quoted passages under it, and quotes each clause once in the route', () => {
    const reply = composeReply(request('london-councils', 'complaint-about-officer', 'how do I complain about an officer?'));
    const answer = toContractAnswer(reply);
    const section13 = answer.citations.filter((c) => c.section === '13' && c.title === 'Formal complaint by a Member about an officer');
    expect(section13.length).toBeGreaterThan(1);
    const headings = answer.text.split('\n').filter((line) => line.startsWith('[13] Formal complaint by a Member about an officer'));
    expect(headings).toHaveLength(1);
    for (const citation of section13.slice(0, 3)) expect(answer.text).toContain(`  "${citation.quote}"`);
    expect(answer.route?.citations.length).toBeGreaterThan(0);
    for (const citation of answer.route?.citations ?? []) expect(Object.keys(citation).sort()).toEqual(['council', 'section', 'title']);
  });
});
