import fc from 'fast-check';
import { MAX_QUESTION_LENGTH, type AnswerEngine } from '../../src/answer/answer-engine';
import { buildAnswerEngine } from '../../src/app/build-answer-engine';
import { loadSettings } from '../../src/config/load-settings';
import { isAppError } from '../../src/errors/app-error';
import { anySizeText, controlText, hostileText, mixedScriptText, propertyRuns } from '../support/hostile-input';
import { CONTRACT_COUNCILS } from '../support/knowledge-base-fixture';
import { tempDataDir } from '../support/temp-data-dir';

/** The codes a caller's bad question may earn; anything else (or a plain Error) is a bug. */
const CALLER_ERRORS = ['bad_request', 'question_empty', 'question_too_long', 'unknown_council'];

/** One question to the engine: the reply, or the typed error it refused with. Fails on any other throw. */
function askSafely(engine: AnswerEngine, input: { council?: string; role?: string; question: string }) {
  const started = Date.now();
  try {
    return { reply: engine.ask(input), ms: Date.now() - started };
  } catch (error) {
    if (!isAppError(error)) throw new Error(`a plain ${(error as Error).name} escaped: ${(error as Error).message}`, { cause: error });
    return { error, ms: Date.now() - started };
  }
}

describe('etiquette ask engine on hostile input (property)', () => {
  let engine: AnswerEngine;
  beforeAll(() => {
    engine = buildAnswerEngine(loadSettings({ NODE_ENV: 'test', DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent' })).engine;
  }, 60_000);

  const council = fc.oneof(fc.constantFrom(...CONTRACT_COUNCILS), fc.constant(undefined), hostileText);
  const role = fc.oneof(fc.constantFrom('member', 'officer'), fc.constant(undefined), hostileText);

  it('answers, abstains or refuses with a typed error and a message, quickly, whatever the question, council and role', () => {
    fc.assert(
      fc.property(anySizeText, council, role, (question, councilId, asker) => {
        const outcome = askSafely(engine, { council: councilId, role: asker, question });
        expect(outcome.ms).toBeLessThan(2_000);
        if (outcome.error) {
          expect(CALLER_ERRORS).toContain(outcome.error.code);
          expect(outcome.error.message.length).toBeGreaterThan(5);
          return;
        }
        const { reply } = outcome;
        expect(reply.lead.trim().length).toBeGreaterThan(0);
        if (reply.outOfScope) expect(reply.intent).toBeNull();
        else for (const citation of reply.citations) expect(citation.quote.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('refuses a question that is only blank space as empty, not as a crash or an answer', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u3000', '\uFEFF'), maxLength: 50 }), (blank) => {
        const outcome = askSafely(engine, { council: 'lydney', question: blank });
        expect(outcome.error?.code).toBe('question_empty');
      }),
      { numRuns: propertyRuns(40) },
    );
  });

  it('abstains on control characters and gibberish with no letters in it: no topic, no citations', () => {
    const noLetters = fc.oneof(
      controlText.filter((t) => t.trim() !== ''),
      fc.string({ unit: fc.constantFrom(...'!?.,;:-_=+*&^%$#@~`|/\\<>[]{}()0123456789'), minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(noLetters, (text) => {
        const outcome = askSafely(engine, { council: 'rushcliffe', role: 'officer', question: `${text}\u0001` });
        expect(outcome.reply?.outOfScope).toBe(true);
        expect(outcome.reply?.citations ?? []).toEqual([]);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('refuses anything over the length limit with a message that names the limit, however large', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_QUESTION_LENGTH + 1, max: 1_100_000 }), mixedScriptText, (size, seed) => {
        const chunk = `${seed}x`;
        const question = chunk.repeat(Math.ceil(size / chunk.length));
        const outcome = askSafely(engine, { council: 'london-councils', question });
        expect(outcome.error?.code).toBe('question_too_long');
        expect(outcome.error?.message).toContain(String(MAX_QUESTION_LENGTH));
        expect(outcome.ms).toBeLessThan(2_000);
      }),
      { numRuns: propertyRuns(8) },
    );
  });

  it('names the councils when the council is unknown', () => {
    fc.assert(
      fc.property(
        hostileText.filter((id) => !CONTRACT_COUNCILS.includes(id) && id !== ''),
        (id) => {
          const outcome = askSafely(engine, { council: id, question: 'can I forward a councillor email?' });
          expect(outcome.error?.code).toBe('unknown_council');
          expect(outcome.error?.message).toMatch(/lydney/);
        },
      ),
      { numRuns: propertyRuns(40) },
    );
  });
});
