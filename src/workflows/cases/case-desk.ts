import { isCouncillor } from '../../directory/subject-role-of';
import { AppError } from '../../errors/app-error';
import { complaintForm } from '../complaints/complaint-form';
import type { CaseRecord } from '../../storage/case-store';
import type { BriefingService } from '../briefings/briefing-service';
import type { BriefingEvent } from '../briefings/briefing-states';
import { referenceText } from '../case-reference';
import type { ComplaintService } from '../complaints/complaint-service';
import type { ComplaintEvent } from '../complaints/complaint-states';
import type { WorkflowDeps } from '../workflow-deps';
import { describeCaseAction, isCaseActionId, type CaseAction, type CaseActionId } from './case-action';
import { caseCardOf, type CaseCard } from './case-card';
import { caseDetailsOf, type CaseDetails } from './case-details';
import { partyOnCase } from './offered-actions';

/** People to choose from under one heading (a title of the council's, or "Officers"). */
export interface PersonChoiceGroup {
  title: string;
  options: Array<{ value: string; label: string }>;
}

/** What a person gives with an action: a message or reason, an outcome and private notes, a person chosen. */
export interface CaseActionInputValues {
  text?: string;
  notes?: string;
  personId?: string;
}

/**
 * Works cases for people whichever channel they use: the one place an action's name from a button or a form is
 * checked, offered actions are computed, and the result is shown back as a card. Slack, Teams, the web console
 * and email links all call this; none of them decides what a person may do.
 */
export class CaseDesk {
  constructor(
    private readonly deps: WorkflowDeps,
    private readonly complaints: ComplaintService,
    private readonly briefings: BriefingService,
  ) {}

  /** The case as `personId` sees it at a glance now; anyone not on it is refused (and that is audited). */
  async card(reference: string, personId: string): Promise<CaseCard> {
    return caseCardOf(this.deps, await this.partyCase(reference, personId, 'card'), personId);
  }

  /**
   * The action as this person is offered it now (to open its form), or undefined when it is not offered; someone
   * not on the case is refused, and the attempt audited under the action's name.
   */
  async offeredAction(reference: string, personId: string, action: CaseActionId): Promise<CaseAction | undefined> {
    // Asking for a copy is offered to people who are not on the request (other groups' leaders); it needs no form.
    if (action === 'request-copy') return undefined;
    const record = await this.partyCase(reference, personId, action);
    return caseCardOf(this.deps, record, personId).actions.find((a) => a.id === action);
  }

  /** Every case the person is on, newest first, as cards. */
  async cardsFor(personId: string): Promise<CaseCard[]> {
    return (await this.deps.store.listCasesByPerson(personId)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((record) => caseCardOf(this.deps, record, personId));
  }

  /**
   * The people to choose from for an action that names someone: who a complaint about someone not listed is about
   * (the directory, grouped by the council's titles), or the officer who will brief a group.
   */
  async choices(reference: string, personId: string, action: CaseActionId): Promise<PersonChoiceGroup[]> {
    const record = await this.partyCase(reference, personId, 'choices');
    if (action === 'assign') {
      return complaintForm(this.deps.kb, this.deps.directory, record.council, personId)
        .subjects.filter((group) => !group.notListed && group.options.length > 0)
        .map((group) => ({ title: group.title, options: group.options }));
    }
    if (action === 'approve') {
      const officers = this.deps.directory.holdersOfAny(record.council).filter((p) => !isCouncillor(p));
      return [{ title: 'Officers', options: officers.map((p) => ({ value: p.id, label: p.department ? `${p.name} (${p.department})` : p.name })) }];
    }
    return [];
  }

  /**
   * HR's list: every complaint at the council as metadata (reference, state, who has it, deadline), overdue ones
   * marked, never who complained or what they said, as the protocols make HR a party to be told, not a handler.
   * Only for someone the directory gives the `hr` role at that council.
   */
  async hrCases(council: string, personId: string): Promise<CaseCard[]> {
    const person = this.deps.directory.person(council, personId);
    if (!person?.roles.includes('hr')) throw new AppError('not_permitted', "only the council's HR team sees the list of complaints");
    return (await this.deps.store.listCases({ council, kind: 'complaint' }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((record) => {
        const card = caseCardOf(this.deps, record, personId);
        return { ...card, party: 'hr', fields: { ...card.fields, 'Your part': 'HR' }, actions: [] };
      });
  }

  /** The whole case as this person may read it (each read audited by the workflow). */
  async details(reference: string, personId: string): Promise<CaseDetails> {
    const record = await this.partyCase(reference, personId, 'read');
    const view =
      record.kind === 'complaint'
        ? { kind: 'complaint' as const, view: await this.complaints.view(reference, personId) }
        : { kind: 'briefing' as const, view: await this.briefings.view(reference, personId) };
    return caseDetailsOf(this.deps, record, personId, view, caseCardOf(this.deps, record, personId));
  }

  /**
   * Takes the action `actionName` (from a button or form: not trusted) for `personId`, then returns the case's
   * card as it now stands, to replace the one the person acted on. An unknown action is a `bad_request`; one the
   * person is not offered now is refused by the workflow with its reason, changing nothing.
   */
  async act(reference: string, personId: string, actionName: unknown, input: CaseActionInputValues = {}): Promise<CaseCard> {
    if (!isCaseActionId(actionName)) throw new AppError('bad_request', `there is no action "${String(actionName).slice(0, 40)}" on a case`);
    const action: CaseActionId = actionName;
    if (action === 'view' || action === 'export') throw new AppError('bad_request', `"${action}" reads the case; it is not an action on it`);
    // Another group's leader is not a party to the briefing: asking for a copy of its report is all they may do.
    if (action === 'request-copy') return this.requestCopy(reference, personId);
    const record = await this.partyCase(reference, personId, action);
    const party = partyOnCase(record, personId) ?? 'other';
    const described = describeCaseAction(action, party);
    const text = input.text?.trim() ?? '';
    if (described.input?.kind === 'text' && described.input.required && text === '') throw new AppError('bad_request', `${described.input.label}: please fill this in`);
    if (described.input?.kind === 'text' && text.length > described.input.maxLength)
      throw new AppError('bad_request', `${described.input.label}: at most ${described.input.maxLength.toLocaleString('en-GB')} characters`);
    if (record.kind === 'complaint') {
      if (action === 'reply') await this.complaints.message(reference, personId, text);
      else
        await this.complaints.act(reference, personId, action as ComplaintEvent, {
          outcome: text || undefined,
          investigationNotes: input.notes?.trim() || undefined,
          reason: text || undefined,
          subjectPersonId: input.personId,
        });
    } else {
      if (action === 'reply') throw new AppError('invalid_transition', 'briefing requests have no message thread');
      await this.briefings.act(reference, personId, action as BriefingEvent, { reason: text || undefined, assignOfficer: input.personId });
    }
    return this.card(reference, personId);
  }

  /** Asks for a copy of another group's report; the card says what happens next (the asker sees nothing else of it). */
  private async requestCopy(reference: string, personId: string): Promise<CaseCard> {
    const record = await this.deps.store.getCase(reference);
    if (!record || record.kind !== 'briefing') throw new AppError('case_not_found', `there is no briefing request ${referenceText(reference)}`);
    const { gatekeeperTitle } = await this.briefings.requestCopy(reference, personId);
    return {
      reference,
      kind: 'briefing',
      party: 'other-group',
      state: record.state,
      headline: `You have asked for a copy of the report (${reference}); ${gatekeeperTitle} provides it.`,
      fields: { Reference: reference },
      actions: [],
      overdue: false,
    };
  }

  /** The case, if `personId` is on it; otherwise `not_permitted`, audited, whatever the case's kind. */
  private async partyCase(reference: string, personId: string, attempted: string): Promise<CaseRecord> {
    const record = await this.deps.store.getCase(reference);
    if (!record) throw new AppError('case_not_found', `there is no case ${referenceText(reference)}`);
    if (partyOnCase(record, personId) === null) {
      await this.deps.store.appendAudit({ reference, actor: personId, action: `refused:${attempted.slice(0, 40)}`, detail: 'not a party to this case', at: this.deps.clock.now().toISOString() });
      throw new AppError('not_permitted', `you are not a party to ${reference}`);
    }
    return record;
  }
}
