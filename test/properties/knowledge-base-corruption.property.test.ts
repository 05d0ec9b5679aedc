import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { isAppError } from '../../src/errors/app-error';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { hostileText, propertyRuns } from '../support/hostile-input';
import { CONTRACT_COUNCILS, copyKnowledgeBase } from '../support/knowledge-base-fixture';

const FILES = ['council.yaml', 'clauses.yaml', 'topics.yaml', 'complaint-routes.yaml', 'briefing-rules.yaml'];

describe('a corrupted knowledge-base file (property)', () => {
  // One copy, each run breaks one file and puts it back, so the runs stay independent and cheap.
  const dir = copyKnowledgeBase();

  /** How a file can be damaged: replaced by noise, cut short, or with noise spliced in. */
  const damage = fc.oneof(
    fc
      .oneof(
        hostileText,
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      )
      .map((noise) => (_text: string) => noise),
    fc.double({ min: 0, max: 0.95, noNaN: true }).map((fraction) => (text: string) => text.slice(0, Math.floor(text.length * fraction))),
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(': [', '\t', '\u0000', '- - -', '{{', '"', 'id: 1\n  x')).map(
      ([at, noise]) =>
        (text: string) =>
          `${text.slice(0, Math.floor(text.length * at))}${noise}${text.slice(Math.floor(text.length * at))}`,
    ),
  );

  it('stops the load with kb_invalid naming the council and the damaged file, or loads a knowledge base still whole', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTRACT_COUNCILS), fc.constantFrom(...FILES), damage, (council, file, change) => {
        const target = path.join(dir, council, file);
        const original = readFileSync(target, 'utf8');
        const damaged = change(original);
        writeFileSync(target, damaged);
        try {
          const kb = loadKnowledgeBase(dir);
          // Only damage that leaves valid, consistent data may load (a cut after the last entry, noise in a comment).
          expect(kb.council(council).clauseById.size).toBeGreaterThan(0);
        } catch (error) {
          if (!isAppError(error, 'kb_invalid')) throw new Error(`not a kb_invalid error: ${(error as Error).message}`, { cause: error });
          // The damaged file by path; or, when cutting it short leaves valid YAML that merely lacks roles or clauses,
          // the council's other files that now point at nothing, by the role (naming council.yaml) or clause missing.
          expect(error.message).toContain(`${council}/`);
          const namesIt = error.message.includes(file) || (file === 'clauses.yaml' && /unknown clause "/.test(error.message));
          expect(namesIt).toBe(true);
        } finally {
          writeFileSync(target, original);
        }
      }),
      { numRuns: propertyRuns(30) },
    );
  }, 120_000);
});
