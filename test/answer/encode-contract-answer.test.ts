import { composeReply, type ReplyRequest } from '../../src/answer/compose-reply';
import { toContractAnswer } from '../../src/answer/contract-answer';
import { encodeContractAnswerChunks } from '../../src/answer/encode-contract-answer';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { ASKER_ROLES, SUBJECT_ROLES, type SubjectRole } from '../../src/knowledge/schemas/identifiers';
import type { Understanding } from '../../src/nlu/understanding';
import { PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';

const kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);

function understood(intent: string | null, options: { ambiguous?: boolean; kind?: Understanding['kind']; confidence?: number } = {}): Understanding {
  return {
    intent,
    kind: intent === null ? null : (options.kind ?? 'topic'),
    confidence: options.confidence ?? 0.61803,
    outOfScope: intent === null,
    clarify: [],
    ambiguous: options.ambiguous ?? false,
    alternatives: [
      { intent: 'confidentiality', kind: 'topic', confidence: 0.2871 },
      { intent: 'greeting', kind: 'conversation', confidence: 0.01 },
    ],
  };
}

function request(council: string, role: 'member' | 'officer', intent: string | null, question: string, subjectRole?: SubjectRole, options = {}): ReplyRequest {
  return { kb, council: kb.council(council), role, question, understanding: understood(intent, options), subjectRole };
}

/** What the web API sent before answers were spliced from encoded bodies: the contract answer, stringified. */
/** The chunks the web API sends for a reply, as one buffer. */
const encodeContractAnswer = (reply: ReturnType<typeof composeReply>, id?: string) =>
  Buffer.concat(encodeContractAnswerChunks(reply, id).map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)));

const stringified = (reply: ReturnType<typeof composeReply>, id?: string) => JSON.stringify(toContractAnswer(reply, id));

describe('encoding an answer for the HTTP API', () => {
  it('writes, for every council, role, topic and complaint subject, exactly the JSON of the contract answer', () => {
    let compared = 0;
    for (const council of kb.councilIds()) {
      for (const role of ASKER_ROLES) {
        for (const topic of kb.topics) {
          for (const subject of [undefined, ...SUBJECT_ROLES]) {
            for (const ambiguous of [false, true]) {
              for (const question of ['who do I go to about this?', 'the director never dealt with my complaint, where now?']) {
                // twice each: the first encodes the body, the second splices into the stored encoding
                for (let time = 0; time < 2; time += 1) {
                  const reply = composeReply(request(council, role, topic.id, question, subject, { ambiguous }));
                  expect(encodeContractAnswer(reply).toString('utf8')).toBe(stringified(reply));
                  expect(encodeContractAnswer(reply, `q-${compared}`).toString('utf8')).toBe(stringified(reply, `q-${compared}`));
                  compared += 1;
                }
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(5 * 2 * 20 * 2 * 2 * 2);
  });

  it('writes declined, greeting and help replies as the contract answer too', () => {
    for (const council of kb.councilIds()) {
      for (const intent of [null, 'greeting', 'help', 'thanks', 'start-complaint', 'check-my-case']) {
        const reply = composeReply(request(council, 'officer', intent, 'hello there', undefined, { kind: 'conversation' }));
        expect(encodeContractAnswer(reply, 'x').toString('utf8')).toBe(stringified(reply, 'x'));
      }
    }
  });

  it('escapes the caller\'s id and parses back to the same answer, whatever characters it holds', () => {
    const id = 'a "quoted" id\\ with\nnew lines, \u2028, \u0000, emoji 🏛️ and a lone \ud800';
    const reply = composeReply(request('lydney', 'member', 'complaint-about-officer', 'the clerk was rude', 'chief-executive', { ambiguous: true }));
    const bytes = encodeContractAnswer(reply, id);
    expect(bytes.toString('utf8')).toBe(stringified(reply, id));
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(stringified(reply, id)));
  });

  it('writes every confidence as JSON.stringify does: thousandths, unrounded values a channel set, and non-finite ones', () => {
    const reply = composeReply(request('district-code', 'member', 'gifts-and-hospitality', 'may I accept a bottle of wine?', undefined, { ambiguous: true }));
    const values = [0, 1, 0.001, 0.5, 0.999, 0.1 + 0.2, 1 / 3, 2e-7, 1e21, -0.25, Number.NaN, Number.POSITIVE_INFINITY];
    for (let thousandths = 0; thousandths <= 1000; thousandths += 1) values.push(thousandths / 1000);
    for (const [i, value] of values.entries()) {
      reply.confidence = value;
      reply.alternatives = [{ intent: `intent-${i % 7}`, title: 'A title', confidence: values[values.length - 1 - i] as number }];
      // twice: the second time the text of each number comes from what the first made
      expect(encodeContractAnswer(reply).toString('utf8')).toBe(stringified(reply));
      expect(encodeContractAnswer(reply).toString('utf8')).toBe(stringified(reply));
    }
  });

  it("follows a reply a channel changed after composing it, not the topic's stored encoding", () => {
    const first = composeReply(request('rushcliffe', 'member', 'correspondence-and-copying', 'can I copy in the other group?'));
    encodeContractAnswer(first);
    const changed = composeReply(request('rushcliffe', 'member', 'correspondence-and-copying', 'who sees my emails?'));
    changed.doList.push('Added by a channel.');
    changed.headline = 'A different first line.';
    changed.followUps.push({ kind: 'ask-example', label: 'Something else?', value: 'something else' });
    const text = JSON.parse(encodeContractAnswer(changed).toString('utf8')) as { text: string; followUps: unknown[] };
    expect(text.text).toMatch(/^A different first line\./);
    expect(text.text).toContain('- Added by a channel.');
    expect(encodeContractAnswer(changed).toString('utf8')).toBe(stringified(changed));
  });
});
