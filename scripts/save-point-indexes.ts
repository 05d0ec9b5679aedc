import { builtPointIndexFile } from '../src/app/build-answer-engine';
import { loadConfiguredKnowledgeBase } from '../src/app/load-configured-knowledge-base';
import { PointIndexCache } from '../src/answer/point-index-cache';

// Part of `npm run build`: indexes every council's points once, into dist/, so that start-up loads them (a council
// whose data changed after the build is indexed at start-up as before).
const kb = loadConfiguredKnowledgeBase({ KNOWLEDGE_BASE_DIR: undefined });
const saved = PointIndexCache.save(builtPointIndexFile(), kb.councils());
process.stdout.write(`point indexes saved: ${saved} councils -> ${builtPointIndexFile()}\n`);
