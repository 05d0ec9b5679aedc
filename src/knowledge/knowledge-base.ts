import { AppError } from '../errors/app-error';
import type { CouncilKnowledge } from './council-knowledge';
import type { Topic } from './schemas/topic-taxonomy-schema';
import type { Synonym, Vocabulary } from './schemas/vocabulary-schema';

/** The validated knowledge base: the topic taxonomy and every council's protocol data. */
export class KnowledgeBase {
  readonly topics: readonly Topic[];
  private readonly councilsById: ReadonlyMap<string, CouncilKnowledge>;
  private readonly topicsById: ReadonlyMap<string, Topic>;

  constructor(
    topics: readonly Topic[],
    councils: readonly CouncilKnowledge[],
    /** How people write the posts and things the protocols name (`vocabulary.yaml`). */
    readonly vocabulary: Vocabulary = { everywhere: [], councils: {} },
  ) {
    this.topics = topics;
    // the first of any repeated id, as a search of the list would find (the loader refuses repeats anyway)
    this.topicsById = new Map([...topics].reverse().map((topic) => [topic.id, topic]));
    this.councilsById = new Map(councils.map((council) => [council.profile.id, council]));
  }

  /** Council ids in a stable order. */
  councilIds(): string[] {
    return [...this.councilsById.keys()];
  }

  /** Every council, in the order of `councilIds()`. */
  councils(): CouncilKnowledge[] {
    return [...this.councilsById.values()];
  }

  /** True when the council id is loaded. */
  hasCouncil(id: string): boolean {
    return this.councilsById.has(id);
  }

  /** One council's knowledge; an unknown id is an `unknown_council` error that lists the known ones. */
  council(id: string): CouncilKnowledge {
    const council = this.councilsById.get(id);
    if (!council) {
      throw new AppError('unknown_council', `unknown council "${id}"; known councils: ${this.councilIds().join(', ')}`);
    }
    return council;
  }

  /** The synonyms that apply at a council: its own first (they are more specific), then everyone's. */
  synonymsFor(councilId: string): readonly Synonym[] {
    // An own key only: a council id from a request ("constructor") must not reach Object's prototype.
    const own = Object.hasOwn(this.vocabulary.councils, councilId) ? this.vocabulary.councils[councilId] : undefined;
    return [...(own ?? []), ...this.vocabulary.everywhere];
  }

  /** A topic of the taxonomy by id, or undefined. */
  topic(id: string): Topic | undefined {
    return this.topicsById.get(id);
  }
}
