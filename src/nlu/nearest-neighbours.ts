/** Each training example's feature ids, flat: example `i` has `ids[offsets[i] .. offsets[i + 1])`. */
export interface ExampleFeatures {
  offsets: Int32Array;
  ids: Int32Array;
}

/**
 * k-nearest-neighbour voting over the training utterances (TF-IDF, cosine), through an inverted index.
 * Long, situational questions often share a distinctive phrase with one training example more than with a
 * topic as a whole; the neighbours catch that, and the logistic model the broader vocabulary.
 *
 * Features are the classifier's integer feature ids, and the index is flat typed arrays (one offset table, and the
 * postings with their weights side by side), so a vote touches contiguous memory and allocates almost nothing.
 * A posting's weight is the whole product of the feature's weight in the question (its idf) and in the example:
 * a question's vector is not normalised, since scaling every similarity alike changes neither the nearest
 * examples nor the shares of their vote, so a vote reads nothing per feature but its postings.
 */
export class NearestNeighbours {
  /**
   * Postings of feature f are `p` in `postingStart[f] .. postingStart[f + 1]`: example `postings[2p]`, with weight
   * `postingWeights[2p + 1]` (two views of one buffer, so an example and its weight share a cache line).
   */
  private readonly postingStart: Int32Array;
  private readonly postings: Int32Array;
  private readonly postingWeights: Float32Array;
  private readonly labels: Int32Array;
  /** Scratch space reused across calls (one request at a time: Node runs them on one thread). */
  private readonly similarity: Float64Array;
  private readonly touched: Int32Array;
  private readonly bestIndex: Int32Array;
  private readonly bestScore: Float64Array;
  private readonly shares: Float64Array;

  /** `labels[i]` is example i's class. An example's repeated ids count once (`mark[f]` says which pass saw f). */
  constructor(
    labels: Int32Array,
    features: ExampleFeatures,
    private readonly classCount: number,
    featureCount: number,
  ) {
    const n = labels.length;
    const { offsets, ids } = features;
    const df = new Int32Array(featureCount);
    const mark = new Int32Array(featureCount).fill(-1);
    for (let i = 0; i < n; i += 1) {
      const end = offsets[i + 1] as number;
      for (let p = offsets[i] as number; p < end; p += 1) {
        const f = ids[p] as number;
        if (mark[f] === i) continue;
        mark[f] = i;
        df[f] = (df[f] as number) + 1;
      }
    }
    // Features in more than this many examples carry little signal and cost the most: left out of the index.
    // (40 rather than an eighth of the corpus: a vote takes a quarter of the time, with 5-fold CV within 0.5%.)
    const commonLimit = Math.max(20, Math.min(40, Math.floor(n / 8)));
    const idf = new Float32Array(featureCount);
    const postingCount = new Int32Array(featureCount + 1);
    for (let f = 0; f < featureCount; f += 1) {
      const count = df[f] as number;
      if (count === 0) continue;
      idf[f] = Math.log((n + 1) / (count + 1)) + 1;
      if (count <= commonLimit) postingCount[f + 1] = count;
    }
    this.postingStart = new Int32Array(featureCount + 1);
    for (let f = 0; f < featureCount; f += 1) this.postingStart[f + 1] = (this.postingStart[f] as number) + (postingCount[f + 1] as number);
    const total = this.postingStart[featureCount] as number;
    this.postings = new Int32Array(2 * total);
    this.postingWeights = new Float32Array(this.postings.buffer);
    const fill = this.postingStart.slice(0, featureCount);
    for (let index = 0; index < n; index += 1) {
      const start = offsets[index] as number;
      const end = offsets[index + 1] as number;
      let sum = 0;
      for (let p = start; p < end; p += 1) {
        const f = ids[p] as number;
        if (mark[f] === n + index) continue;
        mark[f] = n + index;
        sum += (idf[f] as number) ** 2;
      }
      const norm = Math.sqrt(sum) || 1;
      for (let p = start; p < end; p += 1) {
        const f = ids[p] as number;
        if (mark[f] === 2 * n + index) continue;
        mark[f] = 2 * n + index;
        if (postingCount[f + 1] === 0) continue;
        const at = fill[f] as number;
        fill[f] = at + 1;
        this.postings[2 * at] = index;
        this.postingWeights[2 * at + 1] = ((idf[f] as number) * (idf[f] as number)) / norm;
      }
    }
    this.labels = labels;
    this.similarity = new Float64Array(n);
    this.touched = new Int32Array(n);
    this.bestIndex = new Int32Array(64);
    this.bestScore = new Float64Array(64);
    this.shares = new Float64Array(classCount);
  }

  /**
   * Per-class share of the similarity of the `k` nearest examples to a message with the distinct feature ids
   * `features[0 .. featureCount)` (sums to 1, or all 0 if none is near). The array returned is reused by the next
   * call: read it before voting again.
   */
  vote(features: Int32Array, featureCount: number, k: number): Float64Array {
    const { similarity, touched, postingStart, postings, postingWeights } = this;
    let count = 0;
    for (let i = 0; i < featureCount; i += 1) {
      const f = features[i] as number;
      const end = 2 * (postingStart[f + 1] as number);
      for (let p = 2 * (postingStart[f] as number); p < end; p += 2) {
        const index = postings[p] as number;
        if (similarity[index] === 0) touched[count++] = index;
        similarity[index] = (similarity[index] as number) + (postingWeights[p + 1] as number);
      }
    }
    // Top k by insertion: k is small, so this beats sorting every candidate.
    const bestIndex = k <= this.bestIndex.length ? this.bestIndex : new Int32Array(k);
    const bestScore = k <= this.bestScore.length ? this.bestScore : new Float64Array(k);
    bestIndex.fill(-1, 0, k);
    bestScore.fill(0, 0, k);
    let floor = 0;
    for (let t = 0; t < count; t += 1) {
      const index = touched[t] as number;
      const score = similarity[index] as number;
      similarity[index] = 0;
      if (score <= floor) continue;
      let slot = k - 1;
      while (slot > 0 && score > (bestScore[slot - 1] as number)) {
        bestScore[slot] = bestScore[slot - 1] as number;
        bestIndex[slot] = bestIndex[slot - 1] as number;
        slot -= 1;
      }
      bestScore[slot] = score;
      bestIndex[slot] = index;
      floor = bestScore[k - 1] as number;
    }
    const out = this.shares;
    out.fill(0);
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
