import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSettings } from '../../src/config/load-settings';
import { isAppError } from '../../src/errors/app-error';
import { tempDataDir } from '../support/temp-data-dir';

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isAppError(error, 'config_invalid')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the settings to be refused');
}

describe('settings', () => {
  it('start with nothing set: the web chat on port 3000, data in ./data, no chat platforms', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info' });
    expect(settings.SLACK_BOT_TOKEN).toBeUndefined();
    expect(settings.MICROSOFT_APP_ID).toBeUndefined();
  });

  it('list every problem in one readable error, each naming its setting', () => {
    const message = problemsOf(() => loadSettings({ NODE_ENV: 'production', PORT: 'eighty', LOG_LEVEL: 'loud', WEB_DEV_SIGN_IN: 'true', SLACK_BOT_TOKEN: 'xoxb-1' }));
    for (const setting of ['PORT', 'LOG_LEVEL']) expect(message).toContain(`${setting}:`);
    expect(message.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  it('refuse production without the complaint key and a real directory, saying why', () => {
    const message = problemsOf(() => loadSettings({ NODE_ENV: 'production' }));
    expect(message).toMatch(/COMPLAINT_KEY: is required outside development/);
    expect(message).toMatch(/DIRECTORY_FILE: is required outside development/);
  });

  describe('refuse what is unsafe anywhere but on this machine, not only in production', () => {
    const deployedBasics = { COMPLAINT_KEY: '3f1c9a7e5b2d4086a1e9c7b5d3f20468ace13579bdf02468ace13579bdf02468', DIRECTORY_FILE: 'config/directory.example.yaml' };

    it.each(['production', 'staging', 'uat'])('NODE_ENV=%s needs the complaint key and a real directory', (env) => {
      const message = problemsOf(() => loadSettings({ NODE_ENV: env }));
      expect(message).toMatch(/COMPLAINT_KEY: is required outside development/);
      expect(message).toMatch(/DIRECTORY_FILE: is required outside development/);
    });

    it.each(['production', 'staging'])('NODE_ENV=%s refuses the development sign-in and the unauthenticated Teams endpoint', (env) => {
      const message = problemsOf(() => loadSettings({ NODE_ENV: env, ...deployedBasics, WEB_DEV_SIGN_IN: 'true', TEAMS_LOCAL: 'true', COUNCIL: 'lydney' }));
      expect(message).toContain(`WEB_DEV_SIGN_IN: the development sign-in lets anyone sign in as anyone, so it cannot be on with NODE_ENV=${env}`);
      expect(message).toMatch(/TEAMS_LOCAL: an unauthenticated Teams endpoint cannot be turned on with NODE_ENV=/);
    });

    it("staging with Teams credentials must name the council's tenant (single-tenant)", () => {
      const message = problemsOf(() => loadSettings({ NODE_ENV: 'staging', ...deployedBasics, COUNCIL: 'lydney', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret' }));
      expect(message).toMatch(/MICROSOFT_APP_TENANT_ID: is required outside development/);
      expect(loadSettings({ NODE_ENV: 'staging', ...deployedBasics, COUNCIL: 'lydney', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: 'tenant' }).NODE_ENV).toBe(
        'staging',
      );
    });

    it('development on an interface others can reach refuses its sign-in (on by default) until it is turned off', () => {
      const message = problemsOf(() => loadSettings({ HOST: '0.0.0.0' }));
      expect(message).toContain('WEB_DEV_SIGN_IN: the development sign-in lets anyone sign in as anyone, so it cannot be on on HOST=0.0.0.0');
      expect(problemsOf(() => loadSettings({ HOST: '0.0.0.0', WEB_DEV_SIGN_IN: 'false', TEAMS_LOCAL: 'true', COUNCIL: 'lydney' }))).toMatch(
        /TEAMS_LOCAL: an unauthenticated Teams endpoint cannot be turned on on HOST=0\.0\.0\.0/,
      );
      expect(loadSettings({ HOST: '0.0.0.0', WEB_DEV_SIGN_IN: 'false' }).HOST).toBe('0.0.0.0');
      expect(loadSettings({ HOST: '127.0.0.1', WEB_DEV_SIGN_IN: 'true' }).WEB_DEV_SIGN_IN).toBe('true');
    });

    it('a deployment with everything it needs starts, and NODE_ENV must be a plain word', () => {
      expect(loadSettings({ NODE_ENV: 'staging', ...deployedBasics }).NODE_ENV).toBe('staging');
      expect(problemsOf(() => loadSettings({ NODE_ENV: 'Prod uction' }))).toMatch(/NODE_ENV: must be a lowercase word/);
    });
  });

  it('take a PostgreSQL DATABASE_URL, refuse any other engine or a URL naming no database, and never repeat its password', () => {
    expect(loadSettings({ DATABASE_URL: 'postgres://bot:s3cret-pw@db.council.example:5432/etiquette' }).DATABASE_URL).toBe('postgres://bot:s3cret-pw@db.council.example:5432/etiquette');
    expect(loadSettings({ DATABASE_URL: 'postgresql://db/etiquette', DATABASE_POOL_SIZE: '4' }).DATABASE_POOL_SIZE).toBe(4);
    const mysql = problemsOf(() => loadSettings({ DATABASE_URL: 'mysql://bot:s3cret-pw@db/etiquette' }));
    expect(mysql).toMatch(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    expect(problemsOf(() => loadSettings({ DATABASE_URL: 'postgres://bot:s3cret-pw@db' }))).toMatch(/DATABASE_URL: names no database/);
    expect(problemsOf(() => loadSettings({ DATABASE_URL: 'db.council.example with s3cret-pw' }))).toMatch(/DATABASE_URL: is not a URL/);
    for (const url of ['mysql://bot:s3cret-pw@db/etiquette', 'postgres://bot:s3cret-pw@db', 'db.council.example with s3cret-pw'])
      expect(problemsOf(() => loadSettings({ DATABASE_URL: url }))).not.toContain('s3cret-pw');
    // Outside development, a database on another host only over TLS (who complained about whom crosses that wire).
    const deployed = { NODE_ENV: 'production', COMPLAINT_KEY: 'c0ffee15'.repeat(8) };
    expect(problemsOf(() => loadSettings({ ...deployed, DATABASE_URL: 'postgres://bot:s3cret-pw@db.council.example/etiquette' }))).toMatch(/DATABASE_URL: must use TLS .*sslmode=verify-full/);
    expect(problemsOf(() => loadSettings({ ...deployed, DATABASE_URL: 'postgres://bot:s3cret-pw@db.council.example/etiquette?sslmode=verify-full' }))).not.toMatch(/DATABASE_URL/);
    expect(problemsOf(() => loadSettings({ ...deployed, DATABASE_URL: 'postgres://bot:s3cret-pw@127.0.0.1/etiquette' }))).not.toMatch(/DATABASE_URL/);
  });

  describe('from an optional CONFIG_FILE', () => {
    function settingsFile(text: string): string {
      const file = path.join(tempDataDir(), 'etiquette.env');
      writeFileSync(file, text);
      return file;
    }

    it('reads NAME=value lines, comments and quotes, with environment variables taking precedence', () => {
      const file = settingsFile('# our council\nCOUNCIL=lydney\nPORT="8080"\nLOG_LEVEL=warn # quieter\nexport CASE_RETENTION_DAYS=365\n\n');
      const settings = loadSettings({ CONFIG_FILE: file, LOG_LEVEL: 'debug' });
      expect(settings).toMatchObject({ COUNCIL: 'lydney', PORT: 8080, LOG_LEVEL: 'debug', CASE_RETENTION_DAYS: 365 });
    });

    it('names the file and line of a misspelt setting or a line that is not NAME=value', () => {
      const file = settingsFile('COUNCIL=lydney\nSLACK_SIGNNG_SECRET=abc\nthis is not a setting\n');
      const message = problemsOf(() => loadSettings({ CONFIG_FILE: file }));
      expect(message).toContain(`${file}:2: SLACK_SIGNNG_SECRET is not a setting`);
      expect(message).toContain(`${file}:3: expected NAME=value`);
    });

    it("validates the file's values like the environment's", () => {
      const file = settingsFile('PORT=99999\n');
      expect(problemsOf(() => loadSettings({ CONFIG_FILE: file }))).toMatch(/PORT:/);
    });

    it('says so when the file cannot be read', () => {
      expect(problemsOf(() => loadSettings({ CONFIG_FILE: '/nonexistent/etiquette.env' }))).toMatch(/CONFIG_FILE: cannot read \/nonexistent\/etiquette.env \(ENOENT\)/);
    });
  });
});
