import { withCsrf } from './web-csrf';

/** What a complainant writes in the web chat's complaint form. */
export interface WebComplaint {
  council: string;
  complainant: string;
  about: string;
  idempotencyKey: string;
  description: string;
  triedInformally?: string;
  desiredOutcome?: string;
}

/**
 * Files a complaint as a person would in the web chat: the development sign-in, then `POST /api/complaints`.
 * Resolves with the case reference. `again`: the form was sent before (the answer is 200 "already received").
 */
export async function fileWebComplaint(base: string, complaint: WebComplaint, again = false): Promise<string> {
  const signIn = await fetch(`${base}/api/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...withCsrf() },
    body: JSON.stringify({ council: complaint.council, personId: complaint.complainant }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in as ${complaint.complainant} answered ${signIn.status}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { council: _council, complainant: _complainant, ...form } = complaint;
  const filed = await fetch(`${base}/api/complaints`, { method: 'POST', headers: { 'content-type': 'application/json', ...withCsrf(cookie) }, body: JSON.stringify(form) });
  if (filed.status !== (again ? 200 : 201)) throw new Error(`filing the complaint answered ${filed.status}: ${await filed.text()}`);
  return ((await filed.json()) as { reference: string }).reference;
}
