import path from 'node:path';
import { loadBlindSet } from '../../src/evaluation/lead-set';
import { measureSeedSpread, renderSeedSpread } from '../../src/evaluation/seed-spread';
import { engineAnswering, reply } from '../support/lead-replies';

const SAMPLE = path.join(__dirname, '..', 'fixtures', 'blind-sample.jsonl');

describe('the spread of the lead figures over training seeds (npm run eval -- --seeds)', () => {
  it('gives each figure its lowest, median and highest over the seeds, and its value seed by seed', () => {
    const set = loadBlindSet(SAMPLE) ?? [];
    const [s1, s2, s3, s4] = set.map((q) => q.question) as [string, string, string, string];
    const declined = reply('That is outside what I can advise on.', null, undefined, true);
    // seed 7 answers s1 and s3 with their points; seed 1 only s1; seed 2 all three; the off-topic s4 is declined by all
    // but seed 2, which answers it
    const right = {
      [s1]: reply('The Chairman of the Council, in the first instance (5.2).', 'lyd-a', '5.2.p2', false, 'complaint-about-officer'),
      [s2]: reply('Yes, facts and options only (4.3(b)).', 'lyd-b', '4.3(b)', false, 'party-group-briefings'),
      [s3]: reply('Five working days (13).', 'lc-c', '13.p3', false, 'complaint-about-officer'),
    };
    const engines: Record<number, ReturnType<typeof engineAnswering>> = {
      7: engineAnswering({ [s1]: right[s1], [s2]: declined, [s3]: right[s3], [s4]: declined }),
      1: engineAnswering({ [s1]: right[s1], [s2]: declined, [s3]: declined, [s4]: declined }),
      2: engineAnswering({ ...right, [s4]: reply('Yes.', 'rbc-x', 'x.1', false, 'visits-to-premises') }),
    };
    const [spread] = measureSeedSpread([7, 1, 2], (seed) => engines[seed] as ReturnType<typeof engineAnswering>, [{ name: 'the sample', questions: set }]);
    const figure = (name: string) => spread?.figures.find((f) => f.name === name);
    expect(figure('right point')).toEqual({ name: 'right point', bySeed: [2 / 3, 1 / 3, 1], min: 1 / 3, median: 2 / 3, max: 1 });
    expect(figure('in-scope declined')?.bySeed).toEqual([1 / 3, 2 / 3, 0]);
    expect(figure('out-of-scope declined')).toMatchObject({ bySeed: [1, 1, 0], min: 0, median: 1, max: 1 });
    const text = renderSeedSpread(spread ? [spread] : []);
    expect(text).toMatch(/^the sample, over training seeds 7, 1, 2/);
    expect(text).toMatch(/right point: +33\.3% \/ 66\.7% \/ 100\.0% +\(66\.7%, 33\.3%, 100\.0%\)/);
  });

  it('leaves out a figure the set cannot give: facts for a set that lists none', () => {
    const set = (loadBlindSet(SAMPLE) ?? []).map((q) => ({ ...q, facts: [] }));
    const [spread] = measureSeedSpread([7], () => engineAnswering({}), [{ name: 'no facts', questions: set }]);
    expect(spread?.figures.map((f) => f.name)).not.toContain('lead states the facts');
    expect(spread?.figures.map((f) => f.name)).toContain('right point');
  });
});
