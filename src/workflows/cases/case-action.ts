/**
 * The actions a person can take on a case, described once for every channel: Slack buttons and modals, Teams
 * Adaptive Cards, the web console and the links in an email are all rendered from these.
 */
export type CaseActionId =
  | 'view'
  | 'reply'
  | 'export'
  | 'acknowledge'
  | 'start-investigation'
  | 'record-outcome'
  | 'close'
  | 'withdraw'
  | 'escalate'
  | 'pass-on'
  | 'assign'
  | 'agree'
  | 'approve'
  | 'decline'
  | 'mark-delivered'
  | 'request-copy';

/** What a person gives before the action is taken (a text, an outcome with private notes, a person). */
export type CaseActionInput =
  | { kind: 'text'; label: string; required: boolean; maxLength: number }
  | { kind: 'outcome'; label: string; notesLabel: string; maxLength: number }
  | { kind: 'person'; label: string }
  | { kind: 'officer'; label: string };

/** A question asked before an action that cannot be undone (close, withdraw, ask for the next level). */
export interface CaseActionConfirm {
  title: string;
  text: string;
  yes: string;
  no: string;
}

/** One action as a person is offered it. */
export interface CaseAction {
  id: CaseActionId;
  label: string;
  /** Exactly one action of a set is primary (the next step expected of this person); withdrawing is danger. */
  emphasis: 'primary' | 'normal' | 'danger';
  input: CaseActionInput | null;
  confirm: CaseActionConfirm | null;
}

const MESSAGE_LIMIT = 10_000;

type Description = Omit<CaseAction, 'emphasis'> & { danger?: boolean };

/** Labels, inputs and confirmations of each action; `party` words a label for who is offered it. */
export function describeCaseAction(id: CaseActionId, party: string): Description {
  switch (id) {
    case 'view':
      return { id, label: 'Open the case', input: null, confirm: null };
    case 'reply':
      return {
        id,
        label: party === 'complainant' ? 'Reply or add detail' : party === 'handler' ? 'Reply or ask for more' : 'Reply',
        input: { kind: 'text', label: party === 'handler' ? 'Your message to the complainant' : 'Your message', required: true, maxLength: MESSAGE_LIMIT },
        confirm: null,
      };
    case 'export':
      return { id, label: 'Download my case', input: null, confirm: null };
    case 'acknowledge':
      return { id, label: 'Acknowledge', input: null, confirm: null };
    case 'start-investigation':
      return { id, label: 'Start investigating', input: null, confirm: null };
    case 'record-outcome':
      return {
        id,
        label: 'Record outcome',
        input: { kind: 'outcome', label: 'Outcome for the complainant', notesLabel: 'Private notes (never shown to the complainant)', maxLength: MESSAGE_LIMIT },
        confirm: null,
      };
    case 'close':
      return { id, label: 'Close', input: null, confirm: { title: 'Close the case?', text: 'Closing ends the case: no more messages can be added.', yes: 'Close it', no: 'Cancel' } };
    case 'withdraw':
      return { id, label: 'Withdraw', danger: true, input: null, confirm: { title: 'Withdraw?', text: 'Withdrawing ends it: it will not be looked at further.', yes: 'Withdraw', no: 'Keep it' } };
    case 'escalate':
      return {
        id,
        label: 'Not satisfied: next level',
        input: { kind: 'text', label: 'Why you are not satisfied (optional)', required: false, maxLength: 2000 },
        confirm: { title: 'Ask for the next level?', text: 'The complaint goes to the next person the protocol names.', yes: 'Send it on', no: 'Cancel' },
      };
    case 'pass-on':
      return {
        id,
        label: 'Pass to the next level',
        input: { kind: 'text', label: 'Why it goes on (optional)', required: false, maxLength: 2000 },
        confirm: { title: 'Pass it on?', text: 'The complaint goes to the next person the protocol names, and you no longer handle it.', yes: 'Pass it on', no: 'Cancel' },
      };
    case 'assign':
      return { id, label: 'Say who it is about', input: { kind: 'person', label: 'Who is the complaint about?' }, confirm: null };
    case 'agree':
      return { id, label: 'Agree', input: null, confirm: null };
    case 'approve':
      return { id, label: 'Approve', input: { kind: 'officer', label: 'Officer who will brief the group' }, confirm: null };
    case 'decline':
      return { id, label: 'Decline', input: { kind: 'text', label: 'Reason for the member', required: true, maxLength: 2000 }, confirm: null };
    case 'mark-delivered':
      return { id, label: 'Mark as delivered', input: null, confirm: null };
    case 'request-copy':
      return { id, label: 'Ask for a copy', input: null, confirm: null };
  }
}

/**
 * The actions offered, in order, with one primary: the first of `ids` found in `primaryOrder`, else the first
 * action. Withdraw is never primary.
 */
export function offerActions(ids: readonly CaseActionId[], party: string, primaryOrder: readonly CaseActionId[]): CaseAction[] {
  const primary = primaryOrder.find((id) => ids.includes(id)) ?? ids.find((id) => id !== 'withdraw');
  return ids.map((id) => {
    const { danger, ...described } = describeCaseAction(id, party);
    return { ...described, emphasis: id === primary ? 'primary' : danger ? 'danger' : 'normal' };
  });
}

/** True when `value` names an action (a button's value from a channel is not trusted). */
export function isCaseActionId(value: unknown): value is CaseActionId {
  return typeof value === 'string' && (CASE_ACTION_IDS as readonly string[]).includes(value);
}

export const CASE_ACTION_IDS: readonly CaseActionId[] = [
  'view',
  'reply',
  'export',
  'acknowledge',
  'start-investigation',
  'record-outcome',
  'close',
  'withdraw',
  'escalate',
  'pass-on',
  'assign',
  'agree',
  'approve',
  'decline',
  'mark-delivered',
  'request-copy',
];
