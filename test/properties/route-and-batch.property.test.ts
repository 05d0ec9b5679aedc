import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import type { AnswerEngine } from '../../src/answer/answer-engine';
import { buildAnswerEngine } from '../../src/app/build-answer-engine';
import { runAskBatch } from '../../src/channels/cli/commands/ask-command';
import { checkRouteInputs, runRouteBatch } from '../../src/channels/cli/commands/route-command';
import type { CliIo } from '../../src/channels/cli/cli-io';
import { loadSettings } from '../../src/config/load-settings';
import { isAppError } from '../../src/errors/app-error';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { ASKER_ROLES, SUBJECT_ROLES } from '../../src/knowledge/schemas/identifiers';
import { decideComplaintRoute } from '../../src/workflows/complaints/complaint-routing';
import { builtEntry, ROOT } from '../support/built-entry-points';
import { anySizeText, hostileJson, hostileText, propertyRuns } from '../support/hostile-input';
import { CONTRACT_COUNCILS, PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';
import { tempDataDir } from '../support/temp-data-dir';

/** Runs a batch command over `lines` as standard input; returns the output lines. */
async function runBatch(run: (io: CliIo) => Promise<number>, lines: string[]): Promise<{ code: number; out: string[] }> {
  let stdout = '';
  const code = await run({
    out: (text) => {
      stdout += text;
    },
    err: () => undefined,
    env: {},
    stdinLines: async function* stdin() {
      yield* lines;
    },
  });
  return { code, out: stdout.split('\n').filter((line) => line !== '') };
}

/** A line as readline hands it over: never a line break inside. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]/g, ' ');

describe('complaint route lookups (property)', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);
  });

  const maybe = <T>(valid: readonly T[]) => fc.oneof(fc.constantFrom(...valid), hostileText, hostileJson);

  it('gives every valid (council, from, about) a recipient with a title and a citation, and refuses the rest naming the bad field', async () => {
    fc.assert(
      fc.property(maybe(CONTRACT_COUNCILS), maybe(ASKER_ROLES), maybe(SUBJECT_ROLES), (council, from, about) => {
        let input;
        try {
          input = checkRouteInputs(kb, council, from, about);
        } catch (error) {
          expect(isAppError(error, 'bad_arguments')).toBe(true);
          const field = !CONTRACT_COUNCILS.includes(council as string) ? /council/ : !(ASKER_ROLES as readonly unknown[]).includes(from) ? /--from/ : /--about/;
          expect((error as Error).message).toMatch(field);
          return;
        }
        const decision = decideComplaintRoute(kb.council(input.council), input.from, input.about);
        expect(decision.recipient.title.trim()).not.toBe('');
        expect(decision.citations.length).toBeGreaterThan(0);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('route --batch writes exactly one decision or error line per non-blank input line, in order', async () => {
    const line = fc.oneof(
      hostileText.map(oneLine),
      fc
        .record({ id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), council: maybe(CONTRACT_COUNCILS), from: maybe(ASKER_ROLES), about: maybe(SUBJECT_ROLES) }, { requiredKeys: [] })
        .map((r) => JSON.stringify(r)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), async (lines) => {
        const { code, out } = await runBatch((io) => runRouteBatch(kb, io), lines);
        expect(code).toBe(0);
        const expected = lines.filter((l) => l.trim() !== '');
        expect(out).toHaveLength(expected.length);
        out.forEach((text, i) => {
          const parsed = JSON.parse(text) as { id?: string; error?: { code: string; message: string }; recipient?: { title: string } };
          if (parsed.error) expect(parsed.error.message.length).toBeGreaterThan(5);
          else expect(parsed.recipient?.title).toBeTruthy();
          const sent = (() => {
            try {
              return JSON.parse(expected[i] ?? '') as { id?: unknown };
            } catch {
              return {};
            }
          })();
          if (sent && typeof sent === 'object' && (typeof sent.id === 'string' || typeof sent.id === 'number')) expect(parsed.id).toBe(String(sent.id));
        });
      }),
      { numRuns: propertyRuns(60) },
    );
  });
});

describe('etiquette ask --batch reader (property)', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    engine = buildAnswerEngine(loadSettings({ NODE_ENV: 'test', DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent' })).engine;
  }, 60_000);

  const field = fc.oneof(hostileText, hostileJson, fc.constantFrom(...CONTRACT_COUNCILS, 'member', 'officer', 'can I copy a councillor email to another group?'));
  const line = fc.oneof(
    anySizeText.map(oneLine),
    fc
      .record({ id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), hostileJson), council: field, role: field, question: fc.oneof(field, anySizeText) }, { requiredKeys: [] })
      .map((r) => JSON.stringify(r)),
    hostileJson.map((v) => JSON.stringify(v)),
  );

  it('answers or reports an error for every non-blank line, one JSON line each, in order, with the id echoed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 10 }), async (lines) => {
        const { code, out } = await runBatch((io) => runAskBatch(engine, io), lines);
        expect(code).toBe(0);
        const expected = lines.filter((l) => l.trim() !== '');
        expect(out).toHaveLength(expected.length);
        out.forEach((text, i) => {
          const parsed = JSON.parse(text) as { id?: string; line?: number; error?: { code: string; message: string }; text?: string; outOfScope?: boolean };
          if (parsed.error) {
            expect(parsed.error.code).toMatch(/^[a-z_]+$/);
            expect(parsed.error.code).not.toBe('internal_error');
            expect(parsed.error.message.length).toBeGreaterThan(5);
          } else {
            expect(typeof parsed.text).toBe('string');
            expect(typeof parsed.outOfScope).toBe('boolean');
          }
          let sent: unknown;
          try {
            sent = JSON.parse(expected[i] ?? '');
          } catch {
            sent = undefined;
          }
          const id = sent && typeof sent === 'object' && !Array.isArray(sent) ? (sent as { id?: unknown }).id : undefined;
          if (typeof id === 'string' || typeof id === 'number') expect(parsed.id).toBe(String(id));
          else expect(parsed.id).toBeUndefined();
        });
      }),
      { numRuns: propertyRuns(40) },
    );
  }, 60_000);

  it('survives a 1 MB line, NUL bytes and invalid UTF-8 on the real standard input of the built command', async () => {
    const input = Buffer.concat([
      Buffer.from(`${JSON.stringify({ id: 'big', council: 'lydney', question: 'é'.repeat(1_048_576) })}\n`),
      Buffer.from('{"id":"nul","council":"lydney","question":"a\\u0000b"}\n'),
      Buffer.from([0xff, 0xfe, 0x00, 0x0a]),
      Buffer.from(`${JSON.stringify({ id: 'ok', council: 'rushcliffe', role: 'officer', question: 'can I copy a councillor email to another group?' })}\r\n`),
    ]);
    const run = spawnSync(process.execPath, [builtEntry('src/channels/cli/main.js'), 'ask', '--batch'], {
      cwd: ROOT,
      input,
      env: { ...process.env, DATA_DIR: tempDataDir(), LOG_LEVEL: 'silent' },
      timeout: 30_000,
    });
    expect(run.status).toBe(0);
    const out = run.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id?: string; line?: number; error?: { code: string }; outOfScope?: boolean });
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ id: 'big', error: { code: 'question_too_long' } });
    expect(out[1]?.id).toBe('nul');
    expect(out[2]).toMatchObject({ line: 3, error: { code: 'malformed_json' } });
    expect(out[3]).toMatchObject({ id: 'ok', outOfScope: false });
  }, 60_000);
});
