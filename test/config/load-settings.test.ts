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
    const message = problemsOf(() =>
      loadSettings({ NODE_ENV: 'production', PORT: 'eighty', LOG_LEVEL: 'loud', WEB_DEV_SIGN_IN: 'true', SLACK_BOT_TOKEN: 'xoxb-1' }),
    );
    for (const setting of ['PORT', 'LOG_LEVEL']) expect(message).toContain(`${setting}:`);
    expect(message.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  it('refuse production without the complaint key and a real directory, saying why', () => {
    const message = problemsOf(() => loadSettings({ NODE_ENV: 'production' }));
    expect(message).toMatch(/COMPLAINT_KEY: is required outside development/);
    expect(message).toMatch(/DIRECTORY_FILE: is required outside development/);
  });

  it('refuse another database engine rather than ignore it: cases are kept only in the embedded SQLite file', () => {
    expect(problemsOf(() => loadSettings({ DATABASE_URL: 'postgres://db/etiquette' }))).toMatch(/DATABASE_URL: .*embedded SQLite file, kept in DATA_DIR/);
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

    it('validates the file\'s values like the environment\'s', () => {
      const file = settingsFile('PORT=99999\n');
      expect(problemsOf(() => loadSettings({ CONFIG_FILE: file }))).toMatch(/PORT:/);
    });

    it('says so when the file cannot be read', () => {
      expect(problemsOf(() => loadSettings({ CONFIG_FILE: '/nonexistent/etiquette.env' }))).toMatch(/CONFIG_FILE: cannot read \/nonexistent\/etiquette.env \(ENOENT\)/);
    });
  });
});
