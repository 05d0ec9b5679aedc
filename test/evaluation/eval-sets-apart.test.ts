import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '../../src/knowledge/load-knowledge-base';
import { loadIntentCorpus } from '../../src/nlu/intent-corpus';
import { ROOT } from '../support/built-entry-points';

// The evaluation sets measure questions nobody tuned the bot on: none of their questions may be a training
// utterance in intents/ or a phrasing of a point, word for word (case, punctuation and spacing aside).
const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function evalQuestions(): Array<{ file: string; question: string }> {
  const dirs = ['test/eval', 'test/eval/blind', 'test/eval/dev'];
  return dirs.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir))
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) =>
        readFileSync(path.join(ROOT, dir, name), 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => ({ file: `${dir}/${name}`, question: (JSON.parse(line) as { question: string }).question })),
      ),
  );
}

describe('evaluation sets kept apart', () => {
  it('holds no evaluation question among the training utterances or the points’ phrasings', () => {
    const taught = new Set<string>();
    for (const intent of loadIntentCorpus(path.join(ROOT, 'intents')).intents) for (const utterance of intent.utterances) taught.add(plain(utterance));
    for (const council of loadKnowledgeBase(path.join(ROOT, 'protocol-data')).councils()) for (const point of council.points) for (const question of point.questions) taught.add(plain(question));
    const questions = evalQuestions();
    expect(questions.length).toBeGreaterThan(500);
    expect(questions.filter(({ question }) => taught.has(plain(question)))).toEqual([]);
  });
});
