import type { AskerRole } from './schemas/identifiers';
import type { KnowledgePoint } from './schemas/point-schema';

/** The point's answer in the asker's wording: theirs if given, else the shared one, else the other role's. */
export function pointAnswerFor(point: KnowledgePoint, role: AskerRole): string {
  const other: AskerRole = role === 'member' ? 'officer' : 'member';
  // the schema guarantees one of them
  return point.answers?.[role] ?? point.answer ?? point.answers?.[other] ?? '';
}

/** Whether the point was written for this asker (`both` suits everyone). */
export function pointSuits(point: KnowledgePoint, role: AskerRole): boolean {
  return point.audience === 'both' || point.audience === role;
}
