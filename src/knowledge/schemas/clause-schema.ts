import { z } from 'zod';
import { clauseId, prose } from './identifiers';

/** One paragraph or lettered item of a protocol, quoted word for word. */
export const clauseSchema = z
  .object({
    /** Unique within the council: `8.4`, `4.3(d)`, `13.p2`, `casework-councillors.1`. */
    id: clauseId,
    /** The paragraph number a citation shows (`13` for every paragraph of section 13); defaults to `id`. */
    section: z.string().min(1).optional(),
    /** The heading the clause sits under, in the protocol's own words. */
    title: prose,
    /** Headings from the top of the document down to this clause. */
    headingPath: z.array(prose).min(1, 'must name at least the heading the clause sits under'),
    /** The protocol's exact words (without its number or letter). */
    text: prose,
    /** True for introductions, purposes and review dates that no answer needs to rest on. */
    context: z.boolean().default(false),
  })
  .strict();

/** `protocol-data/<council>/clauses.yaml`. */
export const clausesFileSchema = z.object({ clauses: z.array(clauseSchema).min(1) }).strict();

export type Clause = z.infer<typeof clauseSchema> & { section: string };
