import fc from 'fast-check';

/**
 * Runs per property: modest by default so the suite stays fast; `PROPERTY_RUNS=2000 npx jest test/properties`
 * for a long run (README "Test it").
 */
export function propertyRuns(defaultRuns: number): number {
  const requested = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(requested) && requested > 0 ? requested : defaultRuns;
}

/**
 * Pieces of text that upset naive code: other scripts, right-to-left marks, zero-width joiners, emoji, NUL, and
 * words that are also names of every object's inherited properties.
 */
const AWKWARD = [
  'مرحبا بالمجلس',
  'Совет депутатов',
  '议员与官员',
  'ज़िला परिषद',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  '👩‍⚖️🏛️',
  'e\u0301\u0301\u0301',
  '\u0000',
  '\u0007\u001B[31m',
  '\r\n',
  '\t',
  '\uD800',
  'Cllr O\'Brien "quoted"',
  '<script>alert(1)</script>',
  '{"question":',
  '\\u0000',
  'DROP TABLE cases;--',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'councillor',
  'officer',
  'complaint',
  'briefing',
  'email',
];

/** Control characters only. */
export const controlText = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)), maxLength: 40 });

/** Words and marks from many scripts, mixed. */
export const mixedScriptText = fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join(' '));

/** Short hostile text of every kind: random code units (lone surrogates too), graphemes, control characters, mixed scripts. */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  controlText,
  mixedScriptText,
  fc.constant(''),
  fc.constantFrom(' ', '\n\n', '\u00A0\u2003'),
);

/** Text from empty to over a megabyte (the big ones are a repeated chunk, so generating them is cheap). */
export const anySizeText = fc.oneof(
  { weight: 6, arbitrary: hostileText },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.integer({ min: 2_001, max: 1_100_000 })).map(([chunk, size]) => chunk.repeat(Math.ceil(size / chunk.length))),
  },
);

/** Any JSON value, with hostile strings in it. */
export const hostileJson = fc.jsonValue({ maxDepth: 3 });
