import type { CouncilProfile } from '../knowledge/schemas/council-profile-schema';
import type { SubjectRole } from '../knowledge/schemas/identifiers';

/** A role named in a message, where it stands, and whether the wording marks it as whom the message is about. */
export interface RoleMention {
  role: SubjectRole;
  phrase: string;
  index: number;
  /** Follows "about", "against", "concerning" …: the person complained about. */
  isSubject: boolean;
}

/** Words for each subject role that hold at every council; council aliases are added per council. */
const COMMON_PHRASES: ReadonlyArray<readonly [SubjectRole, readonly string[]]> = [
  ['chief-executive', ['chief executive', 'chief exec', 'ceo', 'head of paid service', 'head of the paid service', 'town clerk', 'the clerk', 'clerk']],
  [
    'group-leader',
    [
      'group leader',
      'leader of the group',
      'leader of my group',
      'leader of their group',
      'party leader',
      'leader of the opposition',
      'opposition leader',
      'leader of the council',
      'council leader',
      'the leader',
    ],
  ],
  ['chair', ['chairman of the council', 'chair of the council', 'chairman', 'chairwoman', 'chairperson', 'the chair', 'committee chair', 'chair of the committee', 'mayor']],
  [
    'chief-officer',
    ['chief officer', 'executive director', 'strategic director', 'corporate director', 'executive head', 'head of service', 'assistant director', 'director', 'rfo', 'responsible financial officer'],
  ],
  [
    'officer',
    [
      'junior officer',
      'junior member of staff',
      'member of staff',
      'members of staff',
      'staff member',
      'their staff',
      'his staff',
      'her staff',
      'employee',
      'officer',
      'staff',
      'colleague',
      'case worker',
      'caseworker',
    ],
  ],
  ['member', ['portfolio holder', 'cabinet member', 'councillor', 'cllr', 'ward member', 'elected member', 'member']],
];

const SUBJECT_CUE =
  /\b(about|against|concerning|regarding|re|by|from|of)\s+(?:(?:the way|how|the behaviou?r of|the conduct of|the attitude of)\s+)?(?:(?:a|an|the|my|our|one|of|their|his|her|its|this|that)\s+){0,4}$/;

/**
 * "About" or "of" that does not name whom a complaint is about: "in front of colleagues" is where it happened, and
 * "a comment about my colleague" is what was said; the one who did it is the subject ("a councillor made a nasty
 * comment about my colleague" is a complaint about the councillor).
 */
const NOT_SUBJECT_CUE =
  /\b(?:front|comments?|remarks?|jokes?|things|something|lies|rumou?rs?|gossip)\s+(?:about|of|regarding|concerning|re)\s+(?:(?:a|an|the|my|our|one|of|their|his|her|its|this|that)\s+){0,4}$/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Phrases for each role at one council: its own titles and aliases first, then the common words. */
export function rolePhrases(profile: CouncilProfile | undefined): Array<[SubjectRole, string[]]> {
  const subjectRoles = new Set<string>(COMMON_PHRASES.map(([role]) => role));
  const own = new Map<SubjectRole, string[]>();
  for (const [key, role] of Object.entries(profile?.roles ?? {})) {
    if (!subjectRoles.has(key) || key === 'member' || key === 'officer') continue;
    const names = [role.title, ...role.aliases].map((name) =>
      name
        .toLowerCase()
        .replace(/\s*\(.*?\)\s*/g, ' ')
        .trim(),
    );
    own.set(
      key as SubjectRole,
      names.filter((name) => name.length > 2),
    );
  }
  return COMMON_PHRASES.map(([role, phrases]) => [role, [...(own.get(role) ?? []), ...phrases]]);
}

/** One pattern matching every role phrase of a council, longest first, and the role of each phrase. */
interface RolePattern {
  pattern: RegExp;
  roleOf: Map<string, SubjectRole>;
}

const patterns = new WeakMap<CouncilProfile, RolePattern>();
let commonPattern: RolePattern | undefined;

/** Builds (once per council profile) the pattern that finds its role phrases. */
function rolePattern(profile: CouncilProfile | undefined): RolePattern {
  const cached = profile ? patterns.get(profile) : commonPattern;
  if (cached) return cached;
  const roleOf = new Map<string, SubjectRole>();
  for (const [role, phrases] of rolePhrases(profile)) for (const phrase of phrases) if (!roleOf.has(phrase)) roleOf.set(phrase, role);
  // At each position the first alternative that matches wins, so longer phrases go first ("junior officer" over "officer").
  const alternatives = [...roleOf.keys()].sort((a, b) => b.length - a.length).map(escape);
  const built = { pattern: new RegExp(`(?<![a-z])(${alternatives.join('|')})s?(?![a-z])`, 'g'), roleOf };
  if (profile) patterns.set(profile, built);
  else commonPattern = built;
  return built;
}

/**
 * Finds the roles a message names ("about the Town Clerk", "a director", "the party group leader").
 * Longer phrases win over the shorter ones inside them ("junior officer" over "officer").
 */
export function findRoleMentions(text: string, profile?: CouncilProfile): RoleMention[] {
  const lower = ` ${text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')} `;
  const { pattern, roleOf } = rolePattern(profile);
  const mentions: RoleMention[] = [];
  for (const match of lower.matchAll(pattern)) {
    const phrase = match[1] ?? '';
    const start = match.index ?? 0;
    const before = lower.slice(Math.max(0, start - 40), start);
    mentions.push({ role: roleOf.get(phrase) as SubjectRole, phrase, index: start, isSubject: SUBJECT_CUE.test(before) && !NOT_SUBJECT_CUE.test(before) });
  }
  return mentions;
}

/**
 * The role a complaint is about: a role marked as the subject, else the most senior role named, else none.
 * `I'm an officer` style self-descriptions are ignored by skipping roles right after "I am"/"I'm"/"as an".
 */
export function complaintSubject(text: string, profile?: CouncilProfile): SubjectRole | undefined {
  const lower = ` ${text.toLowerCase()} `;
  const mentions = findRoleMentions(text, profile).filter((mention) => !/\b(i am|i'm|im|as)\s+(a|an|the)?\s*(junior\s+)?$/.test(lower.slice(Math.max(0, mention.index - 16), mention.index + 1)));
  const subject = mentions.filter((mention) => mention.isSubject).pop();
  if (subject) return subject.role;
  const seniority: SubjectRole[] = ['chief-executive', 'chair', 'group-leader', 'chief-officer', 'member', 'officer'];
  for (const role of seniority) if (mentions.some((mention) => mention.role === role)) return role;
  return undefined;
}
