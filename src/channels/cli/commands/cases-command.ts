import type { BuiltWorkflows } from '../../../app/build-workflows';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { commandLogger, withWorkflows } from '../cli-workflows';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

/** `etiquette cases [--council ID] [--state S] [--json]`: case metadata only, never content. */
export async function runCasesList(workflows: BuiltWorkflows, filter: { council?: string; state?: string; json: boolean }, io: CliIo): Promise<number> {
  const rows = (await workflows.deps.store.listCases({ council: filter.council, state: filter.state })).map((record) => ({
    reference: record.reference,
    kind: record.kind,
    council: record.council,
    state: record.state,
    handlerRole: record.handlerRole,
    acknowledgeBy: record.ackDeadline,
    deadlineSource: record.deadlineSource,
    createdAt: record.createdAt,
    closedAt: record.closedAt,
    legalHoldSince: record.legalHoldAt ?? null,
  }));
  if (filter.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) io.out('no cases\n');
  for (const row of rows) {
    io.out(`${row.reference}  ${row.kind.padEnd(9)} ${row.council.padEnd(16)} ${row.state.padEnd(16)} ${row.handlerRole.padEnd(18)} ${row.acknowledgeBy ?? '-'}\n`);
  }
  return EXIT.ok;
}

/** `etiquette cases export REF --as PERSON_ID`: the complainant's subject-access export, as JSON. */
export async function runCasesExport(workflows: BuiltWorkflows, reference: string | undefined, personId: string | undefined, io: CliIo): Promise<number> {
  if (!reference || !personId) throw usageError('expected: etiquette cases export REFERENCE --as PERSON_ID');
  io.out(`${JSON.stringify(await workflows.complaints.exportForComplainant(reference, personId), null, 2)}\n`);
  return EXIT.ok;
}

/** The `cases` entry of the command table: the list, or `cases export`. */
export const casesCommand: CliCommand = {
  name: 'cases',
  run(args, { settings, io, loadKb }) {
    const { values, positionals } = parseOptions(args, {
      council: { type: 'string' },
      state: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    return withWorkflows(settings, loadKb(), commandLogger(settings), (workflows) => {
      if (positionals[0] === 'export') return runCasesExport(workflows, positionals[1], values.as as string | undefined, io);
      if (positionals.length > 0) throw usageError(`unknown cases subcommand "${positionals[0]}"; use "cases" or "cases export"`);
      return runCasesList(workflows, { council: values.council as string | undefined, state: values.state as string | undefined, json: values.json === true }, io);
    });
  },
};
