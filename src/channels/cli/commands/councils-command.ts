import type { KnowledgeBase } from '../../../knowledge/knowledge-base';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

/** One row of `etiquette councils --json`. */
export interface CouncilSummary {
  id: string;
  name: string;
  protocolTitle: string;
  protocolDate: string;
  clauseCount: number;
}

/** Summarises the loaded councils. */
export function summariseCouncils(kb: KnowledgeBase): CouncilSummary[] {
  return kb.councils().map((council) => ({
    id: council.profile.id,
    name: council.profile.name,
    protocolTitle: council.profile.protocolTitle,
    protocolDate: council.profile.protocolDate,
    clauseCount: council.clauses.length,
  }));
}

/** `etiquette councils [--json]`: the loaded councils with their protocol titles and clause counts. */
export function runCouncilsCommand(kb: KnowledgeBase, options: { json: boolean }, io: CliIo): number {
  const rows = summariseCouncils(kb);
  if (options.json) {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const row of rows) {
    io.out(`${row.id.padEnd(16)} ${row.name} — ${row.protocolTitle} (${row.protocolDate}), ${row.clauseCount} clauses\n`);
  }
  return EXIT.ok;
}

/** The `councils` entry of the command table. */
export const councilsCommand: CliCommand = {
  name: 'councils',
  run(args, { io, loadKb }) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean', default: false } });
    if (positionals.length > 0) throw usageError(`councils takes no arguments, got "${positionals[0]}"`);
    return runCouncilsCommand(loadKb(), { json: values.json === true }, io);
  },
};
