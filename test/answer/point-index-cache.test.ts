import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PointIndex } from '../../src/answer/point-index';
import { PointIndexCache } from '../../src/answer/point-index-cache';
import { loadEvalSet } from '../../src/evaluation/eval-set';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { ROOT } from '../support/built-entry-points';
import { copyKnowledgeBase, editYaml, PROTOCOL_DATA_DIR } from '../support/knowledge-base-fixture';

/** The point indexes of a knowledge base, saved as `npm run build` saves them into a fresh file, and loaded back. */
function savedAndLoaded(dir: string): PointIndexCache {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'point-indexes-')), 'point-indexes.json');
  expect(PointIndexCache.save(file, loadKnowledgeBase(dir).councils())).toBe(5);
  const cache = PointIndexCache.load(file);
  if (!cache) throw new Error('the cache just saved could not be loaded');
  return cache;
}

describe('the point indexes saved at build time', () => {
  it('rank every held-out question exactly as indexes built from the data do', () => {
    const cache = savedAndLoaded(PROTOCOL_DATA_DIR);
    const kb = loadKnowledgeBase(PROTOCOL_DATA_DIR);
    const { inScope } = loadEvalSet(path.join(ROOT, 'test/eval/held-out-questions.jsonl'), path.join(ROOT, 'test/eval/out-of-scope-questions.jsonl'));
    const every = new Map(kb.topics.map((topic) => [topic.id, 1]));
    for (const council of kb.councils()) {
      const saved = cache.savedFor(council);
      expect(saved).toBeDefined();
      const loaded = new PointIndex(council, saved);
      const built = new PointIndex(council);
      for (const q of inScope.filter((question) => question.council === council.profile.id)) {
        // a typo the index does not hold goes through prefix and fuzzy matching in both
        const question = `${q.question} complian`;
        expect(loaded.rank(question, every, q.role).map(({ point, score }) => [point.id, score])).toEqual(built.rank(question, every, q.role).map(({ point, score }) => [point.id, score]));
      }
    }
  });

  it('has no index for a council whose points changed since, so it is indexed afresh', () => {
    const dir = copyKnowledgeBase();
    const cache = savedAndLoaded(dir);
    editYaml(dir, 'lydney/points.yaml', (data) => {
      data.points[0].questions.push('who looks after the protocol at the town council?');
    });
    const kb = loadKnowledgeBase(dir);
    expect(cache.savedFor(kb.council('lydney'))).toBeUndefined();
    expect(cache.savedFor(kb.council('rushcliffe'))).toBeDefined();
  });

  it('is ignored when missing or unreadable', () => {
    expect(PointIndexCache.load(path.join(tmpdir(), 'no-such-point-indexes.json'))).toBeNull();
  });
});
