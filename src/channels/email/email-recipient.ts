import type { Directory } from '../../directory/directory';
import type { Recipient } from '../../workflows/notifications';

/** Who an email goes to: the directory's name (for the greeting and the To line) and address. */
export interface EmailRecipient {
  name: string;
  address: string;
}

/** The directory's email address of a person or of a council's HR contact, or undefined when it lists none. */
export function emailRecipient(directory: Directory, recipient: Recipient): EmailRecipient | undefined {
  if (recipient.kind === 'hr') {
    if (!directory.councilIds().includes(recipient.council)) return undefined;
    const hr = directory.hr(recipient.council);
    return hr.email ? { name: hr.name, address: hr.email } : undefined;
  }
  const person = directory.person(recipient.council, recipient.personId);
  return person?.email ? { name: person.name, address: person.email } : undefined;
}
