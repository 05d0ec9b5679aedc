import { buildQuoteIndex } from '../../src/knowledge/quote-check';

const source = [
  '3. Reports',
  '',
  '- 3.1. Cabinet reports are usually reports of the relevant',
  'Cabinet Member, though will be drafted by officers.',
  '',
  '¹ As agreed by Standards Committee',
  '',
  'Appendix 1',
  '- 3.2. Reports to other Council bodies are **officers\u2019 reports**¹ and contain advice.',
].join('\n');

describe('quote check', () => {
  const index = buildQuoteIndex(source);

  it('accepts a quote across a line wrap', () => {
    expect(index.contains('Cabinet reports are usually reports of the relevant Cabinet Member, though will be drafted by officers.')).toBe(true);
  });

  it('ignores bold markers, footnote markers and page headers', () => {
    expect(index.contains('Reports to other Council bodies are officers\u2019 reports and contain advice.')).toBe(true);
  });

  it('accepts a footnote quoted on its own', () => {
    expect(index.contains('As agreed by Standards Committee')).toBe(true);
  });

  it('rejects a changed word, changed punctuation and a changed apostrophe', () => {
    expect(index.contains('Cabinet reports are always reports of the relevant Cabinet Member')).toBe(false);
    expect(index.contains('Cabinet reports are usually reports of the relevant Cabinet Member; though')).toBe(false);
    expect(index.contains("Reports to other Council bodies are officers' reports")).toBe(false);
  });

  it('rejects an empty quote', () => {
    expect(index.contains('   ')).toBe(false);
  });
});
