import { EXAMPLE_DIRECTORY } from '../../../app/build-workflows';
import { isAppError } from '../../../errors/app-error';
import type { KnowledgeBase } from '../../../knowledge/knowledge-base';
import { ASKER_ROLES, SUBJECT_ROLES, type AskerRole, type SubjectRole } from '../../../knowledge/schemas/identifiers';
import { decideComplaintRoute, type RoutingDecision } from '../../../workflows/complaints/complaint-routing';
import { listTitles } from '../../../answer/describe-route';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';
import type { Directory } from '../../../directory/directory';
import { loadDirectory } from '../../../directory/load-directory';
import { isCouncillor } from '../../../directory/subject-role-of';
import { handlerFor, peopleOfSubmission } from '../../../workflows/complaints/complaint-people';
import { titleOf } from '../../../knowledge/council-knowledge';
import { routeWithPeople, type ResolvedParty } from '../../../workflows/complaints/route-to-people';

/** Checks the three routing inputs, naming the one that is wrong. */
export function checkRouteInputs(kb: KnowledgeBase, council: unknown, from: unknown, about: unknown): { council: string; from: AskerRole; about: SubjectRole } {
  if (typeof council !== 'string' || !kb.hasCouncil(council)) {
    throw usageError(`unknown council ${JSON.stringify(council ?? null)}; councils: ${kb.councilIds().join(', ')}`);
  }
  if (typeof from !== 'string' || !(ASKER_ROLES as readonly string[]).includes(from)) {
    throw usageError(`--from must be one of ${ASKER_ROLES.join(', ')}, got ${JSON.stringify(from ?? null)}`);
  }
  if (typeof about !== 'string' || !(SUBJECT_ROLES as readonly string[]).includes(about)) {
    throw usageError(`--about must be one of ${SUBJECT_ROLES.join(', ')}, got ${JSON.stringify(about ?? null)}`);
  }
  return { council, from: from as AskerRole, about: about as SubjectRole };
}

/** A routing decision as plain text a person can act on. */
export function renderRoute(decision: RoutingDecision, councilName: string): string {
  const lines = [
    `${councilName}: a complaint from a ${decision.from} about the ${decision.about}`,
    decision.protocolSpeaks ? '' : '(the protocol does not speak to this pair: this is the fallback it gives)',
    `Goes to: ${listTitles([decision.recipient.title, ...decision.alternatives.map((a) => a.title)], 'or')}`,
    decision.copies.length ? `Copied or told: ${decision.copies.map((c) => c.title).join('; ')}` : '',
    decision.informalFirst ? `First: ${decision.informalFirst}` : '',
    `Acknowledge within: ${decision.acknowledgeWithinWorkingDays === null ? 'no deadline set by the protocol' : `${decision.acknowledgeWithinWorkingDays} working days`}`,
    ...decision.escalation.map((step) => `Then: ${step.title}, ${step.when}`),
    ...decision.notes.map((note) => `Note: ${note}`),
    `Sources: ${decision.citations.map((c) => `[${c.section}] ${c.title}`).join('; ')}`,
  ];
  return lines.filter((line) => line !== '').join('\n');
}

/** `etiquette route --council ID --from member|officer --about SUBJECT_ROLE [--json]`. */
export function runRouteCommand(kb: KnowledgeBase, options: { council?: string; from?: string; about?: string; json: boolean }, io: CliIo): number {
  const input = checkRouteInputs(kb, options.council, options.from, options.about);
  const decision = decideComplaintRoute(kb.council(input.council), input.from, input.about);
  io.out(options.json ? `${JSON.stringify(decision, null, 2)}\n` : `${renderRoute(decision, kb.council(input.council).profile.name)}\n`);
  return EXIT.ok;
}

/**
 * `etiquette route --batch`: JSON lines `{"id","council","from","about"}` (or `"complainant","subject"`) in, one
 * decision (or error) per line out.
 */
export async function runRouteBatch(kb: KnowledgeBase, io: CliIo, directory?: Directory): Promise<number> {
  if (!io.stdinLines) throw usageError('--batch needs JSON lines on standard input');
  let lineNumber = 0;
  for await (const line of io.stdinLines()) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      record = parsed as Record<string, unknown>;
    } catch {
      io.out(`${JSON.stringify({ line: lineNumber, error: { code: 'malformed_json', message: `line ${lineNumber} is not a JSON object` } })}\n`);
      continue;
    }
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : undefined;
    const tag = id === undefined ? { line: lineNumber } : { id };
    try {
      if (record.complainant !== undefined || record.subject !== undefined) {
        if (!directory) throw usageError('routes between people need the directory');
        io.out(`${JSON.stringify({ ...tag, ...routeBetweenPeople(kb, directory, record) })}\n`);
        continue;
      }
      const input = checkRouteInputs(kb, record.council, record.from, record.about);
      io.out(`${JSON.stringify({ ...tag, ...decideComplaintRoute(kb.council(input.council), input.from, input.about) })}\n`);
    } catch (error) {
      const message = isAppError(error) ? error.message : 'internal error';
      io.out(`${JSON.stringify({ ...tag, error: { code: isAppError(error) ? 'bad_request' : 'internal_error', message } })}\n`);
    }
  }
  return EXIT.ok;
}

/** CONTRACTS.md's routing decision between two people: each place gains the person who would take it. */
export type PeopleRoutingDecision = Omit<RoutingDecision, 'recipient' | 'copies' | 'escalation'> & {
  complainant: { id: string; name: string };
  subject: { id: string | null; role: string };
  recipient: ResolvedParty;
  copies: ResolvedParty[];
  escalation: Array<ResolvedParty & { when: string }>;
  skipped: Array<{ title: string; reason: string }>;
};

/** A routing decision between two people of the directory, each place resolved to a person (or why nobody). */
export function routeBetweenPeople(
  kb: KnowledgeBase,
  directory: Directory,
  input: { council?: unknown; complainant?: unknown; subject?: unknown; from?: unknown; about?: unknown },
): PeopleRoutingDecision {
  if (typeof input.council !== 'string' || !kb.hasCouncil(input.council)) throw usageError(`unknown council ${JSON.stringify(input.council ?? null)}; councils: ${kb.councilIds().join(', ')}`);
  const council = input.council;
  const complainant = typeof input.complainant === 'string' ? directory.person(council, input.complainant) : undefined;
  if (!complainant) throw usageError(`--complainant must be a person id of the ${council} directory, got ${JSON.stringify(input.complainant ?? null)}`);
  if (typeof input.subject !== 'string' || !directory.person(council, input.subject))
    throw usageError(`--subject must be a person id of the ${council} directory, got ${JSON.stringify(input.subject ?? null)}`);
  let people;
  try {
    people = peopleOfSubmission(directory, council, complainant.id, { personId: input.subject });
  } catch (error) {
    throw usageError(isAppError(error) ? error.message.replace(/^subject\.personId: /, '') : String(error));
  }
  const from = input.from ?? (isCouncillor(complainant) ? 'member' : 'officer');
  const about = input.about ?? people.subject.role;
  const checked = checkRouteInputs(kb, council, from, about);
  const decision = decideComplaintRoute(kb.council(council), checked.from, checked.about);
  const routed = { ...people, subject: { ...people.subject, role: checked.about } };
  const resolved = routeWithPeople(
    directory,
    decision,
    routed,
    handlerFor(directory, decision, routed, (role) => titleOf(kb.council(council), role)),
  );
  return {
    ...decision,
    complainant: { id: complainant.id, name: complainant.name },
    subject: { id: people.subject.person?.id ?? null, role: checked.about },
    recipient: resolved.recipient,
    copies: resolved.copies.map(({ kind: _kind, ...party }) => party),
    escalation: resolved.escalation,
    skipped: resolved.skipped,
  };
}

/** `etiquette route --council ID --complainant PERSON_ID --subject PERSON_ID [--json]`. */
export function runRouteBetweenPeople(
  kb: KnowledgeBase,
  directory: Directory,
  options: { council?: string; complainant?: string; subject?: string; from?: string; about?: string; json: boolean },
  io: CliIo,
): number {
  const result = routeBetweenPeople(kb, directory, options);
  if (options.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const who = (p: ResolvedParty) => (p.person ? `${p.title}: ${p.person.name}` : `${p.title}: nobody (${p.note ?? 'no one eligible'})`);
  const lines = [
    renderRoute(decideComplaintRoute(kb.council(result.council), result.from, result.about), kb.council(result.council).profile.name),
    `Handled by: ${who(result.recipient)}`,
    ...result.copies.map((c) => `Told: ${who(c)}`),
    ...result.escalation.map((e) => `Next level: ${who(e)}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** The `route` entry of the command table: by roles, between two people of the directory, or `--batch`. */
export const routeCommand: CliCommand = {
  name: 'route',
  async run(args, { settings, io, loadKb }) {
    const { values, positionals } = parseOptions(args, {
      council: { type: 'string' },
      from: { type: 'string' },
      about: { type: 'string' },
      complainant: { type: 'string' },
      subject: { type: 'string' },
      json: { type: 'boolean', default: false },
      batch: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw usageError(`route takes options only, got "${positionals[0]}"`);
    const kb = loadKb();
    const directory = () => loadDirectory(settings.DIRECTORY_FILE ?? EXAMPLE_DIRECTORY);
    if (values.batch) return await runRouteBatch(kb, io, directory());
    const council = (values.council as string | undefined) ?? settings.COUNCIL;
    if (values.complainant !== undefined || values.subject !== undefined) {
      return runRouteBetweenPeople(
        kb,
        directory(),
        {
          council,
          complainant: values.complainant as string | undefined,
          subject: values.subject as string | undefined,
          from: values.from as string | undefined,
          about: values.about as string | undefined,
          json: values.json === true,
        },
        io,
      );
    }
    return runRouteCommand(kb, { council, from: values.from as string | undefined, about: values.about as string | undefined, json: values.json === true }, io);
  },
};
