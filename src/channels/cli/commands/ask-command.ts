import type { AnswerEngine } from '../../../answer/answer-engine';
import { buildAnswerEngine } from '../../../app/build-answer-engine';
import { toContractAnswer } from '../../../answer/contract-answer';
import { moreContents, renderComparison } from '../../../answer/render-plain-text';
import type { ReplyModel } from '../../../answer/reply-model';
import { isAppError } from '../../../errors/app-error';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

/** Options of `etiquette ask`. */
export interface AskOptions {
  council?: string;
  role?: string;
  json: boolean;
  /** The whole answer, not just the lead and a hint of what more there is. */
  full: boolean;
  compare: boolean;
  question: string;
}

/** `etiquette ask [--council ID] [--role member|officer] [--json] [--full] [--compare] "question"`. */
export function runAskCommand(engine: AnswerEngine, options: AskOptions, io: CliIo): number {
  let reply;
  try {
    reply = engine.ask({ council: options.council, role: options.role, question: options.question });
  } catch (error) {
    // A bad council, role or question is the caller's mistake: exit 2 with one line.
    if (isAppError(error) && error.code !== 'internal_error' && error.code !== 'kb_invalid') throw usageError(error.message);
    throw error;
  }
  if (options.compare && reply.intent && !reply.outOfScope) {
    const positions = engine.compare(reply.intent);
    io.out(options.json ? `${JSON.stringify({ topic: reply.intent, positions }, null, 2)}\n` : `${renderComparison(reply.topicTitle ?? reply.intent, positions)}\n`);
    return EXIT.ok;
  }
  const answer = toContractAnswer(reply);
  if (options.json) io.out(`${JSON.stringify(answer, null, 2)}\n`);
  else io.out(options.full ? `${answer.text}\n` : `${leadWithHint(reply)}\n`);
  return EXIT.ok;
}

/** The lead, and one line saying what the whole answer adds (or just the lead when it adds nothing). */
export function leadWithHint(reply: ReplyModel): string {
  const more = moreContents(reply);
  return more.length === 0 ? reply.lead : `${reply.lead}\n\nMore: ${more.join(', ')} (etiquette ask --full to read it).`;
}

/**
 * `etiquette ask --batch`: JSON lines `{"id","council","role","question"}` in, one answer per line out, in
 * order. A malformed line gets `{"id"?, "error": {code, message}}`; the run goes on.
 */
export async function runAskBatch(engine: AnswerEngine, io: CliIo): Promise<number> {
  if (!io.stdinLines) throw usageError('--batch needs JSON lines on standard input');
  let lineNumber = 0;
  for await (const line of io.stdinLines()) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    io.out(`${JSON.stringify(answerLine(engine, line, lineNumber))}\n`);
  }
  return EXIT.ok;
}

function answerLine(engine: AnswerEngine, line: string, lineNumber: number): object {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { line: lineNumber, error: { code: 'malformed_json', message: `line ${lineNumber} is not valid JSON` } };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { line: lineNumber, error: { code: 'bad_request', message: `line ${lineNumber} must be a JSON object` } };
  }
  const record = input as Record<string, unknown>;
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;
  const field = (name: string) => (typeof record[name] === 'string' ? (record[name] as string) : undefined);
  if (typeof record.question !== 'string') {
    return { ...(id === undefined ? { line: lineNumber } : { id }), error: { code: 'bad_request', message: '"question" must be a string' } };
  }
  try {
    const reply = engine.ask({ council: field('council'), role: field('role'), question: record.question });
    return toContractAnswer(reply, id);
  } catch (error) {
    const code = isAppError(error) ? error.code : 'internal_error';
    const message = isAppError(error) ? error.message : 'internal error';
    return { ...(id === undefined ? { line: lineNumber } : { id }), error: { code, message } };
  }
}

/** The `ask` entry of the command table: one question, or `--batch` from standard input. */
export const askCommand: CliCommand = {
  name: 'ask',
  async run(args, { settings, io }) {
    const { values, positionals } = parseOptions(args, {
      council: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
    });
    if (values.batch) {
      if (positionals.length > 0) throw usageError('ask --batch reads questions from standard input, not arguments');
      return await runAskBatch(buildAnswerEngine(settings).engine, io);
    }
    if (positionals.length !== 1) throw usageError('expected one question in quotes: etiquette ask [--council ID] [--role member|officer] "question"');
    if (values.role !== undefined && values.role !== 'member' && values.role !== 'officer') throw usageError(`--role must be member or officer, got "${values.role}"`);
    const council = values.council as string | undefined;
    const { engine } = buildAnswerEngine(settings);
    return runAskCommand(
      engine,
      { council, role: values.role as string | undefined, json: values.json === true, full: values.full === true, compare: values.compare === true, question: positionals[0] ?? '' },
      io,
    );
  },
};
