import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/app/create-logger';
import { startServer } from '../../../src/app/start-server';
import { loadSettings } from '../../../src/config/load-settings';
import { isAppError } from '../../../src/errors/app-error';
import { fileWebComplaint } from '../../support/file-web-complaint';
import { tempDataDir } from '../../support/temp-data-dir';

const PASSWORD = 'Sup3r-Secret-Pa55';
const PRODUCTION = { NODE_ENV: 'production', COMPLAINT_KEY: randomBytes(32).toString('hex'), DIRECTORY_FILE: 'config/directory.example.yaml', MAIL_FROM: 'Etiquette bot <etiquette@council.example>' };

/** The settings error's message (every problem, one a line); fails the test if the settings were taken. */
function refusal(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (error) {
    expect(isAppError(error, 'config_invalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

/** A loopback port nothing listens on: a mail server that is down. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the email settings', () => {
  it('refuse SMTP_URL without MAIL_FROM outside development, and never repeat the URL with its password', () => {
    const message = refusal({ NODE_ENV: 'staging', SMTP_URL: `smtp://bot:${PASSWORD}@mail.council.example:587` });
    expect(message).toMatch(/MAIL_FROM: is required with SMTP_URL outside development/);
    expect(message).not.toContain(PASSWORD);
    expect(loadSettings({ SMTP_URL: `smtp://bot:${PASSWORD}@mail.council.example:587` }).MAIL_FROM).toBeUndefined();
  });

  it('refuse a URL that is not SMTP or not a URL at all, without echoing it', () => {
    expect(refusal({ SMTP_URL: `https://bot:${PASSWORD}@mail.council.example` })).toMatch(/SMTP_URL: must start with smtp:\/\/ \(STARTTLS\) or smtps:\/\//);
    const notAUrl = refusal({ SMTP_URL: `mail.council.example with ${PASSWORD}` });
    expect(notAUrl).toMatch(/SMTP_URL: is not a URL/);
    expect(notAUrl).not.toContain(PASSWORD);
  });

  it('refuse a sender that is not an address', () => {
    expect(refusal({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'the etiquette bot' })).toMatch(/MAIL_FROM: must be an email address, or a name and an address as "Name <address>"/);
    expect(loadSettings({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'etiquette@council.example' }).MAIL_FROM).toBe('etiquette@council.example');
  });

  it('take PUBLIC_URL as an http(s) base for the case links, and refuse one with a query', () => {
    expect(loadSettings({ PUBLIC_URL: 'https://etiquette.council.example/bot/' }).PUBLIC_URL).toBe('https://etiquette.council.example/bot');
    expect(refusal({ PUBLIC_URL: 'etiquette.council.example' })).toMatch(/PUBLIC_URL: must be an http:\/\/ or https:\/\/ base URL/);
    expect(refusal({ PUBLIC_URL: 'https://etiquette.council.example/?next=1' })).toMatch(/PUBLIC_URL: must be an http:\/\/ or https:\/\/ base URL/);
  });

  it('in production, refuse turning TLS off for a mail server on the network, but allow it for a relay on this machine', () => {
    const message = refusal({ ...PRODUCTION, SMTP_URL: `smtp://bot:${PASSWORD}@mail.council.example:587?ignoreTLS=true&tls.rejectUnauthorized=false` });
    expect(message).toMatch(/SMTP_URL: ignoreTLS=true turns off TLS protection for a mail server on the network/);
    expect(message).toMatch(/SMTP_URL: tls\.rejectUnauthorized=false turns off TLS protection/);
    expect(message).not.toContain(PASSWORD);
    expect(loadSettings({ ...PRODUCTION, SMTP_URL: 'smtp://127.0.0.1:25?ignoreTLS=true' }).SMTP_URL).toBe('smtp://127.0.0.1:25?ignoreTLS=true');
    expect(loadSettings({ ...PRODUCTION, SMTP_URL: `smtps://bot:${PASSWORD}@mail.council.example:465` }).MAIL_FROM).toBe(PRODUCTION.MAIL_FROM);
  });

  it('name the mail server in the start-up log, and never log the password, even when the server is down', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const port = await closedPort();
    const settings = loadSettings({
      NODE_ENV: 'test',
      PORT: '0',
      DATA_DIR: tempDataDir(),
      WEB_DEV_SIGN_IN: 'true',
      COUNCIL: 'lydney',
      SMTP_URL: `smtp://bot:${PASSWORD}@127.0.0.1:${port}`,
      MAIL_FROM: 'etiquette@lydney.example',
    });
    const running = await startServer(settings, createLogger('debug', sink));
    try {
      running.jobs.stop();
      await running.jobs.runOnce();
      const reference = await fileWebComplaint(`http://127.0.0.1:${running.port}`, {
        council: 'lydney',
        complainant: 'ly-member',
        about: 'ly-officer',
        idempotencyKey: 'email-log-0001',
        description: 'A long enough description of what happened at the meeting.',
      });
      await running.jobs.runOnce();
      const log = lines.join('');
      expect(log).toContain(`"email (127.0.0.1:${port})"`);
      expect(log).toMatch(new RegExp(`"reference":"${reference}".*notification delivery failed; will retry`));
      expect(log).not.toContain(PASSWORD);
    } finally {
      await running.stop();
    }
    // a whole server starts here (beforeAll hooks elsewhere get the same room): on two busy cores it can take seconds
  }, 30_000);
});
