import fc from 'fast-check';
import { pathOf } from '../../../src/channels/http/create-http-server';

/** What URL makes of a target's path, or null where URL refuses the target. */
const viaUrl = (target: string) => {
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return null;
  }
};

describe('the path a request is routed by', () => {
  it('is what URL makes of the request target, for plain paths and for dot segments, escapes and doubled slashes', () => {
    const pathPart = fc.constantFrom('api', 'ask', 'councils', '..', '.', '', '%2e%2E', '%41', 'a b', 'é', '\\', '_-', 'x;y', 'slack', 'events');
    const target = fc.tuple(fc.array(pathPart, { maxLength: 6 }), fc.constantFrom('', '?', '?topic=a/b', '#frag', '?x=..')).map(([parts, tail]) => `/${parts.join('/')}${tail}`);
    fc.assert(
      fc.property(
        fc.oneof(
          target,
          fc.string().map((s) => `/${s}`),
        ),
        (t) => {
          expect(pathOf(t)).toBe(viaUrl(t));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('routes the contract paths as themselves and drops the query', () => {
    expect(pathOf('/api/ask')).toBe('/api/ask');
    expect(pathOf('/api/compare?topic=gifts')).toBe('/api/compare');
    expect(pathOf('/')).toBe('/');
    expect(pathOf('/api/../api/ask')).toBe('/api/ask');
    expect(pathOf('//elsewhere.example/api/ask')).toBe('/api/ask');
    expect(pathOf('//')).toBeNull();
  });
});
