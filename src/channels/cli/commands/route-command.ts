import { isAppError } from '../../../errors/app-error';
import type { KnowledgeBase } from '../../../knowledge/knowledge-base';
import { ASKER_ROLES, SUBJECT_ROLES, type AskerRole, type SubjectRole } from '../../../knowledge/schemas/identifiers';
import { decideComplaintRoute, type RoutingDecision } from '../../../workflows/complaints/complaint-routing';
import { listTitles } from '../../../answer/describe-route';
import { EXIT, type CliIo } from '../cli-io';
import { usageError } from '../usage-error';

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

/** `etiquette route --batch`: JSON lines `{"id","council","from","about"}` in, one decision (or error) per line out. */
export async function runRouteBatch(kb: KnowledgeBase, io: CliIo): Promise<number> {
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
      const input = checkRouteInputs(kb, record.council, record.from, record.about);
      io.out(`${JSON.stringify({ ...tag, ...decideComplaintRoute(kb.council(input.council), input.from, input.about) })}\n`);
    } catch (error) {
      const message = isAppError(error) ? error.message : 'internal error';
      io.out(`${JSON.stringify({ ...tag, error: { code: isAppError(error) ? 'bad_request' : 'internal_error', message } })}\n`);
    }
  }
  return EXIT.ok;
}
