import { seededRandom, shuffled } from './seeded-random';

// Bound once: the training loop calls sqrt hundreds of millions of times, and under jest (a vm context) every
// `Math.…` is a global lookup through the context, which made training there twelve times slower than in Node.
const { sqrt, exp } = Math;

/** One training example: the indices of its active features and its class index. */
export interface SparseExample {
  features: readonly number[];
  label: number;
}

/** Training settings; the defaults were chosen by cross-validation over intents/ (see `npm run eval`). */
export interface SoftmaxTrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAINING: SoftmaxTrainingOptions = { epochs: 40, learningRate: 0.3, l2: 1e-5, seed: 7 };

/** The learnt weights: `weights[c * featureCount + f]` and one bias per class. */
export interface SoftmaxWeights {
  classCount: number;
  featureCount: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Divides the scores before the softmax; fitted so confidences match observed accuracy. */
  temperature: number;
}

/**
 * Multinomial logistic regression over binary sparse features, scaled to unit length, trained with
 * Adagrad. Softmax outputs are probabilities in [0, 1] that sum to 1.
 */
export function trainSoftmax(examples: readonly SparseExample[], classCount: number, featureCount: number, options: SoftmaxTrainingOptions = DEFAULT_TRAINING): SoftmaxWeights {
  const weights = new Float32Array(classCount * featureCount);
  const bias = new Float32Array(classCount);
  const gradSquares = new Float32Array(classCount * featureCount).fill(1e-8);
  const biasSquares = new Float32Array(classCount).fill(1e-8);
  const random = seededRandom(options.seed);
  const scores = new Float64Array(classCount);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const example of shuffled(examples, random)) {
      const value = example.features.length === 0 ? 0 : 1 / sqrt(example.features.length);
      scoreInto(scores, weights, bias, featureCount, example.features, value, 1);
      for (let c = 0; c < classCount; c += 1) {
        const gradient = (scores[c] as number) - (c === example.label ? 1 : 0);
        biasSquares[c] = (biasSquares[c] as number) + gradient * gradient;
        bias[c] = (bias[c] as number) - (options.learningRate * gradient) / sqrt(biasSquares[c] as number);
        const row = c * featureCount;
        for (const f of example.features) {
          const index = row + f;
          const g = gradient * value + options.l2 * (weights[index] as number);
          gradSquares[index] = (gradSquares[index] as number) + g * g;
          weights[index] = (weights[index] as number) - (options.learningRate * g) / sqrt(gradSquares[index] as number);
        }
      }
    }
  }
  return { classCount, featureCount, weights, bias, temperature: 1 };
}

/** Writes softmax probabilities for the active features into `out`. */
export function scoreInto(out: Float64Array, weights: Float32Array, bias: Float32Array, featureCount: number, features: readonly number[], value: number, temperature: number): void {
  let max = -Infinity;
  for (let c = 0; c < out.length; c += 1) {
    let sum = bias[c] as number;
    const row = c * featureCount;
    for (const f of features) sum += (weights[row + f] as number) * value;
    sum /= temperature;
    out[c] = sum;
    if (sum > max) max = sum;
  }
  let total = 0;
  for (let c = 0; c < out.length; c += 1) {
    const e = exp((out[c] as number) - max);
    out[c] = e;
    total += e;
  }
  for (let c = 0; c < out.length; c += 1) out[c] = (out[c] as number) / total;
}

/** Class probabilities for one example under trained weights. */
export function predictSoftmax(model: SoftmaxWeights, features: readonly number[]): Float64Array {
  const out = new Float64Array(model.classCount);
  const value = features.length === 0 ? 0 : 1 / sqrt(features.length);
  scoreInto(out, model.weights, model.bias, model.featureCount, features, value, model.temperature);
  return out;
}
