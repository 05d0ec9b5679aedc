import { theTitle } from '../../knowledge/the-title';
import type { ComplaintReceipt } from './complaint-service';

/**
 * The one receipt a complainant gets, in plain sentences, whatever channel they used: the reference, who has it,
 * by when it should be acknowledged (naming a service standard as the council's, not the protocol's), any step
 * passed over and why, and who else the protocol tells.
 */
export function complaintReceiptText(receipt: ComplaintReceipt): string {
  const who = `${theTitle(receipt.handler.title)} (${receipt.handler.name})`;
  const parts = [
    receipt.created ? `Received: your complaint is reference ${receipt.reference}.` : `Already received: your complaint is reference ${receipt.reference}.`,
    receipt.beingAssigned ? `The person it is about is not in the council's list, so it has gone to ${who} to pass to the right person.` : `It has gone to ${who}.`,
  ];
  if (receipt.acknowledgeBy) {
    parts.push(
      receipt.deadlineSource === 'service-standard'
        ? `It should be acknowledged by ${receipt.acknowledgeBy}: that is the council's own service standard, as the protocol sets no deadline.`
        : `The protocol says it should be answered by ${receipt.acknowledgeBy}.`,
    );
  }
  for (const step of receipt.skipped) parts.push(`It did not go to ${theTitle(step.title)}: ${step.reason}.`);
  const told = receipt.told.map((t) => `${theTitle(t.title)} (${t.kind === 'copy' ? 'sent a copy' : 'told it was made'})`);
  if (told.length) parts.push(`As the protocol requires, ${told.join(' and ')}.`);
  return parts.join(' ');
}
