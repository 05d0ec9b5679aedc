import { loadSettings } from '../../config/load-settings';
import { isAppError } from '../../errors/app-error';
import { loadConfiguredKnowledgeBase } from '../../app/load-configured-knowledge-base';
import type { CliCommand } from './cli-command';
import { EXIT, type CliIo } from './cli-io';
import { askCommand } from './commands/ask-command';
import { briefingCommand } from './commands/briefing-command';
import { caseCommand } from './commands/case-command';
import { casesCommand } from './commands/cases-command';
import { councilsCommand } from './commands/councils-command';
import { kbCommand } from './commands/kb-check-command';
import { preElectionCommand } from './commands/pre-election-command';
import { routeCommand } from './commands/route-command';
import { unansweredCommand } from './commands/unanswered-command';
import { usageError } from './usage-error';

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

/** Every command, looked up by the first word of the command line; each parses its own options. */
const COMMANDS: readonly CliCommand[] = [councilsCommand, askCommand, routeCommand, briefingCommand, preElectionCommand, casesCommand, caseCommand, unansweredCommand, kbCommand];

/** Runs one `etiquette` command line and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === 'help') {
      io.out(`${USAGE}\n`);
      return name === undefined ? EXIT.badArguments : EXIT.ok;
    }
    const settings = loadSettings(io.env);
    // Through the YAML parsed at build time where it is unchanged (`kb check` always parses the files itself).
    const loadKb = () => loadConfiguredKnowledgeBase(settings);
    const command = COMMANDS.find((entry) => entry.name === name);
    if (!command) throw usageError(`unknown command "${name}"; commands: ask, route, briefing route, pre-election, cases, case hold, case release, unanswered, councils, kb check`);
    return await command.run(rest, { settings, io, loadKb });
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
