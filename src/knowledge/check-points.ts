import type { CouncilKnowledge } from './council-knowledge';
import type { Topic } from './schemas/topic-taxonomy-schema';
import { formatDataPath, type KbProblem, type YamlDataFile } from './yaml-data-file';

/**
 * Checks what the points schema cannot: ids unique in the file, topics in the taxonomy, clauses in the council's
 * clauses.yaml, and no two points giving the same answer (so two questions answered by different points never
 * read the same lead).
 */
export function checkPointReferences(council: CouncilKnowledge, taxonomy: readonly Topic[], file: YamlDataFile, problems: KbProblem[]): void {
  const report = (path: PropertyKey[], message: string) => problems.push({ file: file.file, path: formatDataPath(path), line: file.lineOf(path), message });
  const topics = new Set(taxonomy.map((topic) => topic.id));
  const firstById = new Map<string, number>();
  const answered = new Map<string, string>();
  council.points.forEach((point, index) => {
    const at = ['points', index];
    const first = firstById.get(point.id);
    if (first !== undefined) report([...at, 'id'], `duplicate point id "${point.id}" (first at points[${first}])`);
    else firstById.set(point.id, index);
    if (!topics.has(point.topic)) report([...at, 'topic'], `unknown topic "${point.topic}"; topics are listed in protocol-data/topics.yaml`);
    point.clauses.forEach((id, clauseIndex) => {
      if (!council.clauseById.has(id)) report([...at, 'clauses', clauseIndex], `unknown clause "${id}"`);
    });
    const wordings: Array<[PropertyKey[], string | undefined]> = [
      [[...at, 'answer'], point.answer],
      [[...at, 'answers', 'member'], point.answers?.member],
      [[...at, 'answers', 'officer'], point.answers?.officer],
    ];
    const own = new Set<string>();
    for (const [path, text] of wordings) {
      if (text === undefined || own.has(text)) continue;
      own.add(text);
      const other = answered.get(text);
      if (other !== undefined) report(path, `same answer as point "${other}": two points never give the same answer`);
      else answered.set(text, point.id);
    }
  });
}
