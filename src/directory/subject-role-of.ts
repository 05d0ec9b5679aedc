import type { SubjectRole } from '../knowledge/schemas/identifiers';
import type { Person } from './directory-schema';

/** Directory roles that make someone a chief officer (the level below the head of paid service). */
const CHIEF_OFFICER_ROLES = ['chief-officer', 'director', 'executive-director', 'strategic-director', 'deputy-chief-executive'];
/** Directory roles held only by councillors. */
const MEMBER_ROLES = ['member', 'leader', 'cabinet-member', 'portfolio-holder', 'committee-chair', 'personnel-committee'];

/**
 * The kind of person a complaint about `person` is about (CONTRACTS.md "Complaint subject role"), from the roles
 * the directory gives them: the most senior first, so a complaint about the Chair is about the chair even though
 * the Chair is also a member.
 */
export function subjectRoleOf(person: Person): SubjectRole {
  const has = (roles: string[]) => person.roles.some((role) => roles.includes(role));
  if (person.roles.includes('chief-executive')) return 'chief-executive';
  if (person.roles.includes('chair')) return 'chair';
  if (person.roles.includes('group-leader')) return 'group-leader';
  if (has(MEMBER_ROLES)) return 'member';
  if (has(CHIEF_OFFICER_ROLES)) return 'chief-officer';
  return 'officer';
}

/** True for a councillor (any member role), false for an officer. */
export function isCouncillor(person: Person): boolean {
  const role = subjectRoleOf(person);
  return role === 'member' || role === 'group-leader' || role === 'chair';
}
