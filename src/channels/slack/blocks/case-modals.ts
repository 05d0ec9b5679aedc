import type { ComplaintFormModel } from '../../../workflows/complaints/complaint-form';
import type { Block } from './answer-blocks';

const plain = (t: string) => ({ type: 'plain_text', text: t });
const input = (blockId: string, label: string, element: Record<string, unknown>, optional = false): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  optional,
  element: { ...element, action_id: 'value' },
});
const textInput = (multiline: boolean, maxLength: number) => ({ type: 'plain_text_input', multiline, max_length: maxLength });

/** Slack allows 100 options in one select; a larger directory needs an external select (not built yet). */
const MAX_OPTIONS = 100;

/** The private complaint modal (`callback_id: complaint_modal`), rendered from the core's form model. */
export function complaintModal(form: ComplaintFormModel): Record<string, unknown> {
  let room = MAX_OPTIONS;
  // The "someone not listed" group comes last in the model and must always fit, so people are capped first.
  const notListed = form.subjects.at(-1) as ComplaintFormModel['subjects'][number];
  room -= notListed.options.length;
  const groups = form.subjects.slice(0, -1).map((group) => {
    const options = group.options.slice(0, Math.max(0, room));
    room -= options.length;
    return { label: plain(group.title.slice(0, 75)), options: options.map((o) => ({ text: plain(o.label.slice(0, 75)), value: o.value })) };
  }).filter((group) => group.options.length > 0);
  groups.push({ label: plain(notListed.title), options: notListed.options.map((o) => ({ text: plain(o.label.slice(0, 75)), value: o.value })) });
  return {
    type: 'modal',
    callback_id: 'complaint_modal',
    private_metadata: JSON.stringify({ council: form.council }),
    title: plain('Private complaint'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: "Only the people your council's protocol names will see this, never the person it is about." }] },
      input('about', 'Who is it about?', { type: 'static_select', option_groups: groups }),
      input('name', 'If they are not listed: their name and post', textInput(false, form.limits.name), true),
      ...(form.departments.length
        ? [input('department', 'If they are not listed: their department', { type: 'static_select', options: form.departments.slice(0, MAX_OPTIONS).map((d) => ({ text: plain(d.slice(0, 75)), value: d })) }, true)]
        : []),
      input('description', 'What happened?', textInput(true, 3000)),
      input('tried', 'What have you tried already?', textInput(true, 3000), true),
      input('outcome', 'What outcome would you like?', textInput(true, 3000), true),
    ],
  };
}

/** "Who is it about?" for a complaint about someone not listed: the directory's people only. */
export function assignModal(form: ComplaintFormModel, reference: string): Record<string, unknown> {
  const groups = form.subjects
    .filter((group) => group.title !== 'Someone not listed')
    .map((group) => ({ label: plain(group.title.slice(0, 75)), options: group.options.slice(0, MAX_OPTIONS).map((o) => ({ text: plain(o.label.slice(0, 75)), value: o.value })) }));
  return {
    type: 'modal',
    callback_id: 'case_assign_modal',
    private_metadata: JSON.stringify({ reference }),
    title: plain('Who is it about?'),
    submit: plain('Route it'),
    close: plain('Cancel'),
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'The complaint then takes that person\'s route, and never reaches them.' }] },
      input('about', 'The person the complaint is about', { type: 'static_select', option_groups: groups }),
    ],
  };
}

/** The briefing request modal (`callback_id: briefing_modal`). */
export function briefingModal(council: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: 'briefing_modal',
    private_metadata: JSON.stringify({ council }),
    title: plain('Request a briefing'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [
      input('group', 'Your party group', textInput(false, 200)),
      input('subject', 'Subject', textInput(true, 2000)),
      input('format', 'What do you need?', {
        type: 'static_select',
        options: [
          { text: plain('An officer to attend a group meeting'), value: 'attendance' },
          { text: plain('A written report'), value: 'written-report' },
        ],
      }),
      input('meeting_date', 'Meeting date', { type: 'datepicker' }),
      input('department', 'Service it concerns', textInput(false, 200), true),
      input('outsiders', 'Who will be there?', { type: 'checkboxes', options: [{ text: plain('People who are not councillors will be present'), value: 'yes' }] }, true),
    ],
  };
}

/** A one-field modal (reply, outcome, reason) tied to a case and an action. */
export function caseTextModal(callbackId: string, title: string, label: string, reference: string, extra?: { label: string; optional: boolean }): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: JSON.stringify({ reference }),
    title: plain(title.slice(0, 24)),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [input('text', label, textInput(true, 3000)), ...(extra ? [input('extra', extra.label, textInput(true, 3000), extra.optional)] : [])],
  };
}

/** Reads `state.values[block].value` of a submitted view, whatever the element type. */
export function viewValue(values: Record<string, Record<string, Record<string, unknown>>>, blockId: string): string | undefined {
  const element = values[blockId]?.value;
  if (!element) return undefined;
  if (typeof element.value === 'string') return element.value;
  if (typeof element.selected_date === 'string') return element.selected_date;
  const selected = element.selected_option as { value?: string } | undefined;
  if (selected?.value) return selected.value;
  const many = element.selected_options as Array<{ value: string }> | undefined;
  if (many) return many.map((o) => o.value).join(',');
  return undefined;
}
