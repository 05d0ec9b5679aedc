import path from 'node:path';
import { projectRoot } from '../src/app/project-root';
import { loadOrTrainClassifier } from '../src/nlu/load-classifier';

// Part of `npm run build`: trains the classifier on intents/ once, into dist/, so that start-up only loads it
// (a start-up after intents/ changed without a rebuild trains again and caches the model in DATA_DIR).
const root = projectRoot();
const result = loadOrTrainClassifier(path.join(root, 'intents'), path.join(root, 'dist', 'model'));
process.stdout.write(`model ${result.fromCache ? 'already built' : `trained in ${result.milliseconds} ms`}: ${result.cacheFile ?? ''}\n`);
