import { measureCoverage, type CouncilCoverage } from '../../../knowledge/coverage';
import { knowledgeBaseDir } from '../../../app/knowledge-base-dir';
import { inspectKnowledgeBase } from '../../../knowledge/load-knowledge-base';
import { formatKbProblem } from '../../../knowledge/yaml-data-file';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

/**
 * `etiquette kb check [--council ID] [--json]`: validates every file, prints coverage per council, and fails
 * on any problem, including a substantive clause that nothing rests on or that no point rests on.
 */
export function runKbCheckCommand(dataDir: string, options: { councils?: string[]; json: boolean }, io: CliIo): number {
  const { knowledgeBase, problems } = inspectKnowledgeBase(dataDir, options.councils);
  const coverage: CouncilCoverage[] = knowledgeBase ? knowledgeBase.councils().map(measureCoverage) : [];
  const gaps = coverage.flatMap((row) => [
    ...row.unused.map((id) => `${row.councilId}: clause "${id}" is substantive but no topic, route or rule rests on it (use it, or mark it context: true)`),
    ...row.notInPoints.map((id) => `${row.councilId}: clause "${id}" is substantive but no point in points.yaml rests on it (cite it in a point, or mark it context: true)`),
  ]);
  const failures = [...problems.map(formatKbProblem), ...gaps];

  if (options.json) {
    io.out(`${JSON.stringify({ ok: failures.length === 0, problems: failures, coverage }, null, 2)}\n`);
    return failures.length === 0 ? EXIT.ok : EXIT.failure;
  }
  if (coverage.length > 0) {
    io.out('council           clauses  context  substantive used   topics covered/not   routes stated/silent  points  substantive in points\n');
    for (const row of coverage) {
      io.out(
        `${row.councilId.padEnd(17)} ${String(row.clauses).padStart(7)}  ${String(row.context).padStart(7)}  ` +
          `${`${row.substantiveUsed}/${row.substantive} (${share(row.substantiveUsed, row.substantive)}%)`.padEnd(17)} ${`${row.topicsCovered}/${row.topicsNotCovered}`.padEnd(20)} ` +
          `${`${row.routesStated}/${row.routesSilent}`.padEnd(21)} ${String(row.points).padStart(6)}  ` +
          `${row.substantiveInPoints}/${row.substantive} (${share(row.substantiveInPoints, row.substantive)}%)\n`,
      );
    }
  }
  if (failures.length > 0) {
    io.err(`kb check failed with ${failures.length} problem(s):\n`);
    for (const line of failures) io.err(`  ${line}\n`);
    return EXIT.failure;
  }
  io.out('kb check passed: every file is valid, every quote is word for word, every substantive clause is used and is in a point.\n');
  return EXIT.ok;
}

/** The `kb` entry of the command table (`kb check` is its one subcommand); it always parses the files itself. */
export const kbCommand: CliCommand = {
  name: 'kb',
  run(args, { settings, io }) {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean', default: false },
      council: { type: 'string', multiple: true },
    });
    if (positionals[0] !== 'check' || positionals.length > 1) throw usageError('expected "etiquette kb check [--council ID] [--json]"');
    const councils = values.council as string[] | undefined;
    return runKbCheckCommand(knowledgeBaseDir(settings.KNOWLEDGE_BASE_DIR), { councils, json: values.json === true }, io);
  },
};

/** A share as a percentage rounded down to one decimal, so 99.96% never reads as 100%. */
function share(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.floor((part / whole) * 1000) / 10;
}
