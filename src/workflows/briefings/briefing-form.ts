import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { theTitle } from '../../knowledge/the-title';
import { decideBriefingRoute } from './briefing-routing';

/** One field of the briefing request form, as every channel renders it. */
export type BriefingFormField =
  | { id: 'group' | 'department'; kind: 'text'; label: string; required: boolean; maxLength: number }
  | { id: 'subject'; kind: 'multiline'; label: string; required: true; maxLength: number }
  | { id: 'format'; kind: 'choice'; label: string; required: true; choices: Array<{ value: 'attendance' | 'written-report'; label: string }> }
  | { id: 'meetingDate'; kind: 'date'; label: string; required: true }
  | { id: 'nonCouncillorsPresent'; kind: 'toggle'; label: string };

/** What every channel's briefing form asks, built once from the request schema's limits and the council's protocol. */
export interface BriefingFormModel {
  council: string;
  /** Who the request goes to and what the protocol says happens, in the council's titles. */
  intro: string;
  fields: BriefingFormField[];
}

/** The briefing request form for a council: its fields and limits (as `requestBriefingSchema` checks them). */
export function briefingForm(kb: KnowledgeBase, council: string): BriefingFormModel {
  const route = decideBriefingRoute(kb.council(council));
  const agreement = route.nonCouncillorsPresent.requiresAgreementOf;
  return {
    council,
    intro: `Your request goes to ${theTitle(route.requestTo.title)}${route.decidedBy.role !== route.requestTo.role ? `, and is decided by ${theTitle(route.decidedBy.title)}` : ''}.${agreement ? ` If people who are not councillors will be there, ${theTitle(agreement.title)} must agree first.` : ''}`,
    fields: [
      { id: 'group', kind: 'text', label: 'Your party group', required: true, maxLength: 200 },
      { id: 'subject', kind: 'multiline', label: 'Subject', required: true, maxLength: 2000 },
      {
        id: 'format',
        kind: 'choice',
        label: 'What do you need?',
        required: true,
        choices: [
          { value: 'attendance', label: 'An officer to attend a group meeting' },
          { value: 'written-report', label: 'A written report' },
        ],
      },
      { id: 'meetingDate', kind: 'date', label: 'Meeting date', required: true },
      { id: 'department', kind: 'text', label: 'Service it concerns (optional)', required: false, maxLength: 200 },
      { id: 'nonCouncillorsPresent', kind: 'toggle', label: 'People who are not councillors will be present' },
    ],
  };
}
