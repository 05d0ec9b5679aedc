/**
 * k-nearest-neighbour voting over the training utterances (TF-IDF, cosine), through an inverted index.
 * Long, situational questions often share a distinctive phrase with one training example more than with a
 * topic as a whole; the neighbours catch that, and the logistic model the broader vocabulary.
 */
export class NearestNeighbours {
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly idf = new Map<string, number>();
  private readonly labels: number[];
  /** Scratch space reused across calls (one request at a time: Node runs them on one thread). */
  private readonly similarity: Float64Array;
  private readonly touched: Int32Array;
  /** Features in more than this many examples carry little signal and cost the most: skipped. */
  private readonly commonLimit: number;

  constructor(examples: ReadonlyArray<{ label: number; features: readonly string[] }>, private readonly classCount: number) {
    const df = new Map<string, number>();
    for (const example of examples) for (const f of new Set(example.features)) df.set(f, (df.get(f) ?? 0) + 1);
    const n = examples.length;
    for (const [feature, count] of df) this.idf.set(feature, Math.log((n + 1) / (count + 1)) + 1);
    this.commonLimit = Math.max(20, Math.floor(n / 8));
    this.labels = examples.map((e) => e.label);
    this.similarity = new Float64Array(n);
    this.touched = new Int32Array(n);
    examples.forEach((example, index) => {
      for (const [feature, weight] of this.vector(example.features)) {
        let list = this.postings.get(feature);
        if (!list) this.postings.set(feature, (list = []));
        list.push([index, weight]);
      }
    });
  }

  private vector(features: readonly string[]): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const f of features) {
      const w = this.idf.get(f);
      if (w === undefined || v.has(f)) continue;
      v.set(f, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [f, w] of v) v.set(f, w / norm);
    return v;
  }

  /** Per-class share of the similarity of the `k` nearest examples (sums to 1, or all 0 if none is near). */
  vote(features: readonly string[], k: number): Float64Array {
    const { similarity, touched } = this;
    let count = 0;
    for (const [feature, weight] of this.vector(features)) {
      const list = this.postings.get(feature);
      if (!list || list.length > this.commonLimit) continue;
      for (const [index, w] of list) {
        if (similarity[index] === 0) touched[count++] = index;
        similarity[index] = (similarity[index] as number) + weight * w;
      }
    }
    // Top k by insertion: k is small, so this beats sorting every candidate.
    const bestIndex = new Int32Array(k).fill(-1);
    const bestScore = new Float64Array(k);
    for (let t = 0; t < count; t += 1) {
      const index = touched[t] as number;
      const score = similarity[index] as number;
      similarity[index] = 0;
      if (score <= (bestScore[k - 1] as number)) continue;
      let slot = k - 1;
      while (slot > 0 && score > (bestScore[slot - 1] as number)) {
        bestScore[slot] = bestScore[slot - 1] as number;
        bestIndex[slot] = bestIndex[slot - 1] as number;
        slot -= 1;
      }
      bestScore[slot] = score;
      bestIndex[slot] = index;
    }
    const out = new Float64Array(this.classCount);
    let total = 0;
    for (let slot = 0; slot < k; slot += 1) {
      const index = bestIndex[slot] as number;
      if (index < 0) break;
      const label = this.labels[index] as number;
      out[label] = (out[label] as number) + (bestScore[slot] as number);
      total += bestScore[slot] as number;
    }
    if (total > 0) for (let c = 0; c < out.length; c += 1) out[c] = (out[c] as number) / total;
    return out;
  }
}
