import type { BuiltWorkflows } from '../../../app/build-workflows';
import type { LegalHoldStatus } from '../../../workflows/legal-hold';
import { EXIT, type CliIo } from '../cli-io';
import { usageError } from '../usage-error';

/** The arguments of `etiquette case hold`, checked before the database is opened. */
export interface CaseHoldArgs {
  reference: string;
  by: string;
  reason: string;
  json: boolean;
}

/** Checks `case hold REFERENCE --by PERSON_ID --reason TEXT`, naming the missing or empty part. */
export function caseHoldArgs(references: string[], values: { by?: string; reason?: string; json?: boolean }): CaseHoldArgs {
  if (references.length !== 1) throw usageError('expected one REFERENCE: etiquette case hold REFERENCE --by PERSON_ID --reason TEXT');
  if (!values.by?.trim()) throw usageError('case hold needs --by PERSON_ID: the directory id of the Monitoring Officer placing the hold');
  if (!values.reason?.trim()) throw usageError('case hold needs --reason TEXT: why the case must be kept past retention');
  return { reference: references[0] as string, by: values.by.trim(), reason: values.reason, json: values.json === true };
}

/** A hold as one line for people, or as JSON. */
export function renderHold(status: LegalHoldStatus, json: boolean): string {
  if (json) return `${JSON.stringify(status, null, 2)}\n`;
  if (!status.held) return `${status.reference} is no longer under a legal hold; the next retention pass treats it like any other case\n`;
  const who = status.placedBy ? `${status.placedBy.name ?? status.placedBy.personId} (${status.placedBy.personId})` : 'unknown';
  return `${status.reference} is under a legal hold, placed by ${who} at ${status.placedAt ?? '?'}: ${status.reason ?? ''}\n`;
}

/** `etiquette case hold REFERENCE --by PERSON_ID --reason TEXT`: only the Monitoring Officer may. */
export async function runCaseHold(workflows: BuiltWorkflows, args: CaseHoldArgs, io: CliIo): Promise<number> {
  io.out(renderHold(await workflows.complaints.placeLegalHold(args.reference, args.by, args.reason), args.json));
  return EXIT.ok;
}
