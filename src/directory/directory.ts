import { AppError } from '../errors/app-error';
import type { DirectoryData, HrContact, Person } from './directory-schema';

/** Department and group names match whatever their case and spacing ("services" is "Services"). */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The people of each council, by role; routes resolve roles to people through it. */
export class Directory {
  constructor(private readonly data: DirectoryData) {}

  /**
   * A council's entry, looked up as the directory's own key only: a council id from a request ("__proto__",
   * "constructor", "toString") must never reach Object's prototype.
   */
  private entry(council: string): DirectoryData['councils'][string] | undefined {
    return Object.hasOwn(this.data.councils, council) ? this.data.councils[council] : undefined;
  }

  /** Councils the directory has people for. */
  councilIds(): string[] {
    return Object.keys(this.data.councils);
  }

  /** A person by id at a council, or undefined. */
  person(council: string, id: string): Person | undefined {
    return this.entry(council)?.people.find((p) => p.id === id);
  }

  /** Everyone the directory lists at a council. */
  holdersOfAny(council: string): Person[] {
    return [...(this.entry(council)?.people ?? [])];
  }

  /** Everyone at a council holding a role; for department-bound roles, those of the department first. */
  holders(council: string, role: string, department?: string): Person[] {
    const people = (this.entry(council)?.people ?? []).filter((p) => p.roles.includes(role));
    if (!department) return people;
    const inDepartment = people.filter((p) => sameName(p.department, department));
    return inDepartment.length > 0 ? inDepartment : people;
  }

  /** The departments the directory lists at a council, as it spells them. */
  departments(council: string): string[] {
    return [...new Set((this.entry(council)?.people ?? []).flatMap((p) => (p.department ? [p.department] : [])))].sort();
  }

  /** The HR contact of a council; a council without one is a configuration error. */
  hr(council: string): HrContact {
    const entry = this.entry(council);
    if (!entry) throw new AppError('directory_invalid', `the directory has no entry for council "${council}"`);
    return entry.hr;
  }

  /**
   * The person a web sign-in names: by their identity provider id first (stable), else by email (whatever its case).
   * Two people sharing an email match no one, so a sign-in never picks between them.
   */
  findBySignIn(council: string, claims: { oid?: string; email?: string }): Person | undefined {
    const people = this.data.councils[council]?.people ?? [];
    if (claims.oid !== undefined) {
      const byOid = people.find((p) => p.oid === claims.oid);
      if (byOid) return byOid;
    }
    if (claims.email === undefined) return undefined;
    const email = claims.email.trim().toLowerCase();
    const byEmail = people.filter((p) => p.email?.toLowerCase() === email && p.oid === undefined);
    return byEmail.length === 1 ? byEmail[0] : undefined;
  }

  /** Finds a person by a channel identity (Slack or Teams user id, or email). */
  findByIdentity(council: string, identity: { slackUserId?: string; teamsUserId?: string; email?: string }): Person | undefined {
    return this.entry(council)?.people.find(
      (p) =>
        (identity.slackUserId !== undefined && p.slackUserId === identity.slackUserId) ||
        (identity.teamsUserId !== undefined && p.teamsUserId === identity.teamsUserId) ||
        (identity.email !== undefined && p.email === identity.email),
    );
  }
}
