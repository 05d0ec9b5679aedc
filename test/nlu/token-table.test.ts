import { hashStep, TokenTable, TOKEN_HASH_START } from '../../src/nlu/token-table';

const hashOf = (text: string) => Array.from(text).reduce((hash, char) => hashStep(hash, char.charCodeAt(0)), TOKEN_HASH_START);

describe('the token table the feature index remembers words in', () => {
  it('finds a span of any string by its characters, not by where it sits', () => {
    const table = new TokenTable(100);
    expect(table.add('ask the councillor', 8, 18, hashOf('councillor'), 7)).toBe(true);
    expect(table.find('councillor', 0, 10, hashOf('councillor'))).toBe(7);
    expect(table.find('a councillors', 2, 12, hashOf('councillor'))).toBe(7);
    expect(table.find('councillors', 0, 11, hashOf('councillors'))).toBe(-1);
  });

  it('tells apart tokens whose hashes collide', () => {
    const table = new TokenTable(100);
    table.add('abc', 0, 3, 42, 1);
    table.add('abd', 0, 3, 42, 2);
    table.add('abcd', 0, 4, 42, 3);
    expect([table.find('abc', 0, 3, 42), table.find('abd', 0, 3, 42), table.find('abcd', 0, 4, 42), table.find('abe', 0, 3, 42)]).toEqual([1, 2, 3, -1]);
  });

  it('keeps every token through its growth, and refuses tokens past its limit or too long to be words', () => {
    const table = new TokenTable(5_000);
    const tokens = Array.from({ length: 5_000 }, (_, i) => `word${i}`);
    tokens.forEach((token, i) => expect(table.add(token, 0, token.length, hashOf(token), i)).toBe(true));
    expect(tokens.every((token, i) => table.find(token, 0, token.length, hashOf(token)) === i)).toBe(true);
    expect(table.add('one-more', 0, 8, hashOf('one-more'), 1)).toBe(false);
    expect(table.find('one-more', 0, 8, hashOf('one-more'))).toBe(-1);
    expect(table.size).toBe(5_000);
    const long = 'a'.repeat(65);
    expect(new TokenTable(10).add(long, 0, long.length, hashOf(long), 1)).toBe(false);
  });
});
