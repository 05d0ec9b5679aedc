import type { KnowledgeBase } from '../../../knowledge/knowledge-base';
import { decideBriefingRoute, type BriefingRoute } from '../../../workflows/briefings/briefing-routing';
import type { CliCommand } from '../cli-command';
import { EXIT, type CliIo } from '../cli-io';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';
import { theTitle } from '../../../knowledge/the-title';

/** A briefing route as plain text: gatekeeper, who is told, safeguards with their paragraphs. */
export function renderBriefingRoute(route: BriefingRoute, councilName: string): string {
  const cite = (sections: string[]) => (sections.length ? ` [${[...new Set(sections)].join(', ')}]` : '');
  return [
    `${councilName}: party-group briefings and reports`,
    `Ask: ${theTitle(route.requestTo.title)}; decided by ${theTitle(route.decidedBy.title)}`,
    ...route.alsoAdvised.map((p) => `Also advised: ${theTitle(p.title)}`),
    route.mayDelegate ? `Representative: ${route.mayDelegate}` : '',
    `Other groups told afterwards: ${route.informOtherGroups ?? 'not required by the protocol'}`,
    `Other groups may have the same: ${route.otherGroupsMayRequestSame ?? 'the protocol does not say'}`,
    `Non-councillors present: ${route.nonCouncillorsPresent.rule ?? 'the protocol does not say'}${route.nonCouncillorsPresent.requiresAgreementOf ? ` (agreement of ${theTitle(route.nonCouncillorsPresent.requiresAgreementOf.title)})` : ''}`,
    `Pre-election period: ${route.preElection.rule ?? 'the protocol does not say'}`,
    'Safeguards for the officer:',
    ...route.safeguards.map((s) => `- ${s.text}${cite(s.citations.map((c) => c.section))}`),
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** `etiquette briefing route --council ID [--json]`. */
export function runBriefingRoute(kb: KnowledgeBase, council: string | undefined, json: boolean, io: CliIo): number {
  if (!council) throw usageError('expected: etiquette briefing route --council ID [--json]');
  const knowledge = kb.council(council);
  const route = decideBriefingRoute(knowledge);
  io.out(json ? `${JSON.stringify(route, null, 2)}\n` : `${renderBriefingRoute(route, knowledge.profile.name)}\n`);
  return EXIT.ok;
}

/** The `briefing` entry of the command table (`briefing route` is its one subcommand). */
export const briefingCommand: CliCommand = {
  name: 'briefing',
  run(args, { settings, io, loadKb }) {
    const { values, positionals } = parseOptions(args, { council: { type: 'string' }, json: { type: 'boolean', default: false } });
    if (positionals[0] !== 'route' || positionals.length > 1) throw usageError('expected: etiquette briefing route --council ID [--json]');
    return runBriefingRoute(loadKb(), (values.council as string | undefined) ?? settings.COUNCIL, values.json === true, io);
  },
};
