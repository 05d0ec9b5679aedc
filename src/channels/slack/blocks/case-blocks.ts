import type { CaseAction } from '../../../workflows/cases/case-action';
import type { CaseCard } from '../../../workflows/cases/case-card';
import type { CaseDetails } from '../../../workflows/cases/case-details';
import type { PersonChoiceGroup } from '../../../workflows/cases/case-desk';
import type { Block } from './answer-blocks';

const plain = (t: string) => ({ type: 'plain_text', text: t });
const mrkdwn = (t: string) => ({ type: 'mrkdwn', text: t.slice(0, 2900) });

/** Where a case's message is, so it can be updated in place once the person has acted from it. */
export interface MessagePlace {
  channel: string;
  ts: string;
}

/** What a case button and the modal it opens carry: the case, the action, and the message to update after. */
export interface CaseButtonValue {
  reference: string;
  action: string;
  place?: MessagePlace;
}

/**
 * A case's actions as Slack buttons, rendered from the core's descriptions: the one primary styled so, withdrawing
 * as danger, and Slack's own confirmation dialog before any action that cannot be undone (close, withdraw).
 */
export function caseButtons(reference: string, actions: readonly CaseAction[]): Block[] {
  if (actions.length === 0) return [];
  return [
    {
      type: 'actions',
      block_id: `case:${reference}`,
      elements: actions.slice(0, 25).map((a) => ({
        type: 'button',
        text: plain(a.label.slice(0, 75)),
        action_id: `case_${a.id}`,
        value: reference,
        ...(a.emphasis === 'primary' ? { style: 'primary' } : a.emphasis === 'danger' ? { style: 'danger' } : {}),
        ...(a.confirm
          ? {
              confirm: {
                title: plain(a.confirm.title),
                text: mrkdwn(a.confirm.text),
                confirm: plain(a.confirm.yes),
                deny: plain(a.confirm.no),
                ...(a.emphasis === 'danger' ? { style: 'danger' } : {}),
              },
            }
          : {}),
      })),
    },
  ];
}

/** Labelled metadata as one context line: "Reference: C-… · Status: acknowledged". */
function fieldsLine(fields: Record<string, string>): Block[] {
  const line = Object.entries(fields)
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
  return line ? [{ type: 'context', elements: [mrkdwn(line)] }] : [];
}

/** A notice: what happened, its metadata, and the recipient's actions on the case. */
export function noticeBlocks(reference: string, text: string, fields: Record<string, string>, actions: readonly CaseAction[], extra: Block[] = []): Block[] {
  return [{ type: 'section', text: mrkdwn(text) }, ...fieldsLine(fields), ...caseButtons(reference, actions), ...extra];
}

/** The case card that replaces a notice once its reader has acted: where it stands now, and what they may do next. */
export function caseCardBlocks(card: CaseCard, outcome?: string): Block[] {
  return noticeBlocks(card.reference, outcome ? `${outcome}\n${card.headline}` : card.headline, card.fields, card.actions);
}

/** The whole case for a private message: its parts, then the thread and the history. */
export function caseDetailsBlocks(details: CaseDetails): Block[] {
  const blocks: Block[] = [
    { type: 'header', text: plain(`${details.card.kind === 'complaint' ? 'Complaint' : 'Briefing request'} ${details.card.reference}`) },
    { type: 'section', text: mrkdwn(details.card.headline) },
  ];
  for (const part of details.parts) blocks.push({ type: 'section', text: mrkdwn(`*${part.label}*\n${part.text}`) });
  if (details.thread.length) blocks.push({ type: 'section', text: mrkdwn(`*Messages*\n${details.thread.map((m) => `_${m.from}, ${m.at.slice(0, 16).replace('T', ' ')}:_ ${m.text}`).join('\n')}`) });
  if (details.history.length) blocks.push({ type: 'context', elements: [mrkdwn(`History: ${details.history.map((h) => `${h.at.slice(0, 10)} ${h.what}`).join(' · ')}`)] });
  blocks.push(
    ...caseButtons(
      details.card.reference,
      details.card.actions.filter((a) => a.id !== 'view'),
    ),
  );
  return blocks.slice(0, 50);
}

/** The plain-text fallback of the whole case (notifications and screen readers). */
export function caseDetailsText(details: CaseDetails): string {
  return [details.card.headline, ...details.parts.map((p) => `${p.label}: ${p.text}`)].join('\n').slice(0, 3000);
}

const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label.slice(0, 2000)),
  optional,
  element: { ...element, action_id: 'value' },
});

/** People as Slack option groups, within Slack's 100 options. */
function personOptions(groups: readonly PersonChoiceGroup[]): Record<string, unknown> {
  let room = 100;
  const capped = groups
    .map((g) => {
      const options = g.options.slice(0, Math.max(0, room));
      room -= options.length;
      return { label: plain(g.title.slice(0, 75)), options: options.map((o) => ({ text: plain(o.label.slice(0, 75)), value: o.value })) };
    })
    .filter((g) => g.options.length > 0);
  return { type: 'static_select', option_groups: capped };
}

/**
 * The modal an action with an input opens (a message, an outcome with private notes, a person), rendered from
 * the action's description; its submission (`case_action_modal`) carries the case, the action and the message.
 */
export function caseActionModal(action: CaseAction, value: CaseButtonValue, choices: readonly PersonChoiceGroup[]): Record<string, unknown> {
  const blocks: Block[] = [];
  const spec = action.input;
  if (spec?.kind === 'text') blocks.push(input('text', spec.label, { type: 'plain_text_input', multiline: true, max_length: Math.min(3000, spec.maxLength) }, !spec.required));
  if (spec?.kind === 'outcome') {
    blocks.push(input('text', spec.label, { type: 'plain_text_input', multiline: true, max_length: 3000 }));
    blocks.push(input('notes', spec.notesLabel, { type: 'plain_text_input', multiline: true, max_length: 3000 }, true));
  }
  if (spec?.kind === 'person' || spec?.kind === 'officer') blocks.push(input('person', spec.label, personOptions(choices)));
  if (spec?.kind === 'person') blocks.unshift({ type: 'context', elements: [mrkdwn("The complaint then takes that person's route, and never reaches them.")] });
  if (action.confirm) blocks.push({ type: 'context', elements: [mrkdwn(action.confirm.text)] });
  return {
    type: 'modal',
    callback_id: 'case_action_modal',
    private_metadata: JSON.stringify(value),
    title: plain(action.label.slice(0, 24)),
    submit: plain(action.confirm?.yes.slice(0, 24) ?? 'Send'),
    close: plain('Cancel'),
    blocks,
  };
}
