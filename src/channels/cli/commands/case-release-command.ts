import type { BuiltWorkflows } from '../../../app/build-workflows';
import { EXIT, type CliIo } from '../cli-io';
import { usageError } from '../usage-error';
import { renderHold } from './case-hold-command';

/** The arguments of `etiquette case release`, checked before the database is opened. */
export interface CaseReleaseArgs {
  reference: string;
  by: string;
  reason: string;
  json: boolean;
}

/** Checks `case release REFERENCE --by PERSON_ID [--reason TEXT]`, naming the missing part. */
export function caseReleaseArgs(references: string[], values: { by?: string; reason?: string; json?: boolean }): CaseReleaseArgs {
  if (references.length !== 1) throw usageError('expected one REFERENCE: etiquette case release REFERENCE --by PERSON_ID [--reason TEXT]');
  if (!values.by?.trim()) throw usageError('case release needs --by PERSON_ID: the directory id of the Monitoring Officer lifting the hold');
  return { reference: references[0] as string, by: values.by.trim(), reason: values.reason ?? '', json: values.json === true };
}

/** `etiquette case release REFERENCE --by PERSON_ID [--reason TEXT]`: only the Monitoring Officer may. */
export async function runCaseRelease(workflows: BuiltWorkflows, args: CaseReleaseArgs, io: CliIo): Promise<number> {
  io.out(renderHold(await workflows.complaints.releaseLegalHold(args.reference, args.by, args.reason), args.json));
  return EXIT.ok;
}
