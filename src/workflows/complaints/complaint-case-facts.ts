import { titleOf } from '../../knowledge/council-knowledge';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import type { CaseRecord } from '../../storage/case-store';
import { londonDate } from '../deadlines/calendar-date';
import { addWorkingDays } from '../deadlines/working-days';
import type { WorkflowDeps } from '../workflow-deps';
import type { RoutingDecision } from './complaint-routing';

/** The handler's title on this case's route (the assigner's own title while a case is being placed). */
export function handlerTitleOf(record: CaseRecord, kb?: KnowledgeBase): string {
  const route = JSON.parse(record.routeJson) as RoutingDecision;
  const all = [route.recipient, ...route.alternatives, ...route.escalation];
  const onRoute = record.escalationLevel === 0 ? [route.recipient, ...route.alternatives] : record.escalationLevel > 0 ? [route.escalation[record.escalationLevel - 1]] : [];
  return (
    onRoute.find((p) => p?.role === record.handlerRole)?.title ??
    all.find((p) => p.role === record.handlerRole)?.title ??
    (kb?.hasCouncil(record.council) ? titleOf(kb.council(record.council), record.handlerRole) : record.handlerRole.replace(/-/g, ' '))
  );
}

/** The acknowledgement deadline from `now`: the protocol's working days, or the deployment's service standard. */
export function complaintDeadline(
  deps: Pick<WorkflowDeps, 'serviceStandardWorkingDays' | 'holidays'>,
  now: Date,
  protocolDays: number | null,
): { deadline: string; source: 'protocol' | 'service-standard' } {
  const days = protocolDays ?? deps.serviceStandardWorkingDays;
  return { deadline: addWorkingDays(londonDate(now), days, deps.holidays), source: protocolDays === null ? 'service-standard' : 'protocol' };
}
