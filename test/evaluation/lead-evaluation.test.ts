import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateLeads, renderLeadEvaluation } from '../../src/evaluation/evaluate-leads';
import { loadBlindSet, type LeadQuestion } from '../../src/evaluation/lead-set';
import { engineAnswering, reply } from '../support/lead-replies';
import { tempDataDir } from '../support/temp-data-dir';

const SAMPLE = path.join(__dirname, '..', 'fixtures', 'blind-sample.jsonl');

describe('the blind-set evaluator, on a sample of our own', () => {
  it('reads the blind format, and reports absence as null rather than failing', () => {
    const set = loadBlindSet(SAMPLE);
    expect(set?.map((q) => [q.id, q.inScope, q.decidingClauses.length, q.facts.length])).toEqual([
      ['s1', true, 2, 2],
      ['s2', true, 1, 2],
      ['s3', true, 1, 1],
      ['s4', false, 0, 0],
    ]);
    expect(loadBlindSet(path.join(tempDataDir(), 'no-such-file.jsonl'))).toBeNull();
  });

  it('refuses a malformed line, naming the file and the line', () => {
    const file = path.join(tempDataDir(), 'bad.jsonl');
    writeFileSync(file, '{"id":"x","council":"lydney","role":"member","question":"q","inScope":true}\n{"id":"y","council":"lydney","role":"mayor","question":"q","inScope":true}\n');
    expect(() => loadBlindSet(file)).toThrow(/bad\.jsonl:2: role/);
  });

  it('scores right point, facts, deciding clause first, lead lengths, identical leads and declines', () => {
    const set = loadBlindSet(SAMPLE) ?? [];
    const [s1, s2, s3, s4] = set.map((q) => q.question) as [string, string, string, string];
    const shared = 'Five working days. The director replies in writing within 5 working days (section 13).';
    const engine = engineAnswering({
      // right point, both fact groups stated (case-insensitively), deciding clause first
      [s1]: reply('The Chairman of the Council. Raise it with the chairman of the council in the first instance (5.2).', 'lyd-a', '5.2.p2'),
      // right point and clause, but the second fact group is missing from the lead
      [s2]: reply('Yes. The Town Clerk (CEO) may send you in his place (4.3(b)).', 'lyd-b', '4.3(b)'),
      // a wrong point whose lead states the fact: the point is wrong, the facts are stated
      [s3]: reply(shared, 'lc-c', '13.p8'),
      [s4]: reply('That is outside what I can advise on.', null, undefined, true),
    });
    const evaluation = evaluateLeads(engine, set);
    expect(evaluation).toMatchObject({ questions: 4, inScope: 3, outOfScope: 1, factsQuestions: 3, outOfScopeDeclined: 1, inScopeDeclined: 0 });
    expect(evaluation.rightPoint).toBeCloseTo(2 / 3);
    expect(evaluation.factsStated).toBeCloseTo(2 / 3);
    expect(evaluation.decidingClauseFirst).toBeCloseTo(2 / 3);
    expect(evaluation.outcomes.find((o) => o.id === 's2')?.missingFacts).toEqual([['facts and options only', 'political advice']]);
    const lengths = [s1, s2, s3].map((q) => engine.ask({ question: q }).lead.length).sort((a, b) => a - b);
    expect(evaluation.leadLength).toEqual({ median: lengths[1], max: lengths[2] });
    expect(evaluation.identicalLeads).toEqual({ leads: 0, questions: 0, fromDifferentPoints: 0, withDifferentDecidingClauses: 0 });
    expect(renderLeadEvaluation('sample', evaluation)).toMatch(/not the right point: s3$/m);
  });

  it('counts one lead given to different questions, and whether different points or deciding clauses were expected', () => {
    const set = loadBlindSet(SAMPLE) ?? [];
    const same = reply('The Chairman of the Council (5.2).', 'lyd-a', '5.2.p2');
    const engine = { ask: ({ question }: { question: string }) => (question.startsWith('What time') ? reply('No.', null, undefined, true) : same) };
    const { identicalLeads } = evaluateLeads(engine, set);
    expect(identicalLeads).toEqual({ leads: 1, questions: 3, fromDifferentPoints: 0, withDifferentDecidingClauses: 1 });
  });

  it('reports questions asked about and answered on the wrong topic, and leaves questions with no deciding clause out of right point', () => {
    const [s1, s2, s3] = (loadBlindSet(SAMPLE) ?? []).filter((q) => q.inScope) as [LeadQuestion, LeadQuestion, LeadQuestion];
    const asking: ReplyModel = {
      ...reply('I want to be sure I answer the right question: is this about A or B?', null, undefined),
      clarify: [
        { point: 'lyd-a', label: 'A' },
        { point: 'lyd-b', label: 'B' },
      ],
    };
    const replies: Record<string, ReplyModel> = {
      // right point, though filed under another topic than the set's: wrong topic, right point
      [s1.question]: reply('The Chairman of the Council (5.2).', 'lyd-a', '5.2.p2', false, 'roles-and-responsibilities'),
      [s2.question]: asking,
      // a question listing no deciding clause: right by no answer, so not counted in right point
      [s3.question]: reply('Five working days (section 13).', 'lc-c', '13.p8', false, s3.topic ?? ''),
    };
    const evaluation = evaluateLeads({ ask: ({ question }) => replies[question] as ReplyModel }, [s1, s2, { ...s3, decidingClauses: [] }]);
    expect(evaluation.clarified).toBeCloseTo(1 / 3);
    expect(evaluation.wrongTopic).toEqual({ share: 1 / 3, wrongPointToo: 0, questions: 3 });
    expect(evaluation.withDecidingClauses).toBe(2);
    expect(evaluation.rightPoint).toBeCloseTo(1 / 2);
    expect(renderLeadEvaluation('sample', evaluation)).toMatch(/1 in-scope questions list no deciding clause: not counted/);
  });
});
