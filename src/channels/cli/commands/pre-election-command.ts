import { createLogger } from '../../../app/create-logger';
import { BriefingService } from '../../../workflows/briefings/briefing-service';
import type { CliCommand } from '../cli-command';
import { EXIT } from '../cli-io';
import { withWorkflows } from '../cli-workflows';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

/**
 * The `pre-election` entry of the command table: `declare --council ID --from DATE --to DATE`, `list [--council ID]`
 * and `clear --council ID`, the periods that put a warning on briefing requests.
 */
export const preElectionCommand: CliCommand = {
  name: 'pre-election',
  run(args, { settings, io, loadKb }) {
    const { values, positionals } = parseOptions(args, { council: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
    const action = positionals[0];
    if (!['declare', 'list', 'clear'].includes(action ?? '') || positionals.length > 1) throw usageError('expected: etiquette pre-election declare|list|clear …');
    return withWorkflows(settings, loadKb(), createLogger('error', process.stderr), async (workflows) => {
      const council = values.council as string | undefined;
      if (action === 'list') {
        io.out(`${JSON.stringify(await workflows.deps.store.listPreElectionPeriods(council), null, 2)}\n`);
        return EXIT.ok;
      }
      if (!council) throw usageError(`pre-election ${action} needs --council`);
      workflows.deps.kb.council(council);
      if (action === 'clear') {
        await workflows.deps.store.clearPreElectionPeriods(council);
        io.out(`cleared the pre-election periods of ${council}\n`);
        return EXIT.ok;
      }
      await new BriefingService(workflows.deps).declarePreElectionPeriod(council, (values.from as string | undefined) ?? '', (values.to as string | undefined) ?? '', io.env.USER ?? 'admin');
      io.out(`declared a pre-election period for ${council}: ${String(values.from)} to ${String(values.to)}\n`);
      return EXIT.ok;
    });
  },
};
