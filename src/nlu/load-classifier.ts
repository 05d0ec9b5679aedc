import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { IntentClassifier, type SerialisedClassifier } from './intent-classifier';
import { intentCorpusFingerprint, loadIntentCorpus } from './intent-corpus';

/**
 * Bumped whenever features or training change, so a cached model from older code is never reused.
 * The cache key is this plus a hash of every file in intents/.
 */
export const MODEL_VERSION = 'softmax-knn-v9';

/** A model's file is named by the fingerprint of the code and intents it was trained on. */
const MODEL_FILE_PREFIX = 'nlu-model-';
const isModelFile = (name: string) => name.startsWith(MODEL_FILE_PREFIX) && name.endsWith('.json');

/**
 * Removes the models an earlier intents/ or code left in the cache folder (7.5 MB each): only the one just
 * written can be used again, so each change to intents/ would otherwise leave another behind for good.
 */
function removeSupersededModels(cacheDir: string, keep: string): void {
  for (const name of readdirSync(cacheDir)) if (name !== keep && isModelFile(name)) rmSync(path.join(cacheDir, name), { force: true });
}

/** How the classifier was obtained, for logs and `/readyz`. */
export interface ClassifierSource {
  classifier: IntentClassifier;
  fromCache: boolean;
  cacheFile: string | null;
  milliseconds: number;
}

/**
 * Loads the cached model for the current intents/ if there is one, else trains and caches it. Training is
 * deterministic, so a cache miss costs time only. `cacheDir` null trains every time.
 */
export function loadOrTrainClassifier(intentsDir: string, cacheDir: string | null, now: () => number = Date.now, prebuiltDir?: string): ClassifierSource {
  const started = now();
  // The files are hashed, not parsed, to find a model: parsing and checking 4,000 utterances is for training.
  const fingerprint = `${MODEL_VERSION}-${intentCorpusFingerprint(intentsDir)}`;
  const fileName = `${MODEL_FILE_PREFIX}${fingerprint}.json`;
  // The model `npm run build` trained, when it matches intents/ as they are now.
  const prebuilt = prebuiltDir ? path.join(prebuiltDir, fileName) : null;
  const cacheFile = prebuilt && existsSync(prebuilt) ? prebuilt : cacheDir ? path.join(cacheDir, fileName) : null;
  if (cacheFile && existsSync(cacheFile)) {
    try {
      const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as SerialisedClassifier;
      if (data.fingerprint === fingerprint) {
        return { classifier: IntentClassifier.deserialise(data), fromCache: true, cacheFile, milliseconds: now() - started };
      }
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const corpus = loadIntentCorpus(intentsDir);
  const classifier = IntentClassifier.train(corpus.intents, `${MODEL_VERSION}-${corpus.fingerprint}`);
  if (cacheFile && cacheDir && cacheFile !== prebuilt) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(classifier.serialise()));
      renameSync(temporary, cacheFile);
      removeSupersededModels(cacheDir, path.basename(cacheFile));
    } catch {
      // A read-only data folder only costs the next start-up a retrain.
    }
  }
  return { classifier, fromCache: false, cacheFile, milliseconds: now() - started };
}
