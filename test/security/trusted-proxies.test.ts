import { clientAddress, parseTrustedProxies } from '../../src/security/trusted-proxies';

describe('the client address behind trusted proxies', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(parseTrustedProxies(undefined), '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
  });

  it('walks X-Forwarded-For back from the peer while each hop is a trusted proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    // the client wrote a forged first entry; the outer proxy (10.1.1.1) appended the address it saw (203.0.113.9)
    expect(clientAddress(trusted, '10.2.2.2', '6.6.6.6, 203.0.113.9, 10.1.1.1')).toBe('203.0.113.9');
    expect(clientAddress(trusted, '::ffff:10.2.2.2', ['203.0.113.9'])).toBe('203.0.113.9');
    // an untrusted peer: its header is ignored
    expect(clientAddress(trusted, '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    // a hop that is not an address is not believed past
    expect(clientAddress(trusted, '10.2.2.2', 'unknown')).toBe('10.2.2.2');
  });

  it('takes a number of hops as that many proxies in front, trusting no more', () => {
    expect(clientAddress(parseTrustedProxies('1'), '10.2.2.2', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress(parseTrustedProxies('2'), '10.2.2.2', '6.6.6.6, 203.0.113.9')).toBe('6.6.6.6');
    expect(clientAddress(parseTrustedProxies('3'), '10.2.2.2', '203.0.113.9')).toBe('203.0.113.9');
  });
});
