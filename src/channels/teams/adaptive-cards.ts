import type { ReplyModel } from '../../answer/reply-model';
import type { BriefingFormModel } from '../../workflows/briefings/briefing-form';
import type { ComplaintFormModel } from '../../workflows/complaints/complaint-form';
import type { CaseAction, CaseActionId } from '../../workflows/cases/case-action';
import type { CaseCard } from '../../workflows/cases/case-card';
import type { PersonChoiceGroup } from '../../workflows/cases/case-desk';
import type { CaseDetails } from '../../workflows/cases/case-details';
import { notificationActions } from '../../workflows/cases/notification-actions';
import type { Notification } from '../../workflows/notifications';

/** An Adaptive Card (1.5) as plain JSON. */
export type AdaptiveCard = Record<string, unknown>;

const card = (body: unknown[], actions: unknown[] = []): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
});
const textBlock = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...extra });
const submit = (title: string, data: Record<string, unknown>) => ({ type: 'Action.Submit', title, data });

/** Citations quoted in "More" before "Show all": a few paragraphs, not the whole section. */
const CITATIONS_SHOWN = 3;

const showCard = (title: string, body: unknown[], actions: unknown[] = []) => ({ type: 'Action.ShowCard', title, card: card(body, actions) });

/**
 * An answer: the lead alone in the card's body; the rest (the topic or complaint route, what to do, who to contact,
 * the first paragraphs quoted with the others behind "Show all", related points) in a "More" card; then "did you
 * mean", "Make a complaint" or "Request a briefing" where the answer offers one, and the votes.
 */
export function answerCard(reply: ReplyModel): AdaptiveCard {
  const actions: unknown[] = [];
  const more = moreCard(reply);
  if (more) actions.push(more);
  for (const f of reply.followUps) {
    if (f.kind === 'did-you-mean-point') actions.push(submit(f.label, { action: 'ask-point', point: f.value }));
    if (f.kind === 'did-you-mean') actions.push(submit(f.label, { action: 'did-you-mean', topic: f.value }));
    if (f.kind === 'make-complaint') actions.push(submit('Make a complaint', { action: 'open-complaint' }));
    if (f.kind === 'request-briefing') actions.push(submit('Request a briefing', { action: 'open-briefing' }));
    if (f.kind === 'ask-example') actions.push(submit(f.label, { action: 'ask-example', question: f.value }));
  }
  // A question back ("is this about A or B?") is not an answer to vote on.
  if (!reply.outOfScope && reply.clarify === null) {
    actions.push(submit('Helpful', { action: 'feedback', vote: 'helpful', council: reply.council, intent: reply.intent }));
    actions.push(submit('Not helpful', { action: 'feedback', vote: 'not-helpful', council: reply.council, intent: reply.intent }));
  }
  return card([textBlock(reply.lead, { size: 'Medium' })], actions);
}

/** The "More" card of an answer, or null when the lead is all there is. */
function moreCard(reply: ReplyModel): unknown | null {
  const body: unknown[] = [];
  if (reply.summary !== '' && reply.summary !== reply.lead) body.push(textBlock(reply.summary));
  if (reply.doList.length) body.push(textBlock(`**Do**\n\n${reply.doList.map((l) => `- ${l}`).join('\n')}`));
  if (reply.dontList.length) body.push(textBlock(`**Don't**\n\n${reply.dontList.map((l) => `- ${l}`).join('\n')}`));
  if (reply.contacts.length) body.push(textBlock(`Who to contact: ${[...new Set(reply.contacts.map((c) => c.title))].join('; ')}`, { isSubtle: true }));
  if (reply.elsewhere.length) body.push(textBlock(`**Other councils' protocols (theirs, not yours)**\n\n${reply.elsewhere.map((e) => `- ${e.councilName}: ${e.summary}`).join('\n')}`));
  if (reply.outOfScope) body.push(textBlock(`You could ask, for example:\n\n${reply.followUps.map((f) => `- ${f.label}`).join('\n')}`));
  if (reply.citations.length) body.push(textBlock(`**The protocol says** (${reply.councilName})`), ...citationBlocks(reply.citations.slice(0, CITATIONS_SHOWN)));
  const actions: unknown[] = [];
  if (reply.citations.length > CITATIONS_SHOWN) actions.push(showCard(`Show all ${reply.citations.length} paragraphs`, citationBlocks(reply.citations)));
  for (const f of reply.followUps) {
    if (f.kind === 'related-point') actions.push(submit(f.label, { action: 'ask-point', point: f.value }));
    if (f.kind === 'compare-councils') actions.push(submit('Other councils', { action: 'compare', topic: f.value }));
  }
  return body.length === 0 && actions.length === 0 ? null : showCard('More', body, actions);
}

/** Each cited paragraph: its number and heading, then its words. */
function citationBlocks(citations: ReplyModel['citations']): unknown[] {
  return citations.flatMap((c) => [textBlock(`**${c.section}: ${c.title}**`, { spacing: 'Medium' }), textBlock(c.quote, { isSubtle: true, spacing: 'None' })]);
}

/** Asks an unknown person's role once; their question waits on the server and is answered after. */
export function roleCard(): AdaptiveCard {
  return card(
    [textBlock('Before I answer: are you a councillor or an officer? I will remember.')],
    [submit("I'm a councillor", { action: 'role', role: 'member' }), submit("I'm an officer", { action: 'role', role: 'officer' })],
  );
}

/** The private complaint form, rendered from the core's form model; `formId` makes one submission of it one case. */
export function complaintCard(form: ComplaintFormModel, formId: string): AdaptiveCard {
  const choices = form.subjects.flatMap((group) => group.options.map((o) => ({ title: group.notListed ? o.label : `${o.label}: ${group.title}`, value: o.value })));
  return card(
    [
      textBlock('Private complaint', { weight: 'Bolder', size: 'Medium' }),
      textBlock("Only the people your council's protocol names will see it, never the person it is about.", { isSubtle: true }),
      { type: 'Input.ChoiceSet', id: 'about', label: 'Who is it about?', isRequired: true, style: 'filtered', choices },
      { type: 'Input.Text', id: 'name', label: 'If they are not listed: their name and post (optional)', maxLength: form.limits.name },
      ...(form.departments.length
        ? [{ type: 'Input.ChoiceSet', id: 'department', label: 'If they are not listed: their department (optional)', choices: form.departments.map((d) => ({ title: d, value: d })) }]
        : []),
      { type: 'Input.Text', id: 'description', label: 'What happened?', isMultiline: true, isRequired: true, maxLength: form.limits.description },
      { type: 'Input.Text', id: 'triedInformally', label: 'What have you tried already? (optional)', isMultiline: true, maxLength: form.limits.triedInformally },
      { type: 'Input.Text', id: 'desiredOutcome', label: 'What outcome would you like? (optional)', isMultiline: true, maxLength: form.limits.desiredOutcome },
    ],
    [submit('Send complaint', { action: 'submit-complaint', formId })],
  );
}

/** The briefing request form, rendered from the core's form model; `formId` makes one submission of it one request. */
export function briefingCard(form: BriefingFormModel, formId: string): AdaptiveCard {
  const inputs = form.fields.map((field) => {
    if (field.kind === 'text' || field.kind === 'multiline')
      return { type: 'Input.Text', id: field.id, label: field.label, isRequired: field.required, maxLength: field.maxLength, ...(field.kind === 'multiline' ? { isMultiline: true } : {}) };
    if (field.kind === 'choice')
      return { type: 'Input.ChoiceSet', id: field.id, label: field.label, choices: field.choices.map((c) => ({ title: c.label, value: c.value })), value: field.choices[0]?.value };
    if (field.kind === 'date') return { type: 'Input.Date', id: field.id, label: field.label, isRequired: true };
    return { type: 'Input.Toggle', id: field.id, title: field.label, valueOn: 'true', valueOff: 'false', value: 'false' };
  });
  return card(
    [textBlock('Briefing request for a party group', { weight: 'Bolder', size: 'Medium' }), textBlock(form.intro, { isSubtle: true }), ...inputs],
    [submit('Send request', { action: 'submit-briefing', formId })],
  );
}

/** People to choose from for an action that names someone, by action id. */
export type ChoicesFor = (action: CaseActionId) => readonly PersonChoiceGroup[];

const styleOf = (a: CaseAction) => (a.emphasis === 'primary' ? { style: 'positive' } : a.emphasis === 'danger' ? { style: 'destructive' } : {});

/** The inputs an action asks for, rendered from its description (ids: text, notes, personId). */
function actionInputs(a: CaseAction, choicesFor: ChoicesFor): unknown[] {
  const spec = a.input;
  if (!spec) return [];
  if (spec.kind === 'text') return [{ type: 'Input.Text', id: 'text', label: spec.label, isMultiline: true, isRequired: spec.required, maxLength: spec.maxLength }];
  if (spec.kind === 'outcome') {
    return [
      { type: 'Input.Text', id: 'text', label: spec.label, isMultiline: true, isRequired: true, maxLength: spec.maxLength },
      { type: 'Input.Text', id: 'notes', label: spec.notesLabel, isMultiline: true, maxLength: spec.maxLength },
    ];
  }
  const choices = choicesFor(a.id).flatMap((g) => g.options.map((o) => ({ title: `${o.label}: ${g.title}`, value: o.value })));
  return [{ type: 'Input.ChoiceSet', id: 'personId', label: spec.label, style: 'filtered', isRequired: true, choices }];
}

/**
 * A case's actions as card actions, from the core's descriptions: one without input or confirmation submits at
 * once; one that asks for words or a person, or must be confirmed (close, withdraw), opens its own small card
 * with the inputs and the confirming button. The primary one is "positive", withdrawing "destructive".
 */
export function caseActions(reference: string, actions: readonly CaseAction[], choicesFor: ChoicesFor): unknown[] {
  return actions.map((a) => {
    const data = { action: 'case', caseAction: a.id, reference };
    if (!a.input && !a.confirm) return { ...submit(a.label, data), ...styleOf(a) };
    const body = [...(a.confirm ? [textBlock(a.confirm.text)] : []), ...actionInputs(a, choicesFor)];
    return { ...showCard(a.label, body, [{ ...submit(a.confirm?.yes ?? 'Send', data), ...styleOf(a) }]), ...styleOf(a) };
  });
}

const facts = (fields: Record<string, string>) => ({ type: 'FactSet', facts: Object.entries(fields).map(([title, value]) => ({ title, value })) });

/**
 * A notification with the recipient's actions on the case; another group offered the same support gets a button
 * that opens the briefing form.
 */
export function notificationCard(n: Notification, choicesFor: ChoicesFor = () => []): AdaptiveCard {
  const actions = caseActions(n.reference, notificationActions(n), choicesFor);
  if (n.actions.includes('request-briefing')) actions.push({ ...submit('Request a briefing', { action: 'open-briefing' }), style: 'positive' });
  return card([textBlock(n.text), facts(n.fields)], actions);
}

/** The card that replaces a notice once its reader has acted: where the case stands now and what they may do next. */
export function caseStatusCard(c: CaseCard, choicesFor: ChoicesFor, outcome?: string): AdaptiveCard {
  return card([...(outcome ? [textBlock(outcome, { weight: 'Bolder' })] : []), textBlock(c.headline), facts(c.fields)], caseActions(c.reference, c.actions, choicesFor));
}

/** The whole case as its reader may see it: its parts, the thread and the history, then its actions. */
export function caseDetailsCard(d: CaseDetails, choicesFor: ChoicesFor): AdaptiveCard {
  const body: unknown[] = [textBlock(`${d.card.kind === 'complaint' ? 'Complaint' : 'Briefing request'} ${d.card.reference}`, { weight: 'Bolder', size: 'Medium' }), textBlock(d.card.headline)];
  for (const part of d.parts) body.push(textBlock(`**${part.label}**`, { spacing: 'Medium' }), textBlock(part.text, { spacing: 'None' }));
  if (d.thread.length)
    body.push(textBlock('**Messages**', { spacing: 'Medium' }), ...d.thread.map((m) => textBlock(`_${m.from}, ${m.at.slice(0, 16).replace('T', ' ')}:_ ${m.text}`, { spacing: 'None' })));
  if (d.history.length) body.push(textBlock(`History: ${d.history.map((h) => `${h.at.slice(0, 10)} ${h.what}`).join(' · ')}`, { isSubtle: true, spacing: 'Medium' }));
  return card(
    body,
    caseActions(
      d.card.reference,
      d.card.actions.filter((a) => a.id !== 'view'),
      choicesFor,
    ),
  );
}
