import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadSettings } from '../../config/load-settings';
import { isAppError } from '../../errors/app-error';
import { knowledgeBaseDir } from '../../app/knowledge-base-dir';
import { EXIT, type CliIo } from './cli-io';
import { buildAnswerEngine } from '../../app/build-answer-engine';
import { loadConfiguredKnowledgeBase } from '../../app/load-configured-knowledge-base';
import { runAskBatch, runAskCommand } from './commands/ask-command';
import { buildWorkflows, EXAMPLE_DIRECTORY } from '../../app/build-workflows';
import { createLogger } from '../../app/create-logger';
import { runBriefingRoute } from './commands/briefing-command';
import { runCasesExport, runCasesList } from './commands/cases-command';
import { caseHoldArgs, runCaseHold } from './commands/case-hold-command';
import { caseReleaseArgs, runCaseRelease } from './commands/case-release-command';
import { BriefingService } from '../../workflows/briefings/briefing-service';
import { runCouncilsCommand } from './commands/councils-command';
import { runRouteBatch, runRouteBetweenPeople, runRouteCommand } from './commands/route-command';
import { loadDirectory } from '../../directory/load-directory';
import { runKbCheckCommand } from './commands/kb-check-command';
import { usageError } from './usage-error';
import { runUnansweredCommand } from './commands/unanswered-command';

const USAGE = `usage: etiquette <command> [options]
  ask [--council ID] [--role member|officer] [--json] [--full] [--compare] "question"
                                    answer one question: its lead and what more there is (--full: the whole
                                    answer; --compare: how every council handles it)
  ask --batch                       JSON lines {"id","council","role","question"} on stdin, one answer per line out
  route --council ID --from member|officer --about ROLE [--json]
                                    where a complaint goes (ROLE: officer, chief-officer, chief-executive,
                                    member, group-leader, chair)
  route --council ID --complainant PERSON_ID --subject PERSON_ID [--json]
                                    the same between two people of the directory, each step resolved to a person
                                    (never the subject)
  route --batch                     JSON lines {"id","council","from","about"} (or "complainant","subject") on
                                    stdin, one decision per line out
  cases [--council ID] [--state S] [--json]
                                    cases in the database (metadata only, never content)
  cases export REFERENCE --as PERSON_ID
                                    a complainant's subject-access export of their own case, as JSON
  case hold REFERENCE --by PERSON_ID --reason TEXT [--json]
  case release REFERENCE --by PERSON_ID [--reason TEXT] [--json]
                                    place or lift a legal hold (the Monitoring Officer only): a held case is
                                    kept past retention
  briefing route --council ID [--json]
                                    who a party group asks for an officer briefing, who is told, the safeguards
  pre-election declare --council ID --from YYYY-MM-DD --to YYYY-MM-DD
  pre-election list [--council ID] | pre-election clear --council ID
                                    declare the pre-election periods that put a warning on briefing requests
  unanswered [--council ID] [--json]
                                    questions the bot declined or asked about, grouped and counted, and
                                    not-helpful votes by topic
  councils [--json]                 the loaded councils with their protocol titles and clause counts
  kb check [--council ID] [--json]  validate the knowledge base and print its coverage`;

/** Parses options strictly, so a misspelt flag is a usage error rather than silently ignored. */
function parseOptions<const Options extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: Options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

/** Runs one `etiquette` command line and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === 'help') {
      io.out(`${USAGE}\n`);
      return command === undefined ? EXIT.badArguments : EXIT.ok;
    }
    const settings = loadSettings(io.env);
    // Through the YAML parsed at build time where it is unchanged (`kb check` always parses the files itself).
    const loadKb = () => loadConfiguredKnowledgeBase(settings);

    if (command === 'councils') {
      const { values, positionals } = parseOptions(rest, { json: { type: 'boolean', default: false } });
      if (positionals.length > 0) throw usageError(`councils takes no arguments, got "${positionals[0]}"`);
      return runCouncilsCommand(loadKb(), { json: values.json === true }, io);
    }
    if (command === 'ask') {
      const { values, positionals } = parseOptions(rest, {
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
      return runAskCommand(engine, { council, role: values.role as string | undefined, json: values.json === true, full: values.full === true, compare: values.compare === true, question: positionals[0] ?? '' }, io);
    }
    if (command === 'route') {
      const { values, positionals } = parseOptions(rest, {
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
        return runRouteBetweenPeople(kb, directory(), { council, complainant: values.complainant as string | undefined, subject: values.subject as string | undefined, from: values.from as string | undefined, about: values.about as string | undefined, json: values.json === true }, io);
      }
      return runRouteCommand(kb, { council, from: values.from as string | undefined, about: values.about as string | undefined, json: values.json === true }, io);
    }
    if (command === 'briefing') {
      const { values, positionals } = parseOptions(rest, { council: { type: 'string' }, json: { type: 'boolean', default: false } });
      if (positionals[0] !== 'route' || positionals.length > 1) throw usageError('expected: etiquette briefing route --council ID [--json]');
      return runBriefingRoute(loadKb(), (values.council as string | undefined) ?? settings.COUNCIL, values.json === true, io);
    }
    if (command === 'pre-election') {
      const { values, positionals } = parseOptions(rest, { council: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } });
      const action = positionals[0];
      if (!['declare', 'list', 'clear'].includes(action ?? '') || positionals.length > 1) throw usageError('expected: etiquette pre-election declare|list|clear …');
      const logger = createLogger('error', process.stderr);
      const workflows = buildWorkflows(settings, loadKb(), logger);
      try {
        const council = values.council as string | undefined;
        if (action === 'list') {
          io.out(`${JSON.stringify(workflows.deps.store.listPreElectionPeriods(council), null, 2)}\n`);
          return EXIT.ok;
        }
        if (!council) throw usageError(`pre-election ${action} needs --council`);
        workflows.deps.kb.council(council);
        if (action === 'clear') {
          workflows.deps.store.clearPreElectionPeriods(council);
          io.out(`cleared the pre-election periods of ${council}\n`);
          return EXIT.ok;
        }
        new BriefingService(workflows.deps).declarePreElectionPeriod(council, (values.from as string | undefined) ?? '', (values.to as string | undefined) ?? '', io.env.USER ?? 'admin');
        io.out(`declared a pre-election period for ${council}: ${String(values.from)} to ${String(values.to)}\n`);
        return EXIT.ok;
      } finally {
        workflows.deps.store.close();
      }
    }
    if (command === 'cases') {
      const { values, positionals } = parseOptions(rest, {
        council: { type: 'string' },
        state: { type: 'string' },
        as: { type: 'string' },
        json: { type: 'boolean', default: false },
      });
      // Logs go to stderr so that stdout stays clean JSON.
      const logger = createLogger(settings.LOG_LEVEL === 'info' ? 'error' : settings.LOG_LEVEL, process.stderr);
      const workflows = buildWorkflows(settings, loadKb(), logger);
      try {
        if (positionals[0] === 'export') return runCasesExport(workflows, positionals[1], values.as as string | undefined, io);
        if (positionals.length > 0) throw usageError(`unknown cases subcommand "${positionals[0]}"; use "cases" or "cases export"`);
        return runCasesList(workflows, { council: values.council as string | undefined, state: values.state as string | undefined, json: values.json === true }, io);
      } finally {
        workflows.deps.store.close();
      }
    }
    if (command === 'case') {
      const { values, positionals } = parseOptions(rest, { by: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean', default: false } });
      const [action, ...references] = positionals;
      if (action !== 'hold' && action !== 'release') throw usageError('expected: etiquette case hold|release REFERENCE --by PERSON_ID [--reason TEXT]');
      const options = { by: values.by as string | undefined, reason: values.reason as string | undefined, json: values.json === true };
      const args = action === 'hold' ? caseHoldArgs(references, options) : caseReleaseArgs(references, options);
      const workflows = buildWorkflows(settings, loadKb(), createLogger(settings.LOG_LEVEL === 'info' ? 'error' : settings.LOG_LEVEL, process.stderr));
      try {
        return action === 'hold' ? runCaseHold(workflows, args, io) : runCaseRelease(workflows, args, io);
      } finally {
        workflows.deps.store.close();
      }
    }
    if (command === 'unanswered') {
      const { values, positionals } = parseOptions(rest, { council: { type: 'string' }, json: { type: 'boolean', default: false } });
      if (positionals.length > 0) throw usageError(`unanswered takes options only, got "${positionals[0]}"`);
      const kb = loadKb();
      const council = values.council as string | undefined;
      if (council !== undefined && !kb.hasCouncil(council)) throw usageError(`unknown council "${council}"; councils: ${kb.councilIds().join(', ')}`);
      const workflows = buildWorkflows(settings, kb, createLogger(settings.LOG_LEVEL === 'info' ? 'error' : settings.LOG_LEVEL, process.stderr));
      try {
        return runUnansweredCommand(workflows.channelStore, { council, json: values.json === true }, io);
      } finally {
        workflows.deps.store.close();
      }
    }
    if (command === 'kb') {
      const { values, positionals } = parseOptions(rest, {
        json: { type: 'boolean', default: false },
        council: { type: 'string', multiple: true },
      });
      if (positionals[0] !== 'check' || positionals.length > 1) throw usageError('expected "etiquette kb check [--council ID] [--json]"');
      const councils = values.council as string[] | undefined;
      return runKbCheckCommand(knowledgeBaseDir(settings.KNOWLEDGE_BASE_DIR), { councils, json: values.json === true }, io);
    }
    throw usageError(`unknown command "${command}"; commands: ask, route, briefing route, pre-election, cases, case hold, case release, unanswered, councils, kb check`);
  } catch (error) {
    if (isAppError(error) && ['bad_arguments', 'bad_request', 'unknown_council', 'unknown_topic', 'unknown_point', 'case_not_found'].includes(error.code)) {
      io.err(`etiquette: ${error.message}\n`);
      return EXIT.badArguments;
    }
    if (isAppError(error)) {
      io.err(`etiquette: ${error.message}\n`);
      return EXIT.failure;
    }
    io.err(`etiquette: internal error: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
