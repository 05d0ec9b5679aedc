import type { CliCommand } from '../cli-command';
import { commandLogger, withWorkflows } from '../cli-workflows';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';
import { caseHoldArgs, runCaseHold } from './case-hold-command';
import { caseReleaseArgs, runCaseRelease } from './case-release-command';

/** The `case` entry of the command table: `case hold` and `case release`, checked before the database is opened. */
export const caseCommand: CliCommand = {
  name: 'case',
  run(args, { settings, io, loadKb }) {
    const { values, positionals } = parseOptions(args, { by: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean', default: false } });
    const [action, ...references] = positionals;
    if (action !== 'hold' && action !== 'release') throw usageError('expected: etiquette case hold|release REFERENCE --by PERSON_ID [--reason TEXT]');
    const options = { by: values.by as string | undefined, reason: values.reason as string | undefined, json: values.json === true };
    const checked = action === 'hold' ? caseHoldArgs(references, options) : caseReleaseArgs(references, options);
    return withWorkflows(settings, loadKb(), commandLogger(settings), (workflows) => (action === 'hold' ? runCaseHold(workflows, checked, io) : runCaseRelease(workflows, checked, io)));
  },
};
