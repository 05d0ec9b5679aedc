import type { ChannelStore, NotHelpfulCount, UnansweredQuestion } from '../../../storage/channel-store';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { commandLogger, withWorkflows } from '../cli-workflows';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

/** One group of questions the bot did not answer: the same words (case, spacing and punctuation aside). */
export interface UnansweredGroup {
  council: string;
  outcome: UnansweredQuestion['outcome'];
  question: string;
  count: number;
  /** The likeliest topics the bot saw in them, if any. */
  intents: string[];
  lastAt: string;
}

/** The words of a question as grouping sees them. */
function groupKey(question: UnansweredQuestion): string {
  return `${question.council}\u0000${question.outcome}\u0000${question.question
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()}`;
}

/** Groups kept questions by council, outcome and words, most asked first. */
export function groupUnanswered(questions: UnansweredQuestion[]): UnansweredGroup[] {
  const groups = new Map<string, UnansweredGroup>();
  for (const q of questions) {
    const key = groupKey(q);
    const group = groups.get(key) ?? { council: q.council, outcome: q.outcome, question: q.question, count: 0, intents: [], lastAt: q.at };
    group.count += 1;
    if (q.intent && !group.intents.includes(q.intent)) group.intents.push(q.intent);
    if (q.at > group.lastAt) group.lastAt = q.at;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/** `etiquette unanswered [--council ID] [--json]`: what the bot declined or asked about, and not-helpful votes. */
export async function runUnansweredCommand(store: ChannelStore, options: { council?: string; json: boolean }, io: CliIo): Promise<number> {
  const groups = groupUnanswered(await store.listUnanswered(options.council));
  const notHelpful: NotHelpfulCount[] = await store.notHelpfulCounts(options.council);
  if (options.json) {
    io.out(`${JSON.stringify({ questions: groups, notHelpful }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (groups.length === 0 && notHelpful.length === 0) io.out('nothing unanswered\n');
  for (const g of groups)
    io.out(`${String(g.count).padStart(4)}  ${g.outcome.padEnd(9)} ${g.council.padEnd(16)} ${g.question.replace(/\s+/g, ' ').slice(0, 100)}${g.intents.length ? `  [${g.intents.join(', ')}]` : ''}\n`);
  for (const v of notHelpful) io.out(`${String(v.votes).padStart(4)}  not helpful ${v.council.padEnd(16)} answers about ${v.intent ?? 'an unknown topic'}\n`);
  return EXIT.ok;
}

/** The `unanswered` entry of the command table; an unknown `--council` is refused before the database is opened. */
export const unansweredCommand: CliCommand = {
  name: 'unanswered',
  run(args, { settings, io, loadKb }) {
    const { values, positionals } = parseOptions(args, { council: { type: 'string' }, json: { type: 'boolean', default: false } });
    if (positionals.length > 0) throw usageError(`unanswered takes options only, got "${positionals[0]}"`);
    const kb = loadKb();
    const council = values.council as string | undefined;
    if (council !== undefined && !kb.hasCouncil(council)) throw usageError(`unknown council "${council}"; councils: ${kb.councilIds().join(', ')}`);
    return withWorkflows(settings, kb, commandLogger(settings), (workflows) => runUnansweredCommand(workflows.channelStore, { council, json: values.json === true }, io));
  },
};
