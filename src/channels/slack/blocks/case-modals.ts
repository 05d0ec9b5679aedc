import type { BriefingFormModel } from '../../../workflows/briefings/briefing-form';
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

/** A modal with the usual Send and Cancel, carrying `metadata` to its submission. */
function modal(callbackId: string, metadata: object, title: string, blocks: Block[], submit = 'Send'): Record<string, unknown> {
  return { type: 'modal', callback_id: callbackId, private_metadata: JSON.stringify(metadata), title: plain(title.slice(0, 24)), submit: plain(submit), close: plain('Cancel'), blocks };
}

/**
 * "Who is it about?" as Slack option groups, within Slack's 100 options: the "someone not listed" choices
 * (when wanted) always fit, and the directory's people fill the rest.
 */
function subjectGroups(form: ComplaintFormModel, withNotListed: boolean): Array<Record<string, unknown>> {
  const listed = form.subjects.filter((group) => !group.notListed);
  const notListed = withNotListed ? form.subjects.filter((group) => group.notListed) : [];
  let room = MAX_OPTIONS - notListed.reduce((n, group) => n + group.options.length, 0);
  const capped = listed.map((group) => {
    const options = group.options.slice(0, Math.max(0, room));
    room -= options.length;
    return { ...group, options };
  });
  return [...capped, ...notListed]
    .filter((group) => group.options.length > 0)
    .map((group) => ({ label: plain(group.title.slice(0, 75)), options: group.options.map((o) => ({ text: plain(o.label.slice(0, 75)), value: o.value })) }));
}

/** The private complaint modal (`callback_id: complaint_modal`), rendered from the core's form model. */
export function complaintModal(form: ComplaintFormModel): Record<string, unknown> {
  return modal('complaint_modal', { council: form.council }, 'Private complaint', [
    { type: 'context', elements: [{ type: 'mrkdwn', text: "Only the people your council's protocol names will see this, never the person it is about." }] },
    input('about', 'Who is it about?', { type: 'static_select', option_groups: subjectGroups(form, true) }),
    input('name', 'If they are not listed: their name and post', textInput(false, form.limits.name), true),
    ...(form.departments.length
      ? [
          input(
            'department',
            'If they are not listed: their department',
            { type: 'static_select', options: form.departments.slice(0, MAX_OPTIONS).map((d) => ({ text: plain(d.slice(0, 75)), value: d })) },
            true,
          ),
        ]
      : []),
    input('description', 'What happened?', textInput(true, 3000)),
    input('tried', 'What have you tried already?', textInput(true, 3000), true),
    input('outcome', 'What outcome would you like?', textInput(true, 3000), true),
  ]);
}

/** Slack block ids of the briefing form's fields (kept as they were, so open modals still submit). */
const BRIEFING_BLOCKS: Record<string, string> = { group: 'group', subject: 'subject', format: 'format', meetingDate: 'meeting_date', department: 'department', nonCouncillorsPresent: 'outsiders' };

/** The briefing request modal (`callback_id: briefing_modal`), rendered from the core's form model. */
export function briefingModal(form: BriefingFormModel): Record<string, unknown> {
  const blocks: Block[] = [{ type: 'context', elements: [{ type: 'mrkdwn', text: form.intro }] }];
  for (const field of form.fields) {
    const id = BRIEFING_BLOCKS[field.id] ?? field.id;
    if (field.kind === 'text' || field.kind === 'multiline') blocks.push(input(id, field.label.replace(/ \(optional\)$/, ''), textInput(field.kind === 'multiline', field.maxLength), !field.required));
    if (field.kind === 'choice') blocks.push(input(id, field.label, { type: 'static_select', options: field.choices.map((c) => ({ text: plain(c.label), value: c.value })) }));
    if (field.kind === 'date') blocks.push(input(id, field.label, { type: 'datepicker' }));
    if (field.kind === 'toggle') blocks.push(input(id, 'Who will be there?', { type: 'checkboxes', options: [{ text: plain(field.label), value: 'yes' }] }, true));
  }
  return modal('briefing_modal', { council: form.council }, 'Request a briefing', blocks);
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
