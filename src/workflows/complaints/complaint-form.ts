import type { Directory } from '../../directory/directory';
import { subjectRoleOf } from '../../directory/subject-role-of';
import { AppError } from '../../errors/app-error';
import { titleOf } from '../../knowledge/council-knowledge';
import type { KnowledgeBase } from '../../knowledge/knowledge-base';
import { SUBJECT_ROLES, type SubjectRole } from '../../knowledge/schemas/identifiers';

/** One choice of "who is it about": a directory person, or someone not listed of a kind. */
export interface SubjectOption {
  value: string;
  label: string;
}

/** Choices under one of the council's titles ("Director", "Member"), or "Someone not listed". */
export interface SubjectGroup {
  title: string;
  options: SubjectOption[];
  /** True for the "someone not listed" choices (always the last group). */
  notListed: boolean;
}

/** What every channel's complaint form asks, built once from the directory and the council's titles. */
export interface ComplaintFormModel {
  council: string;
  subjects: SubjectGroup[];
  /** The directory's departments, for someone not listed (matched without regard to case). */
  departments: string[];
  limits: { description: number; triedInformally: number; desiredOutcome: number; name: number };
}

const NOT_LISTED = 'not-listed:';

/** The kinds of person, most senior first, as the form groups them. */
const ORDER: readonly SubjectRole[] = ['chief-executive', 'chief-officer', 'officer', 'chair', 'group-leader', 'member'];

/**
 * The complaint form for a complainant at a council: everyone else in the directory grouped by the council's
 * title for their kind of post, then "someone not listed" for each kind (such a complaint goes to the Monitoring
 * Officer, or the protocol's fallback, to place).
 */
export function complaintForm(kb: KnowledgeBase, directory: Directory, council: string, complainantId: string): ComplaintFormModel {
  const knowledge = kb.council(council);
  const people = directory.holdersOfAny(council).filter((p) => p.id !== complainantId);
  const subjects: SubjectGroup[] = ORDER.map((role) => ({
    title: titleOf(knowledge, role),
    options: people.filter((p) => subjectRoleOf(p) === role).map((p) => ({ value: p.id, label: p.department ? `${p.name} (${p.department})` : p.name })),
    notListed: false,
  })).filter((group) => group.options.length > 0);
  subjects.push({
    title: 'Someone not listed',
    options: SUBJECT_ROLES.map((role) => ({ value: `${NOT_LISTED}${role}`, label: `Someone not listed: ${notListedLabel(titleOf(knowledge, role))}` })),
    notListed: true,
  });
  return { council, subjects, departments: directory.departments(council), limits: { description: 10_000, triedInformally: 5_000, desiredOutcome: 5_000, name: 200 } };
}

function notListedLabel(title: string): string {
  return /^(the|a|an)\s/i.test(title) ? title : `${/^[aeiou]/i.test(title) ? 'an' : 'a'} ${title}`;
}

/**
 * Reads a form's "who is it about" value: a person id, or `not-listed:<role>`. A bare role (`officer`), as forms
 * sent before the subject became a person, means someone not listed of that kind: placed, never guessed.
 */
export function parseSubjectChoice(value: unknown): { personId?: string; role?: SubjectRole } {
  if (typeof value !== 'string' || value === '') return {};
  if ((SUBJECT_ROLES as readonly string[]).includes(value)) return { role: value as SubjectRole };
  if (!value.startsWith(NOT_LISTED)) return { personId: value };
  const role = value.slice(NOT_LISTED.length);
  if (!(SUBJECT_ROLES as readonly string[]).includes(role))
    throw new AppError('bad_request', `subject.personId: "${value.slice(0, 60)}" is not a choice of the form`, ['subject.personId: choose who it is about from the list']);
  return { role: role as SubjectRole };
}
