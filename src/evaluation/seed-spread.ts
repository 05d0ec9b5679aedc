import type { AnswerEngine } from '../answer/answer-engine';
import { evaluateLeads, type LeadEvaluation } from './evaluate-leads';
import type { LeadQuestion } from './lead-set';

/**
 * The lead figures of one set under classifiers trained with different seeds. The seed only reorders the training
 * examples, yet on the 80 blind questions it moved the right point between 78.8% and 82.5% (session 16): a change
 * worth one or two questions there is within what reshuffling alone does, and is judged against this spread.
 */
export interface SeedSpread {
  set: string;
  seeds: number[];
  figures: Array<{ name: SpreadFigure; bySeed: number[]; min: number; median: number; max: number }>;
}

export type SpreadFigure = 'right point' | 'lead states the facts' | 'wrong topic, not asked' | 'in-scope declined' | 'clarification asked' | 'out-of-scope declined';

const FIGURES: ReadonlyArray<[SpreadFigure, (evaluation: LeadEvaluation) => number | null]> = [
  ['right point', (e) => e.rightPoint],
  ['lead states the facts', (e) => e.factsStated],
  ['wrong topic, not asked', (e) => (e.wrongTopic.questions === 0 ? null : e.wrongTopic.share)],
  ['in-scope declined', (e) => e.inScopeDeclined],
  ['clarification asked', (e) => e.clarified],
  ['out-of-scope declined', (e) => (e.outOfScope === 0 ? null : e.outOfScopeDeclined)],
];

/** Measures each set with the engine built for each seed; a figure a set cannot give (no facts, no topics) is left out. */
export function measureSeedSpread(
  seeds: readonly number[],
  engineFor: (seed: number) => Pick<AnswerEngine, 'ask'>,
  sets: ReadonlyArray<{ name: string; questions: readonly LeadQuestion[] }>,
): SeedSpread[] {
  const bySeed = seeds.map((seed) => {
    const engine = engineFor(seed);
    return sets.map(({ questions }) => evaluateLeads(engine, questions));
  });
  return sets.map(({ name }, setIndex) => ({
    set: name,
    seeds: [...seeds],
    figures: FIGURES.flatMap(([figure, read]) => {
      const values = bySeed.map((evaluations) => read(evaluations[setIndex] as LeadEvaluation));
      const known = values.filter((value): value is number => value !== null);
      if (known.length < values.length) return [];
      const sorted = [...known].sort((a, b) => a - b);
      return [{ name: figure, bySeed: known, min: sorted[0] ?? 0, median: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 }];
    }),
  }));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One block a set: each figure's lowest, median and highest over the seeds, then its value for each seed. */
export function renderSeedSpread(spreads: readonly SeedSpread[]): string {
  return spreads
    .map((spread) =>
      [
        `${spread.set}, over training seeds ${spread.seeds.join(', ')} (lowest / median / highest; then seed by seed):`,
        ...spread.figures.map((f) => `  ${`${f.name}:`.padEnd(26)}${pct(f.min)} / ${pct(f.median)} / ${pct(f.max)}   (${f.bySeed.map(pct).join(', ')})`),
      ].join('\n'),
    )
    .join('\n\n');
}
