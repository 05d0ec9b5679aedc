import { z } from 'zod';

/** Ids of councils, topics and roles: lower-case words joined by hyphens (`london-councils`). */
export const kebabId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, like "chief-officer"');

/** A role key as used in a council profile (`chief-executive`, `monitoring-officer`). */
export const roleKey = kebabId;

/** A clause id as written in the council's clauses file (`8.4`, `4.3(d)`, `casework-councillors.2`). */
export const clauseId = z.string().min(1, 'must not be empty');

/** Non-empty prose written by us (guidance, notes). */
export const prose = z.string().trim().min(1, 'must not be empty');

/** Who can ask the bot and open complaints (CONTRACTS.md "Roles"). */
export const ASKER_ROLES = ['member', 'officer'] as const;
export type AskerRole = (typeof ASKER_ROLES)[number];
export const askerRole = z.enum(ASKER_ROLES);

/** Whom a complaint can be about (CONTRACTS.md "Roles"). */
export const SUBJECT_ROLES = ['officer', 'chief-officer', 'chief-executive', 'member', 'group-leader', 'chair'] as const;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];
export const subjectRole = z.enum(SUBJECT_ROLES);

/** Roles every council profile must give its own title for, so every route and answer can name them. */
export const REQUIRED_PROFILE_ROLES: readonly string[] = [...new Set<string>([...ASKER_ROLES, ...SUBJECT_ROLES])];
