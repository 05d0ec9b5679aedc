import { extractFeatures } from './feature-extractor';
import { words } from './tokenise';
import { FeatureIndex } from './feature-index';
import { NearestNeighbours, type ExampleFeatures } from './nearest-neighbours';
import type { IntentExamples, IntentKind } from './intent-corpus';
import { DEFAULT_TRAINING, trainSoftmax, type SoftmaxTrainingOptions, type SoftmaxWeights } from './softmax-model';

/** One intent with its calibrated probability. */
export interface ScoredIntent {
  intent: string;
  kind: IntentKind;
  confidence: number;
}

/**
 * The logistic model as a question reads it: weights feature by feature (`[f * classCount + c]`), so one question
 * reads a few rows. Training produces them class by class; they are reordered once, and stored in this order.
 *
 * Each weight is kept as a 16-bit multiple of `weightScale` (the largest weight over 32,767): half the memory of
 * 32-bit floats, so a question's rows are fewer cache lines to fetch, and a row sum is an exact integer sum. The
 * rounding moved no held-out question's ranking and no probability by more than 6e-5 (measured when it was made).
 */
interface FeatureMajorModel {
  classCount: number;
  featureCount: number;
  weightsByFeature: Int16Array;
  weightScale: number;
  bias: Float32Array;
  temperature: number;
}

/** Largest magnitude of a 16-bit weight. */
const WEIGHT_STEPS = 32_767;

/** Reorders trained weights (`[c * featureCount + f]`) feature by feature, as multiples of one scale. */
function byFeature(model: SoftmaxWeights): FeatureMajorModel {
  const { classCount, featureCount, weights } = model;
  let largest = 0;
  for (let i = 0; i < weights.length; i += 1) largest = Math.max(largest, Math.abs(weights[i] as number));
  const weightScale = largest > 0 ? largest / WEIGHT_STEPS : 1;
  const weightsByFeature = new Int16Array(weights.length);
  for (let c = 0; c < classCount; c += 1) {
    for (let f = 0; f < featureCount; f += 1) weightsByFeature[f * classCount + c] = Math.round((weights[c * featureCount + f] as number) / weightScale);
  }
  return { classCount, featureCount, weightsByFeature, weightScale, bias: model.bias, temperature: model.temperature };
}

/** The stored form of a trained classifier (JSON-friendly). */
export interface SerialisedClassifier {
  version: 5;
  fingerprint: string;
  intents: { id: string; kind: IntentKind }[];
  vocabulary: string[];
  classCount: number;
  bias: number[];
  temperature: number;
  /**
   * Every weight, feature by feature (`[f * classCount + c]`, the order questions read them in), as base64 of
   * little-endian 16-bit integers, multiples of `weightScale`: one string parses in a fraction of the time and
   * memory that a JSON array of a million numbers takes, and start-up need not reorder them.
   */
  weights: string;
  weightScale: number;
  /** Training examples as [classIndex, utterance], for the nearest-neighbour vote. */
  examples: Array<[number, string]>;
  /**
   * Each example's voting feature ids, as base64 of little-endian 32-bit integers: example `i` has
   * `ids[offsets[i] .. offsets[i + 1])`. Saved so that start-up need not tokenise and stem every example again
   * (about 150 ms of a start-up of a second).
   */
  neighbourFeatures: { offsets: string; ids: string };
}

type SavedArray = Int16Array | Int32Array;

/** Little-endian 16- or 32-bit integers from base64, through one aligned copy (not a read per value). */
function decodeBase64<T extends SavedArray>(base64: string, make: (buffer: ArrayBuffer) => T, bytesPerValue: 2 | 4): T {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length % bytesPerValue !== 0) throw new Error('the saved model holds a truncated array');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  const values = make(copy.buffer);
  if (!LITTLE_ENDIAN) {
    const view = new DataView(copy.buffer);
    const out = make(new ArrayBuffer(bytes.length));
    for (let i = 0; i < out.length; i += 1) out[i] = bytesPerValue === 2 ? view.getInt16(i * 2, true) : view.getInt32(i * 4, true);
    return out;
  }
  return values;
}

/** Base64 of an array's values as little-endian integers of its own width. */
function encodeBase64(values: SavedArray): string {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
  const bytes = Buffer.alloc(values.byteLength);
  for (let i = 0; i < values.length; i += 1) {
    if (values instanceof Int16Array) bytes.writeInt16LE(values[i] as number, i * 2);
    else bytes.writeInt32LE(values[i] as number, i * 4);
  }
  return bytes.toString('base64');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Whether saved example features are whole: offsets from 0 to the end of `ids`, never falling; known feature ids. */
function isExampleTable(offsets: Int32Array, ids: Int32Array, exampleCount: number, featureCount: number): boolean {
  if (offsets.length !== exampleCount + 1 || offsets[0] !== 0 || offsets[exampleCount] !== ids.length) return false;
  for (let i = 0; i < exampleCount; i += 1) if ((offsets[i + 1] as number) < (offsets[i] as number)) return false;
  for (let p = 0; p < ids.length; p += 1) if ((ids[p] as number) < 0 || (ids[p] as number) >= featureCount) return false;
  return true;
}

/** How many neighbours vote, and how much their vote weighs against the logistic model (chosen by 5-fold CV). */
export const NEIGHBOURS = { k: 10, weight: 0.5 };

/** Classifies messages into intents; every score is a probability and all scores sum to 1. */
export class IntentClassifier {
  private readonly featureIndex: FeatureIndex;
  private readonly neighbours: NearestNeighbours;
  /** Each example's feature ids that take part in the neighbour vote (saved with the model). */
  private readonly neighbourFeatures: ExampleFeatures;
  private readonly outIndex: number;
  /** Scratch for one question's logistic probabilities and blended scores (Node answers one at a time). */
  private readonly logistic: Float64Array;
  private readonly blended: Float64Array;

  private constructor(
    private readonly intents: readonly { id: string; kind: IntentKind }[],
    private readonly vocabulary: readonly string[],
    private readonly model: FeatureMajorModel,
    readonly fingerprint: string,
    private readonly examples: ReadonlyArray<[number, string]>,
    neighbourFeatures?: ExampleFeatures,
  ) {
    this.featureIndex = new FeatureIndex(vocabulary);
    this.logistic = new Float64Array(intents.length);
    this.blended = new Float64Array(intents.length);
    this.neighbourFeatures = neighbourFeatures ?? this.exampleFeatures();
    this.neighbours = new NearestNeighbours(
      Int32Array.from(examples, ([label]) => label),
      this.neighbourFeatures,
      intents.length,
      vocabulary.length,
    );
    this.outIndex = intents.findIndex((intent) => intent.kind === 'out-of-scope');
  }

  /**
   * Each training example's feature ids that take part in the neighbour vote: its words and word pairs, as the
   * feature index lists them apart (letter n-grams help the logistic model with typos but blur neighbours).
   */
  private exampleFeatures(): ExampleFeatures {
    const offsets = new Int32Array(this.examples.length + 1);
    const ids: number[] = [];
    this.examples.forEach(([, utterance], i) => {
      const features = this.featureIndex.read(utterance);
      for (let v = 0; v < features.voterCount; v += 1) ids.push(features.voters[v] as number);
      offsets[i + 1] = ids.length;
    });
    return { offsets, ids: Int32Array.from(ids) };
  }

  /** Softmax probabilities of the logistic model for a message's feature ids `features[0 .. n)` (into reused scratch space). */
  private probabilities(features: Int32Array, n: number): Float64Array {
    const { classCount, bias, temperature, weightScale, weightsByFeature: weights } = this.model;
    const out = this.logistic;
    out.fill(0);
    // Every feature has the same value (1/√n), so the weights are summed first (whole multiples of the weight scale,
    // exactly) and scaled once; eight rows at a time, then four, then one: the fewer loads and stores of the running
    // sums, the faster (eight rather than four took a fifth off this loop, the largest part of a question's time).
    let i = 0;
    for (; i + 7 < n; i += 8) {
      const a = (features[i] as number) * classCount;
      const b = (features[i + 1] as number) * classCount;
      const d = (features[i + 2] as number) * classCount;
      const e = (features[i + 3] as number) * classCount;
      const g = (features[i + 4] as number) * classCount;
      const h = (features[i + 5] as number) * classCount;
      const j = (features[i + 6] as number) * classCount;
      const l = (features[i + 7] as number) * classCount;
      for (let c = 0; c < classCount; c += 1) {
        const first = (weights[a + c] as number) + (weights[b + c] as number) + ((weights[d + c] as number) + (weights[e + c] as number));
        const second = (weights[g + c] as number) + (weights[h + c] as number) + ((weights[j + c] as number) + (weights[l + c] as number));
        out[c] = (out[c] as number) + (first + second);
      }
    }
    for (; i + 3 < n; i += 4) {
      const a = (features[i] as number) * classCount;
      const b = (features[i + 1] as number) * classCount;
      const d = (features[i + 2] as number) * classCount;
      const e = (features[i + 3] as number) * classCount;
      for (let c = 0; c < classCount; c += 1) {
        out[c] = (out[c] as number) + (weights[a + c] as number) + (weights[b + c] as number) + (weights[d + c] as number) + (weights[e + c] as number);
      }
    }
    for (; i < n; i += 1) {
      const row = (features[i] as number) * classCount;
      for (let c = 0; c < classCount; c += 1) out[c] = (out[c] as number) + (weights[row + c] as number);
    }
    const value = n === 0 ? 0 : weightScale / Math.sqrt(n);
    let max = -Infinity;
    for (let c = 0; c < classCount; c += 1) {
      out[c] = ((bias[c] as number) + (out[c] as number) * value) / temperature;
      if ((out[c] as number) > max) max = out[c] as number;
    }
    let total = 0;
    for (let c = 0; c < classCount; c += 1) {
      out[c] = Math.exp((out[c] as number) - max);
      total += out[c] as number;
    }
    for (let c = 0; c < classCount; c += 1) out[c] = (out[c] as number) / total;
    return out;
  }

  /** Trains on a corpus of intents; deterministic for the same corpus and options. */
  static train(corpus: readonly IntentExamples[], fingerprint: string, options: SoftmaxTrainingOptions = DEFAULT_TRAINING): IntentClassifier {
    const vocabulary: string[] = [];
    const index = new Map<string, number>();
    const examples = corpus.flatMap((intent, label) =>
      intent.utterances.map((utterance) => ({
        label,
        features: extractFeatures(utterance).map((feature) => {
          let id = index.get(feature);
          if (id === undefined) {
            id = vocabulary.length;
            vocabulary.push(feature);
            index.set(feature, id);
          }
          return id;
        }),
      })),
    );
    const model = byFeature(trainSoftmax(examples, corpus.length, vocabulary.length, options));
    const utterances = corpus.flatMap((intent, label) => intent.utterances.map((utterance): [number, string] => [label, utterance]));
    return new IntentClassifier(
      corpus.map((intent) => ({ id: intent.intent, kind: intent.kind })),
      vocabulary,
      model,
      fingerprint,
      utterances,
    );
  }

  /** Rebuilds a classifier saved with `serialise()`. */
  static deserialise(data: SerialisedClassifier): IntentClassifier {
    const featureCount = data.vocabulary.length;
    if (data.version !== 5) throw new Error(`the saved model is format ${String(data.version)}, not 5`);
    const weightsByFeature = decodeBase64(data.weights, (buffer) => new Int16Array(buffer), 2);
    if (weightsByFeature.length !== data.classCount * featureCount) throw new Error('the saved model does not match its vocabulary');
    if (!(data.weightScale > 0 && Number.isFinite(data.weightScale))) throw new Error('the saved model has no weight scale');
    const offsets = decodeBase64(data.neighbourFeatures.offsets, (buffer) => new Int32Array(buffer), 4);
    const ids = decodeBase64(data.neighbourFeatures.ids, (buffer) => new Int32Array(buffer), 4);
    if (!isExampleTable(offsets, ids, data.examples.length, featureCount)) throw new Error('the saved model does not match its examples');
    const model: FeatureMajorModel = {
      classCount: data.classCount,
      featureCount,
      weightsByFeature,
      weightScale: data.weightScale,
      bias: Float32Array.from(data.bias),
      temperature: data.temperature,
    };
    return new IntentClassifier(data.intents, data.vocabulary, model, data.fingerprint, data.examples, { offsets, ids });
  }

  /** A JSON-friendly copy of the trained classifier. */
  serialise(): SerialisedClassifier {
    const { classCount, weightsByFeature, weightScale } = this.model;
    const { offsets, ids } = this.neighbourFeatures;
    return {
      version: 5,
      fingerprint: this.fingerprint,
      intents: [...this.intents],
      vocabulary: [...this.vocabulary],
      classCount,
      bias: Array.from(this.model.bias),
      temperature: this.model.temperature,
      weights: encodeBase64(weightsByFeature),
      weightScale,
      examples: [...this.examples],
      neighbourFeatures: { offsets: encodeBase64(offsets), ids: encodeBase64(ids) },
    };
  }

  /** How often each word occurs in the training utterances (as `words` reads them): the vocabulary it learnt. */
  trainingWordCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [, text] of this.examples) for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  }

  /** The intent ids the classifier knows, with their kinds. */
  knownIntents(): readonly { id: string; kind: IntentKind }[] {
    return this.intents;
  }

  /**
   * Intents with their probabilities, best first (all of them, or the best `limit`): the logistic model's
   * probabilities blended with the neighbours' vote. Both are distributions over the intents, so the blend is
   * one too (it sums to 1).
   */
  rank(text: string, limit = Number.POSITIVE_INFINITY): ScoredIntent[] {
    const features = this.featureIndex.read(text);
    const probabilities = this.probabilities(features.ids, features.count);
    // Examples vote by words and word pairs only (letter n-grams have no postings), so only those are looked up.
    const votes = this.neighbours.vote(features.voters, features.voterCount, NEIGHBOURS.k);
    const voted = votes.some((v) => v > 0);
    const w = voted ? NEIGHBOURS.weight : 0;
    // "Out of scope" stays the logistic model's call: its examples are too varied for neighbours to vote on.
    const outIndex = this.outIndex;
    const pOut = outIndex < 0 ? 0 : (probabilities[outIndex] as number);
    const inScopeVotes = outIndex < 0 ? 1 : 1 - (votes[outIndex] as number);
    const scores = this.blended;
    for (let c = 0; c < scores.length; c += 1) {
      if (c === outIndex) {
        scores[c] = pOut;
        continue;
      }
      const lr = pOut < 1 ? (probabilities[c] as number) / (1 - pOut) : 0;
      const knn = inScopeVotes > 0 ? (votes[c] as number) / inScopeVotes : 0;
      scores[c] = (1 - pOut) * ((1 - w) * lr + w * knn);
    }
    return this.best(scores, Math.min(limit, scores.length));
  }

  /** The `count` best-scored intents, best first (ties keep the intents' order). */
  private best(scores: Float64Array, count: number): ScoredIntent[] {
    const order: number[] = [];
    if (count <= 0) return [];
    for (let c = 0; c < scores.length; c += 1) {
      const score = scores[c] as number;
      if (order.length === count && score <= (scores[order[count - 1] as number] as number)) continue;
      let at = order.length === count ? count - 1 : order.length;
      while (at > 0 && score > (scores[order[at - 1] as number] as number)) {
        order[at] = order[at - 1] as number;
        at -= 1;
      }
      order[at] = c;
    }
    return order.map((c) => {
      const intent = this.intents[c] as { id: string; kind: IntentKind };
      return { intent: intent.id, kind: intent.kind, confidence: scores[c] as number };
    });
  }
}
