import { loadSettings } from '../../src/config/load-settings';
import { isAppError } from '../../src/errors/app-error';

function problemsOf(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (error) {
    expect(isAppError(error, 'config_invalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

const OIDC = {
  OIDC_ISSUER_URL: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  OIDC_CLIENT_ID: 'app-id',
  OIDC_CLIENT_SECRET: 'app-secret',
  PUBLIC_URL: 'https://bot.example.gov.uk',
};

describe('web sign-in and proxy settings', () => {
  it('take the OpenID Connect provider with its client and the public URL', async () => {
    expect(loadSettings({ ...OIDC, TRUST_PROXY: '10.0.0.0/8, 192.168.1.1, fd00::/8, loopback' })).toMatchObject(OIDC);
  });

  it('refuse partial OIDC settings, naming each missing one', async () => {
    const message = problemsOf({ OIDC_ISSUER_URL: OIDC.OIDC_ISSUER_URL, PUBLIC_URL: OIDC.PUBLIC_URL });
    expect(message).toMatch(/OIDC_CLIENT_ID: is required with OIDC_ISSUER_URL/);
    expect(message).toMatch(/OIDC_CLIENT_SECRET: is required with OIDC_ISSUER_URL/);
  });

  it('refuse values that are not URLs, naming each', async () => {
    const message = problemsOf({ ...OIDC, OIDC_ISSUER_URL: 'login page', PUBLIC_URL: 'bot' });
    expect(message).toMatch(/OIDC_ISSUER_URL: /);
    expect(message).toMatch(/PUBLIC_URL: /);
  });

  it('refuse OIDC without PUBLIC_URL, where the provider sends people back', async () => {
    expect(problemsOf({ ...OIDC, PUBLIC_URL: '' })).toMatch(/PUBLIC_URL: is required with OIDC_\*/);
  });

  it('refuse a plain-http provider unless it is on this machine outside production', async () => {
    expect(problemsOf({ ...OIDC, OIDC_ISSUER_URL: 'http://login.example.gov.uk' })).toMatch(/OIDC_ISSUER_URL: must be https/);
    expect(loadSettings({ ...OIDC, NODE_ENV: 'test', OIDC_ISSUER_URL: 'http://127.0.0.1:4000' }).OIDC_ISSUER_URL).toBe('http://127.0.0.1:4000');
    expect(problemsOf({ ...OIDC, NODE_ENV: 'production', COMPLAINT_KEY: 'a'.repeat(64), DIRECTORY_FILE: 'x.yaml', OIDC_ISSUER_URL: 'http://127.0.0.1:4000' })).toMatch(
      /OIDC_ISSUER_URL: must be https/,
    );
  });

  it('refuse a plain-http PUBLIC_URL in production, where session cookies are Secure', async () => {
    expect(problemsOf({ NODE_ENV: 'production', COMPLAINT_KEY: 'a'.repeat(64), DIRECTORY_FILE: 'x.yaml', PUBLIC_URL: 'http://bot.example.gov.uk' })).toMatch(
      /PUBLIC_URL: must be https outside development/,
    );
  });

  it('refuse a TRUST_PROXY entry that is not an address, a range, loopback or a hop count, naming it', async () => {
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/8, proxy.internal' })).toMatch(/TRUST_PROXY: "proxy.internal" is not an IP address/);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })).toMatch(/TRUST_PROXY: "10.0.0.0\/33" has a prefix length/);
    expect(problemsOf({ TRUST_PROXY: '0' })).toMatch(/TRUST_PROXY: as a number of proxy hops must be between 1 and 10/);
  });
});
